// Serves the built web app: files under a directory, index.html for any other non-API path
// (the single-page app routes on the client). A file built with a pre-compressed twin beside it
// (`x.js.br`, `x.js.gz`) is answered compressed when the browser accepts it; hashed assets
// (under assets/) are cached for a year, everything else revalidated.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/request.h"

namespace fupan::http {

// The content codings a request's Accept-Encoding allows (q > 0) that we can serve.
struct AcceptedEncodings {
  bool br = false, gzip = false;
};
AcceptedEncodings parse_accept_encoding(std::string_view header);

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // Returns the file for `path`, index.html for unknown paths, or nullopt when there is no app.
  std::optional<Response> serve(const std::string& path, std::string_view accept_encoding = {});

 private:
  struct File {
    std::string body, content_type;
  };
  // The file at `relative` (nullptr when missing); cached unless it is index.html. A miss is
  // remembered only with `remember_miss` (a compressed twin of a file that exists).
  std::shared_ptr<const File> load(const std::string& relative, bool remember_miss = false);
  std::string root_;
  std::mutex mu_;
  // GUARDED_BY(mu_); nullptr: a twin known to be missing.
  std::unordered_map<std::string, std::shared_ptr<const File>> cache_;
};

}  // namespace fupan::http
