// /api/org, /api/regions, /api/teams, /api/memberships: thin handlers over
// service/org/org_structure_service.
#include "http/app.h"
#include "http/json_io.h"
#include "service/org/org_structure_service.h"
#include "service/org/record_json.h"

namespace fupan::http {
namespace json = boost::json;

namespace {

auto as_json = [](const auto& record) { return service::to_json(record); };
auto write_item = [](JsonWriter& w, const auto& record) { service::write_json(w, record); };

template <class Input>
struct Versioned {
  Input input;
  std::int64_t version;
};

service::OrgInput read_org(Fields& f) {
  return {f.str("name"),
          f.str("timezone"),
          f.integer("fiscal_year_start_month"),
          f.str("tier_rule"),
          f.integer("stall_days"),
          f.str("compare_basis"),
          f.integer("smart_factor_pct"),
          f.int_array("seasonality"),
          f.boolean("confirm").value_or(false)};
}

service::RegionInput read_region(Fields& f) {
  return {f.str("name"), f.str("code")};
}

service::TeamInput read_team(Fields& f) {
  return {f.str("name"), f.integer("region_id"), f.nullable_integer("parent_id")};
}

service::MembershipInput read_membership(Fields& f) {
  return {f.integer("user_id"), f.integer("team_id"), f.str("role"), f.str("valid_from"),
          f.nullable_str("valid_to")};
}

// Adds GET one, PATCH and DELETE for a resource at `base`/{id}.
template <class IdT, class Input, class Get, class Update, class Delete, class Read>
void add_item_routes(App& app, const std::string& base, Get get, Update update, Delete remove,
                     Read read) {
  app.api("GET", base + "/{id}", [get](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    return respond(get(call.actor, IdT{id}), call.req, as_json);
  });
  app.api("PATCH", base + "/{id}", [&app, update, read](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    return with_body(
        call.req,
        [&](Fields& f) {
          return Versioned<Input>{read(f), f.required_integer("version")};
        },
        [&](const Versioned<Input>& in) {
          return respond(update(app.ctx(), call.actor, IdT{id}, in.input, in.version), call.req,
                         as_json);
        });
  });
  app.api("DELETE", base + "/{id}", [&app, remove](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto version, query_version(call.req));
    return respond(remove(app.ctx(), call.actor, IdT{id}, version), call.req);
  });
}

// Adds POST for a resource at `base`.
template <class Create, class Read>
void add_create_route(App& app, const std::string& base, Create create, Read read) {
  app.api("POST", base, [&app, create, read](Call& call) -> Result<Response> {
    return with_body(call.req, read, [&](const auto& in) {
      return respond(create(app.ctx(), call.actor, in), call.req, as_json, 201);
    });
  });
}

}  // namespace

void add_org_routes(App& app) {
  app.api("GET", "/api/org", [](Call& call) -> Result<Response> {
    return json_response(service::to_json(call.actor.snapshot->org()));
  });
  app.api("PATCH", "/api/org", [&app](Call& call) -> Result<Response> {
    return with_body(
        call.req,
        [](Fields& f) {
          return Versioned<service::OrgInput>{read_org(f), f.required_integer("version")};
        },
        [&](const Versioned<service::OrgInput>& in) {
          return respond(service::update_org(app.ctx(), call.actor, in.input, in.version), call.req,
                         as_json);
        });
  });

  // regions
  app.api("GET", "/api/regions", [](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto page, page_request(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto regions, service::list_regions(call.actor, page));
    return page_response(regions, write_item);
  });
  add_create_route(app, "/api/regions", service::create_region, read_region);
  add_item_routes<RegionId, service::RegionInput>(app, "/api/regions", service::get_region,
                                                  service::update_region, service::delete_region,
                                                  read_region);

  // teams
  app.api("GET", "/api/teams", [](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto page, page_request(call.req));
    service::TeamFilter filter;
    FUPAN_ASSIGN_OR_RETURN(auto region, query_id(call.req, "region_id"));
    if (region) filter.region = RegionId{*region};
    if (auto* p = call.req.query_param("parent_id"); p && *p == "null") {
      filter.parent = std::optional<TeamId>{};
    } else {
      FUPAN_ASSIGN_OR_RETURN(auto parent, query_id(call.req, "parent_id"));
      if (parent) filter.parent = std::optional<TeamId>{TeamId{*parent}};
    }
    FUPAN_ASSIGN_OR_RETURN(auto teams, service::list_teams(call.actor, page, filter));
    return page_response(teams, write_item);
  });
  add_create_route(app, "/api/teams", service::create_team, read_team);
  add_item_routes<TeamId, service::TeamInput>(
      app, "/api/teams", service::get_team, service::update_team, service::delete_team, read_team);

  // memberships
  app.api("GET", "/api/memberships", [](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto page, page_request(call.req));
    service::MembershipFilter filter;
    FUPAN_ASSIGN_OR_RETURN(auto user, query_id(call.req, "user_id"));
    if (user) filter.user = UserId{*user};
    FUPAN_ASSIGN_OR_RETURN(auto team, query_id(call.req, "team_id"));
    if (team) filter.team = TeamId{*team};
    if (auto* v = call.req.query_param("current")) {
      if (*v != "true" && *v != "false") {
        return Error{ErrorCode::invalid_query, "current", detail::boolean_query, {}};
      }
      filter.current_only = *v == "true";
    }
    FUPAN_ASSIGN_OR_RETURN(auto ms, service::list_memberships(call.actor, page, filter));
    return page_response(ms, write_item);
  });
  add_create_route(app, "/api/memberships", service::create_membership, read_membership);
  add_item_routes<MembershipId, service::MembershipInput>(
      app, "/api/memberships", service::get_membership, service::update_membership,
      service::delete_membership, read_membership);
}

}  // namespace fupan::http
