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

}  // namespace

std::shared_ptr<const StaticFiles::File> StaticFiles::load(const std::string& relative) {
  std::lock_guard lock(mu_);
  // index.html is read every time so a rebuilt app shows without a restart; hashed assets never
  // change.
  const bool cacheable = relative != "index.html";
  auto it = cache_.find(relative);
  if (cacheable && it != cache_.end()) return it->second;
  std::ifstream in(root_ + "/" + relative, std::ios::binary);
  if (!in) return nullptr;  // misses are not cached: random paths must not grow memory
  std::ostringstream buf;
  buf << in.rdbuf();
  auto file = std::make_shared<const File>(File{buf.str(), content_type_of(relative)});
  if (cacheable) cache_.emplace(relative, file);
  return file;
}

std::optional<Response> StaticFiles::serve(const std::string& path) {
  if (root_.empty()) return std::nullopt;
  std::string relative = path.empty() || path == "/" ? "index.html" : path.substr(1);
  if (relative.find("..") != std::string::npos || relative.find('\0') != std::string::npos) {
    relative = "index.html";
  }
  auto file = load(relative);
  bool is_index = relative == "index.html";
  if (!file) {
    file = load("index.html");
    is_index = true;
  }
  if (!file) return std::nullopt;
  Response r;
  r.body = file->body;
  r.content_type = file->content_type;
  r.add_header("Cache-Control", is_index ? "no-cache" : "public, max-age=31536000, immutable");
  return r;
}

}  // namespace fupan::http
