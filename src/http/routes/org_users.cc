// /api/users: thin handlers over service/org/user_service.
#include "http/app.h"
#include "http/json_io.h"
#include "service/org/record_json.h"
#include "service/org/user_service.h"

namespace fupan::http {
namespace json = boost::json;

namespace {

// Reads the writable fields of a user; `creating` also accepts the initial password.
service::UserInput read_user(Fields& f, bool creating) {
  service::UserInput in;
  in.username = f.str("username");
  in.display_name = f.str("display_name");
  in.email = f.str("email");
  in.phone = f.str("phone");
  in.roles = f.str_array("roles");
  in.region_id = f.nullable_integer("region_id");
  in.active = f.boolean("active");
  if (creating) in.password = f.str("password");
  return in;
}

Response user_response(const App& app, const Call& call, const UserRecord& u, int status = 200) {
  auto snap = app.ctx().orgs.get(call.actor.org);
  return json_response(service::to_json(u, *snap, call.actor.today), status);
}

}  // namespace

void add_user_routes(App& app) {
  app.api("GET", "/api/users", [](Call& call) -> Response {
    auto page = page_request(call.req);
    if (!page.ok()) return error_response(page.error(), call.req);
    service::UserFilter filter;
    if (auto* v = call.req.query_param("active")) {
      if (*v != "true" && *v != "false")
        return error_response({ErrorCode::invalid_query, "active", detail::boolean_query, {}},
                              call.req);
      filter.active = *v == "true";
    }
    if (auto* v = call.req.query_param("role")) {
      filter.role = parse_role(*v);
      if (!filter.role)
        return error_response({ErrorCode::invalid_query, "role", detail::role_name, {}}, call.req);
    }
    auto team = query_id(call.req, "team_id");
    if (!team.ok()) return error_response(team.error(), call.req);
    if (*team) filter.team = TeamId{**team};
    auto users = service::list_users(call.actor, *page, filter);
    if (!users.ok()) return error_response(users.error(), call.req);
    const auto& a = call.actor;
    return page_response(*users, [&](JsonWriter& w, const UserRecord& u) {
      service::write_json(w, u, *a.snapshot, a.today);
    });
  });

  app.api("POST", "/api/users", [&app](Call& call) -> Response {
    auto body = parse_object(call.req);
    if (!body.ok()) return error_response(body.error(), call.req);
    Fields f(*body);
    auto in = read_user(f, true);
    if (auto s = f.finish(); !s.ok()) return error_response(s.error(), call.req);
    auto u = service::create_user(app.ctx(), call.actor, in);
    if (!u.ok()) return error_response(u.error(), call.req);
    return user_response(app, call, *u, 201);
  });

  app.api("GET", "/api/users/{id}", [](Call& call) -> Response {
    auto id = path_id(call.req);
    if (!id.ok()) return error_response(id.error(), call.req);
    auto u = service::get_user(call.actor, UserId{*id});
    if (!u.ok()) return error_response(u.error(), call.req);
    return json_response(service::to_json(*u, *call.actor.snapshot, call.actor.today));
  });

  app.api("PATCH", "/api/users/{id}", [&app](Call& call) -> Response {
    auto id = path_id(call.req);
    if (!id.ok()) return error_response(id.error(), call.req);
    auto body = parse_object(call.req);
    if (!body.ok()) return error_response(body.error(), call.req);
    Fields f(*body);
    auto in = read_user(f, false);
    auto version = f.required_integer("version");
    if (auto s = f.finish(); !s.ok()) return error_response(s.error(), call.req);
    auto u = service::update_user(app.ctx(), call.actor, UserId{*id}, in, version);
    if (!u.ok()) return error_response(u.error(), call.req);
    return user_response(app, call, *u);
  });

  app.api("DELETE", "/api/users/{id}", [&app](Call& call) -> Response {
    auto id = path_id(call.req);
    if (!id.ok()) return error_response(id.error(), call.req);
    auto version = query_version(call.req);
    if (!version.ok()) return error_response(version.error(), call.req);
    auto u = service::deactivate_user(app.ctx(), call.actor, UserId{*id}, *version);
    if (!u.ok()) return error_response(u.error(), call.req);
    return user_response(app, call, *u);
  });

  app.api("POST", "/api/users/{id}/password", [&app](Call& call) -> Response {
    auto id = path_id(call.req);
    if (!id.ok()) return error_response(id.error(), call.req);
    auto body = parse_object(call.req);
    if (!body.ok()) return error_response(body.error(), call.req);
    Fields f(*body);
    std::string password = f.required_str("password");
    if (auto s = f.finish(); !s.ok()) return error_response(s.error(), call.req);
    auto s = service::reset_password(app.ctx(), call.actor, UserId{*id}, password);
    if (!s.ok()) return error_response(s.error(), call.req);
    return no_content();
  });
}

}  // namespace fupan::http
