// Health and metrics: open to all, no session.
#include <fmt/format.h>

#include "http/app.h"
#include "http/json_io.h"

namespace fupan::http {

void add_system_routes(App& app) {
  app.open("GET", "/api/health", [](Request&) {
    Response r;
    r.body = R"({"status":"ok"})";
    return r;
  });
  app.open("GET", "/metrics", [&app](Request&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = app.metrics().render([&app](std::string& out) {
      out += "# TYPE fupan_db_pool_connections gauge\n";
      out += fmt::format("fupan_db_pool_connections {}\n", app.ctx().db.pool_size());
      out += "# TYPE fupan_db_pool_idle gauge\n";
      out += fmt::format("fupan_db_pool_idle {}\n", app.ctx().db.pool_idle());
    });
    return r;
  });
}

}  // namespace fupan::http
