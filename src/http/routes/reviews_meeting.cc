// /api/reviews/{id}/cards, /api/reviews/cards/{id}, /api/reviews/{id}/cases,
// /api/reviews/cases/{id}: what the meeting adds to a review, its cards and its won and lost
// cases (docs/reviews.md); thin handlers over service/reviews.
#include "http/app.h"
#include "http/routes/reviews_io.h"
#include "service/reviews/review_cards.h"
#include "service/reviews/review_cases.h"

namespace fupan::http {
namespace {

Response card_response(const reviews::Card& c, const OrgSnapshot& org, int status) {
  JsonWriter w;
  write_card(w, c, org);
  return json_text(std::move(w).str(), status);
}

Response case_response(const reviews::ReviewCase& c, const OrgSnapshot& org, int status) {
  JsonWriter w;
  write_case(w, c, org);
  return json_text(std::move(w).str(), status);
}

}  // namespace

void add_review_meeting_routes(App& app) {
  // {section?, tone, text, why?} → 201 the card
  app.api("POST", "/api/reviews/{id}/cards", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::CardInput in;
    in.section = f.str("section").value_or("general");
    in.tone = f.required_str("tone");
    in.text = f.required_str("text");
    in.why = f.str("why").value_or("");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto c, service::add_card(app.ctx(), call.actor, id, in));
    return card_response(c, *call.actor.snapshot, 201);
  });

  // {section?, tone?, text?, why?, version}
  app.api("PATCH", "/api/reviews/cards/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::CardChange in;
    in.section = f.str("section");
    in.tone = f.str("tone");
    in.text = f.str("text");
    in.why = f.str("why");
    in.version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto c, service::change_card(app.ctx(), call.actor, id, in));
    return card_response(c, *call.actor.snapshot, 200);
  });

  // ?version=
  app.api("DELETE", "/api/reviews/cards/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto version, query_version(call.req));
    FUPAN_TRY(service::delete_card(app.ctx(), call.actor, id, version));
    return no_content();
  });

  // {opportunity_id, root_cause, note?, tags?} → 201 the case
  app.api("POST", "/api/reviews/{id}/cases", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::CaseInput in;
    in.opportunity_id = f.required_integer("opportunity_id");
    in.root_cause = f.required_str("root_cause");
    in.note = f.str("note").value_or("");
    in.tags = f.str_array("tags").value_or(std::vector<std::string>{});
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto c, service::add_case(app.ctx(), call.actor, id, in));
    return case_response(c, *call.actor.snapshot, 201);
  });

  // {root_cause?, note?, tags?, version}
  app.api("PATCH", "/api/reviews/cases/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::CaseChange in;
    in.root_cause = f.str("root_cause");
    in.note = f.str("note");
    in.tags = f.str_array("tags");
    in.version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto c, service::change_case(app.ctx(), call.actor, id, in));
    return case_response(c, *call.actor.snapshot, 200);
  });

  // ?version=
  app.api("DELETE", "/api/reviews/cases/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto version, query_version(call.req));
    FUPAN_TRY(service::delete_case(app.ctx(), call.actor, id, version));
    return no_content();
  });
}

}  // namespace fupan::http
