// Maps "METHOD /path/{param}" to handlers. Literal segments win over parameters.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/request.h"

namespace fupan::http {

class Router {
 public:
  // An error a handler returns is answered by App as error_response (http/json_io.h).
  using Handler = std::function<Result<Response>(Request&)>;

  void add(std::string method, std::string pattern, Handler handler);

  enum class Match { found, wrong_method, none };
  struct Lookup {
    Match match = Match::none;
    const Handler* handler = nullptr;
    const std::string* pattern = nullptr;
  };
  // Finds the route for `req` and fills req.params.
  Lookup find(Request& req) const;
  // Returns "METHOD pattern" for every route, in the order added.
  std::vector<std::string> describe() const;

 private:
  struct Route {
    std::string method, pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a","b","c"}.
std::vector<std::string> split_path(std::string_view path);

}  // namespace fupan::http
