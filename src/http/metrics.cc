#include "http/metrics.h"

#include <fmt/format.h>

namespace fupan::http {

void Metrics::register_route(const std::string& label) {
  if (!routes_.contains(label)) routes_.emplace(label, std::make_unique<RouteStats>());
}

void Metrics::observe(const std::string& label, int status, std::chrono::nanoseconds elapsed) {
  auto it = routes_.find(label);
  if (it == routes_.end()) it = routes_.find("other");
  if (it == routes_.end()) return;
  RouteStats& s = *it->second;
  int cls = status / 100;
  if (cls >= 1 && cls <= 5) s.by_class[cls].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.sum_us.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count(),
                     std::memory_order_relaxed);
}

std::string Metrics::render(const std::function<void(std::string&)>& extra) const {
  std::string out;
  out += "# HELP fupan_http_requests_total HTTP requests by route and status class.\n";
  out += "# TYPE fupan_http_requests_total counter\n";
  for (const auto& [label, s] : routes_) {
    for (int cls = 1; cls <= 5; ++cls) {
      auto n = s->by_class[cls].load(std::memory_order_relaxed);
      if (n)
        out += fmt::format("fupan_http_requests_total{{route=\"{}\",status=\"{}xx\"}} {}\n", label,
                           cls, n);
    }
  }
  out += "# HELP fupan_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE fupan_http_request_duration_seconds histogram\n";
  for (const auto& [label, s] : routes_) {
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += s->buckets[b].load(std::memory_order_relaxed);
      std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
      out +=
          fmt::format("fupan_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      label, le, cumulative);
    }
    out += fmt::format("fupan_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label,
                       static_cast<double>(s->sum_us.load(std::memory_order_relaxed)) / 1e6);
    out += fmt::format("fupan_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label,
                       cumulative);
  }
  out += "# TYPE fupan_http_connections_total counter\n";
  out += fmt::format("fupan_http_connections_total {}\n", connections_total_.load());
  out += "# TYPE fupan_http_connections_open gauge\n";
  out += fmt::format("fupan_http_connections_open {}\n", connections_open_.load());
  out += "# TYPE fupan_uptime_seconds gauge\n";
  out += fmt::format(
      "fupan_uptime_seconds {}\n",
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  if (extra) extra(out);
  return out;
}

}  // namespace fupan::http
