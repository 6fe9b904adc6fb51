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
  app.api("GET", "/api/users", [](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto page, page_request(call.req));
    service::UserFilter filter;
    if (auto* v = call.req.query_param("active")) {
      if (*v != "true" && *v != "false")
        return Error{ErrorCode::invalid_query, "active", detail::boolean_query, {}};
      filter.active = *v == "true";
    }
    if (auto* v = call.req.query_param("role")) {
      filter.role = parse_role(*v);
      if (!filter.role) return Error{ErrorCode::invalid_query, "role", detail::role_name, {}};
    }
    FUPAN_ASSIGN_OR_RETURN(auto team, query_id(call.req, "team_id"));
    if (team) filter.team = TeamId{*team};
    FUPAN_ASSIGN_OR_RETURN(auto users, service::list_users(call.actor, page, filter));
    const auto& a = call.actor;
    return page_response(users, [&](JsonWriter& w, const UserRecord& u) {
      service::write_json(w, u, *a.snapshot, a.today);
    });
  });

  app.api("POST", "/api/users", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    auto in = read_user(f, true);
    if (auto s = f.finish(); !s.ok()) return s.error();
    FUPAN_ASSIGN_OR_RETURN(auto u, service::create_user(app.ctx(), call.actor, in));
    return user_response(app, call, u, 201);
  });

  app.api("GET", "/api/users/{id}", [](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto u, service::get_user(call.actor, UserId{id}));
    return json_response(service::to_json(u, *call.actor.snapshot, call.actor.today));
  });

  app.api("PATCH", "/api/users/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    auto in = read_user(f, false);
    auto version = f.required_integer("version");
    if (auto s = f.finish(); !s.ok()) return s.error();
    FUPAN_ASSIGN_OR_RETURN(auto u,
                           service::update_user(app.ctx(), call.actor, UserId{id}, in, version));
    return user_response(app, call, u);
  });

  app.api("DELETE", "/api/users/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto version, query_version(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto u,
                           service::deactivate_user(app.ctx(), call.actor, UserId{id}, version));
    return user_response(app, call, u);
  });

  app.api("POST", "/api/users/{id}/password", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    std::string password = f.required_str("password");
    if (auto s = f.finish(); !s.ok()) return s.error();
    FUPAN_TRY(service::reset_password(app.ctx(), call.actor, UserId{id}, password));
    return no_content();
  });
}

}  // namespace fupan::http
