// The customer endpoints beyond generic CRUD (crm_entities.cc): transfer, bulk transfer, the
// duplicate check and the tier recompute. Literal segments win over /api/customers/{id} in the
// router, so "duplicates", "transfer" and "tiers" never reach the generic handlers.
#include "http/app.h"
#include "http/json_io.h"
#include "http/routes/crm_entity_json.h"
#include "service/crm/customer_service.h"
#include "service/crm/customer_timeline.h"
#include "service/crm/entity_service.h"
#include "service/crm/tier_service.h"

namespace fupan::http {
namespace json = boost::json;

namespace {

// Reads to_user_id, reason and with_opportunities; `with_version` also the customer's version.
service::TransferInput read_transfer(Fields& f, bool with_version) {
  service::TransferInput in;
  in.to_user_id = f.required_integer("to_user_id");
  in.reason = f.required_str("reason");
  if (with_version) in.version = f.required_integer("version");
  in.with_opportunities = f.boolean("with_opportunities").value_or(false);
  return in;
}

// Reads "ids", a non-empty array of positive integers.
Result<std::vector<std::int64_t>> read_ids(const json::object& body) {
  const json::value* v = body.if_contains("ids");
  if (!v) return Error::missing("ids");
  if (!v->is_array()) return Error::invalid("ids", detail::id_array);
  std::vector<std::int64_t> ids;
  for (const json::value& e : v->as_array()) {
    if (!e.is_int64() || e.as_int64() <= 0) return Error::invalid("ids", detail::id_array);
    ids.push_back(e.as_int64());
  }
  return ids;
}

Response customer_json(const App& app, const Call& call, const EntityRecord& r) {
  return json_text(
      entity_json(service::view_entity(app.ctx(), call.actor, std::move(r)), *call.actor.snapshot));
}

// {customer_id, next_follow_up, follow_up_overdue, items:[{kind, event, at, record?, from_user_id?,
// from_user_name?, to_user_id?, to_user_name?, by_user_id?, by_user_name?, reason?}]}, each
// record as the API writes it.
std::string timeline_json(const service::CustomerTimeline& t, const OrgSnapshot& org) {
  JsonWriter w;
  w.begin_object();
  w.field("customer_id", t.customer_id);
  w.key("next_follow_up");
  t.next_follow_up.empty() ? w.null() : w.value(t.next_follow_up);
  w.field("follow_up_overdue", t.follow_up_overdue);
  w.key("items").begin_array();
  for (const service::TimelineItem& e : t.items) {
    w.begin_object();
    w.field("kind", e.kind);
    w.field("event", e.event);
    w.field("at", format_rfc3339(e.at));
    if (e.record) {
      w.key("record");
      write_entity(w, *e.record, org, &t.names);
    }
    if (e.transfer) {
      write_user_ref(w, org, "from_user", e.transfer->from_user);
      write_user_ref(w, org, "to_user", e.transfer->to_user);
      write_user_ref(w, org, "by_user", e.transfer->by_user);
      w.field("reason", e.transfer->reason);
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return std::move(w).str();
}

}  // namespace

void add_customer_routes(App& app) {
  app.api("POST", "/api/customers/{id}/transfer", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    auto in = read_transfer(f, true);
    if (auto s = f.finish(); !s.ok()) return s.error();
    FUPAN_ASSIGN_OR_RETURN(auto r, service::transfer_customer(app.ctx(), call.actor, id, in));
    return customer_json(app, call, r);
  });

  app.api("POST", "/api/customers/transfer", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    auto ids = read_ids(body);
    json::object rest = body;
    rest.erase("ids");
    Fields f(rest);
    auto in = read_transfer(f, false);
    if (!ids.ok()) return ids.error();
    if (auto s = f.finish(); !s.ok()) return s.error();
    FUPAN_ASSIGN_OR_RETURN(auto r, service::transfer_customers(app.ctx(), call.actor, *ids, in));
    return json_response(
        json::object{{"customers", r.customers}, {"opportunities", r.opportunities}});
  });

  // One timeline of the customer's activities, opportunities, orders, payments and owners.
  app.api("GET", "/api/customers/{id}/timeline", [&app](Call& call) -> Result<Response> {
    if (auto s = only_params(call.req, {}); !s.ok()) return s.error();
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto timeline, service::customer_timeline(app.ctx(), call.actor, id));
    return json_text(timeline_json(timeline, *call.actor.snapshot));
  });

  app.api("GET", "/api/customers/duplicates", [&app](Call& call) -> Result<Response> {
    for (const auto& [key, value] : call.req.query) {
      if (key != "name" && key != "phone" && key != "exclude_id")
        return Error{ErrorCode::invalid_query, key, detail::not_accepted_here, {}};
    }
    FUPAN_ASSIGN_OR_RETURN(auto exclude, query_id(call.req, "exclude_id"));
    const std::string* name = call.req.query_param("name");
    const std::string* phone = call.req.query_param("phone");
    const auto matches = service::find_duplicates(app.ctx(), call.actor, name ? *name : "",
                                                  phone ? *phone : "", exclude);
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& m : matches) write_json(w, m);
    w.end_array();
    w.end_object();
    Response res;
    res.body = std::move(w).str();
    return res;
  });

  app.api("POST", "/api/customers/tiers/recompute", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto r, service::recompute_tiers(app.ctx(), call.actor));
    return json_response(
        json::object{{"rule", r.rule}, {"a", r.a}, {"b", r.b}, {"c", r.c}, {"changed", r.changed}});
  });
}

}  // namespace fupan::http
