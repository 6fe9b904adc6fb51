// Serves the built web app: files under a directory, index.html for any other non-API path
// (the single-page app routes on the client).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/request.h"

namespace fupan::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // Returns the file for `path`, index.html for unknown paths, or nullopt when there is no app.
  std::optional<Response> serve(const std::string& path);

 private:
  struct File {
    std::string body, content_type;
  };
  std::shared_ptr<const File> load(const std::string& relative);
  std::string root_;
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const File>> cache_;  // GUARDED_BY(mu_)
};

}  // namespace fupan::http
