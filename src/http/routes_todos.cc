// /api/todos: the actor's follow-up reminders, a thin handler over service/todo_service.
#include "http/app.h"
#include "http/json_io.h"
#include "service/todo_service.h"

namespace fupan::http {

void add_todo_routes(App& app) {
  app.api("GET", "/api/todos", [&app](Call& call) -> Response {
    service::TodoScope scope = service::TodoScope::own;
    if (const auto* v = call.req.query_param("scope")) {
      if (*v == "team") {
        scope = service::TodoScope::team;
      } else if (*v != "own") {
        return error_response({ErrorCode::invalid_query, "scope", "own or team", {}}, call.req);
      }
    }
    auto todos = service::load_todos(app.ctx(), call.actor, scope);
    if (!todos.ok()) return error_response(todos.error(), call.req);
    return json_text(service::render_todos(app.ctx(), call.actor, *todos));
  });
}

}  // namespace fupan::http
