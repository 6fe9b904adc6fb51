// /api/reviews/cases and /api/reviews/lessons (the library of cases and lessons) and
// /api/reviews/root-causes (the org's list, kept by its admin): docs/reviews.md; thin handlers over
// service/reviews/review_cases.
#include "http/app.h"
#include "http/routes/reviews_io.h"
#include "service/reviews/lesson_library.h"
#include "service/reviews/review_cases.h"

namespace fupan::http {

void add_review_library_routes(App& app) {
  // ?q=&outcome=&root_cause=&competitor=&industry=&product=&tag=: {items:[case]}
  app.api("GET", "/api/reviews/cases", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(
        call.req, {"q", "outcome", "root_cause", "competitor", "industry", "product", "tag"}));
    service::CaseQuery q;
    q.q = query_text(call.req, "q");
    q.outcome = query_text(call.req, "outcome");
    q.root_cause = query_text(call.req, "root_cause");
    q.competitor = query_text(call.req, "competitor");
    q.industry = query_text(call.req, "industry");
    q.product = query_text(call.req, "product");
    q.tag = query_text(call.req, "tag");
    auto cases = service::search_cases(app.ctx(), call.actor, q);
    if (!cases.ok()) return as_query_error(cases.error());
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& c : *cases) write_case(w, c, *call.actor.snapshot);
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // ?q=&section=: {items:[{card, review_title, period, review_status}]}, newest first
  app.api("GET", "/api/reviews/lessons", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"q", "section"}));
    service::LessonQuery q{query_text(call.req, "q"), query_text(call.req, "section")};
    auto lessons = service::search_lessons(app.ctx(), call.actor, q);
    if (!lessons.ok()) return as_query_error(lessons.error());
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& l : *lessons) {
      w.begin_object();
      w.key("card");
      write_card(w, l.card, *call.actor.snapshot);
      w.field("review_title", l.review_title);
      w.field("period", l.period_label);
      w.field("review_status", reviews::review_status_name(l.review_status));
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  app.api("GET", "/api/reviews/root-causes", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {}));
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& c : service::list_root_causes(app.ctx(), call.actor)) write_root_cause(w, c);
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {name} → 201 the org's own cause
  app.api("POST", "/api/reviews/root-causes", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    const auto name = f.required_str("name");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto c, service::add_root_cause(app.ctx(), call.actor, name));
    JsonWriter w;
    write_root_cause(w, c);
    return json_text(std::move(w).str(), 201);
  });

  // {name?, active?, position?, version}
  app.api("PATCH", "/api/reviews/root-causes/{key}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::RootCauseChange in;
    in.name = f.str("name");
    in.active = f.boolean("active");
    if (auto p = f.integer("position")) {
      in.position = static_cast<int>(std::clamp<std::int64_t>(*p, -1000, 1000));
    }
    in.version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(
        auto c, service::change_root_cause(app.ctx(), call.actor, call.req.params.at("key"), in));
    JsonWriter w;
    write_root_cause(w, c);
    return json_text(std::move(w).str());
  });
}

}  // namespace fupan::http
