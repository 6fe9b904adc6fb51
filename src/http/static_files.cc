#include "http/static_files.h"

#include <fstream>
#include <sstream>

namespace fupan::http {
namespace {

std::string content_type_of(const std::string& path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "ttf") return "font/ttf";
  return "application/octet-stream";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

AcceptedEncodings parse_accept_encoding(std::string_view header) {
  AcceptedEncodings out;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    std::string_view coding = trim(item.substr(0, item.find(';')));
    bool allowed = true;
    if (const std::size_t semi = item.find(';'); semi != std::string_view::npos) {
      std::string_view param = trim(item.substr(semi + 1));
      // "q=0", "q=0.0", "q=0.000": refused; any other weight accepts.
      if (param.size() >= 3 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        allowed = param.substr(2).find_first_not_of("0.") != std::string_view::npos;
      }
    }
    if (!allowed) continue;
    if (coding == "br") out.br = true;
    if (coding == "gzip" || coding == "x-gzip") out.gzip = true;
  }
  return out;
}

std::shared_ptr<const StaticFiles::File> StaticFiles::load(const std::string& relative,
                                                           bool remember_miss) {
  std::lock_guard lock(mu_);
  // index.html (and its compressed twins) is read every time so a rebuilt app shows without a
  // restart; hashed assets never change.
  const bool cacheable = relative.rfind("index.html", 0) != 0;
  auto it = cache_.find(relative);
  if (cacheable && it != cache_.end()) return it->second;
  std::ifstream in(root_ + "/" + relative, std::ios::binary);
  if (!in) {
    // Only the twins of files that exist are remembered missing: random paths must not grow
    // memory.
    if (cacheable && remember_miss) cache_.emplace(relative, nullptr);
    return nullptr;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  auto file = std::make_shared<const File>(File{buf.str(), content_type_of(relative)});
  if (cacheable) cache_.emplace(relative, file);
  return file;
}

std::optional<Response> StaticFiles::serve(const std::string& path,
                                           std::string_view accept_encoding) {
  if (root_.empty()) return std::nullopt;
  std::string relative = path.empty() || path == "/" ? "index.html" : path.substr(1);
  if (relative.find("..") != std::string::npos || relative.find('\0') != std::string::npos) {
    relative = "index.html";
  }
  auto file = load(relative);
  if (!file) relative = "index.html";
  if (!file) file = load(relative);
  if (!file) return std::nullopt;
  Response r;
  r.content_type = file->content_type;
  // A compressed twin, when the build made one and the browser takes it.
  const AcceptedEncodings accepted = parse_accept_encoding(accept_encoding);
  std::shared_ptr<const File> encoded;
  if (accepted.br && (encoded = load(relative + ".br", true))) {
    r.add_header("Content-Encoding", "br");
  } else if (accepted.gzip && (encoded = load(relative + ".gz", true))) {
    r.add_header("Content-Encoding", "gzip");
  }
  r.body = encoded ? encoded->body : file->body;
  r.add_header("Vary", "Accept-Encoding");
  // Hashed build assets never change under their name; the rest (index.html above all) is
  // revalidated so a new build shows at once.
  const bool hashed = relative.rfind("assets/", 0) == 0;
  r.add_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace fupan::http
