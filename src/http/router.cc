#include "http/router.h"

namespace fupan::http {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

void Router::add(std::string method, std::string pattern, Handler handler) {
  auto segments = split_path(pattern);
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

Router::Lookup Router::find(Request& req) const {
  const auto segments = split_path(req.path);
  Lookup best;
  int best_literals = -1;
  for (const Route& r : routes_) {
    if (r.segments.size() != segments.size()) continue;
    int literals = 0;
    bool ok = true;
    for (std::size_t i = 0; i < segments.size() && ok; ++i) {
      const std::string& s = r.segments[i];
      if (s.size() > 1 && s.front() == '{' && s.back() == '}') continue;
      ok = s == segments[i];
      ++literals;
    }
    if (!ok) continue;
    if (r.method != req.method) {
      if (best.match == Match::none) best = {Match::wrong_method, nullptr, &r.pattern};
      continue;
    }
    if (literals > best_literals) {
      best_literals = literals;
      best = {Match::found, &r.handler, &r.pattern};
      req.params.clear();
      for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& s = r.segments[i];
        if (s.size() > 1 && s.front() == '{') req.params[s.substr(1, s.size() - 2)] = segments[i];
      }
    }
  }
  return best;
}

std::vector<std::string> Router::describe() const {
  std::vector<std::string> out;
  for (const Route& r : routes_) out.push_back(r.method + " " + r.pattern);
  return out;
}

}  // namespace fupan::http
