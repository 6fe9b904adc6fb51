// 复盘 out to JSON (docs/reviews.md, docs/openapi.yaml): a review (its summary in lists, in full
// with the fact pack, cards, cases and action items), a card, a case, an action item, a root
// cause.
#pragma once

#include "core/json_writer.h"
#include "domain/org_snapshot.h"
#include "domain/reviews/root_cause.h"
#include "http/json_io.h"
#include "service/reviews/action_items.h"
#include "service/reviews/review_service.h"

namespace fupan::http {

void write_review_summary(JsonWriter& w, const reviews::Review& r, const OrgSnapshot& org);
void write_review(JsonWriter& w, const service::ReviewView& v, const OrgSnapshot& org,
                  LocalDate today);
void write_card(JsonWriter& w, const reviews::Card& c, const OrgSnapshot& org);
void write_case(JsonWriter& w, const reviews::ReviewCase& c, const OrgSnapshot& org);
void write_action_item(JsonWriter& w, const reviews::ActionItem& a, const OrgSnapshot& org,
                       LocalDate today, const std::string& review_title = "",
                       const std::string& review_period = "");
void write_root_cause(JsonWriter& w, const reviews::RootCause& c);

}  // namespace fupan::http
