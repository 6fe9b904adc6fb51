// /api/reviews/{id}/action-items, /api/reviews/action-items: the action items a review ends in,
// followed up after it (docs/reviews.md, PDCA); thin handlers over service/reviews/action_items.
#include "http/app.h"
#include "http/routes/reviews_io.h"
#include "service/reviews/action_items.h"

namespace fupan::http {
namespace {

Response item_response(const reviews::ActionItem& a, const service::Actor& actor, int status) {
  JsonWriter w;
  write_action_item(w, a, *actor.snapshot, actor.today);
  return json_text(std::move(w).str(), status);
}

}  // namespace

void add_review_item_routes(App& app) {
  // ?owner=&all=true: {items:[action item]}
  app.api("GET", "/api/reviews/action-items", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"owner", "all"}));
    FUPAN_ASSIGN_OR_RETURN(auto owner, query_id(call.req, "owner"));
    const std::string all = query_text(call.req, "all");
    if (!all.empty() && all != "true" && all != "false") {
      return query_error("all", detail::boolean_query);
    }
    auto items = service::list_action_items(app.ctx(), call.actor, owner, all == "true");
    if (!items.ok()) return as_query_error(items.error());
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& line : *items) {
      write_action_item(w, line.item, *call.actor.snapshot, call.actor.today, line.review_title,
                        line.review_period);
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {owner_id, title, due_date, metric?, target_id?, target_value?, target_version?} → 201
  app.api("POST", "/api/reviews/{id}/action-items", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::ActionItemInput in;
    in.owner_id = f.integer("owner_id").value_or(0);
    in.title = f.str("title").value_or("");
    in.due_date = f.str("due_date").value_or("");
    if (auto m = f.nullable_str("metric")) in.metric = *m;
    if (auto t = f.nullable_integer("target_id")) in.target_id = *t;
    if (auto v = f.nullable_integer("target_value")) in.target_value = *v;
    if (auto v = f.nullable_integer("target_version")) in.target_version = *v;
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto a, service::add_action_item(app.ctx(), call.actor, id, in));
    return item_response(a, call.actor, 201);
  });

  // {owner_id?, title?, due_date?, metric?, version}
  app.api("PATCH", "/api/reviews/action-items/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::ActionItemChange in;
    in.owner_id = f.integer("owner_id");
    in.title = f.str("title");
    in.due_date = f.str("due_date");
    in.metric = f.nullable_str("metric");
    in.version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto a, service::change_action_item(app.ctx(), call.actor, id, in));
    return item_response(a, call.actor, 200);
  });

  // {note?, version}: the owner marks it done
  app.api("POST", "/api/reviews/action-items/{id}/done", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    const auto note = f.str("note").value_or("");
    const auto version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto a,
                           service::complete_action_item(app.ctx(), call.actor, id, note, version));
    return item_response(a, call.actor, 200);
  });
}

}  // namespace fupan::http
