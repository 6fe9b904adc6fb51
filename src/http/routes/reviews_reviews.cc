// /api/reviews: 复盘 from preparing through the meeting to closed (docs/reviews.md); thin handlers
// over service/reviews/review_service.
#include "http/app.h"
#include "http/routes/reviews_io.h"
#include "service/reviews/review_export.h"
#include "service/reviews/review_service.h"

namespace fupan::http {
namespace {

Response review_response(const service::ReviewView& v, const service::Actor& actor, int status) {
  JsonWriter w;
  write_review(w, v, *actor.snapshot, actor.today);
  return json_text(std::move(w).str(), status);
}

// {version} of a lifecycle step.
Result<std::int64_t> version_of(const Request& req) {
  FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(req));
  Fields f(body);
  const auto version = f.required_integer("version");
  FUPAN_TRY(f.finish());
  return version;
}

}  // namespace

void add_review_routes(App& app) {
  // ?scope=&status=: {items:[summary]}
  app.api("GET", "/api/reviews", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"scope", "status"}));
    auto list = service::list_reviews(
        app.ctx(), call.actor, {query_text(call.req, "scope"), query_text(call.req, "status")});
    if (!list.ok()) return as_query_error(list.error());
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& r : *list) write_review_summary(w, r, *call.actor.snapshot);
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {scope, period, title, participant_ids?} → 201 the review
  app.api("POST", "/api/reviews", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::ReviewInput in;
    in.scope = f.required_str("scope");
    in.period = f.required_str("period");
    in.title = f.required_str("title");
    in.participant_ids = f.int_array("participant_ids").value_or(std::vector<std::int64_t>{});
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto v, service::create_review(app.ctx(), call.actor, in));
    return review_response(v, call.actor, 201);
  });

  app.api("GET", "/api/reviews/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_TRY(only_params(call.req, {}));
    FUPAN_ASSIGN_OR_RETURN(auto v, service::open_review(app.ctx(), call.actor, id));
    return review_response(v, call.actor, 200);
  });

  // {title?, summary?, participant_ids?, version}
  app.api("PATCH", "/api/reviews/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::ReviewChange in;
    in.title = f.str("title");
    in.summary = f.str("summary");
    in.participant_ids = f.int_array("participant_ids");
    in.version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto v, service::change_review(app.ctx(), call.actor, id, in));
    return review_response(v, call.actor, 200);
  });

  // {version}: the meeting starts, the fact pack is frozen
  app.api("POST", "/api/reviews/{id}/start", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto version, version_of(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto v, service::start_review(app.ctx(), call.actor, id, version));
    return review_response(v, call.actor, 200);
  });

  // The review as .xlsx, a sheet per section
  app.api("GET", "/api/reviews/{id}/export", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_TRY(only_params(call.req, {}));
    FUPAN_ASSIGN_OR_RETURN(auto book, service::export_review(app.ctx(), call.actor, id));
    return xlsx_response(std::move(book), call.req);
  });

  // {version}: closed and locked
  app.api("POST", "/api/reviews/{id}/close", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto version, version_of(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto v, service::close_review(app.ctx(), call.actor, id, version));
    return review_response(v, call.actor, 200);
  });
}

}  // namespace fupan::http
