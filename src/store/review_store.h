// 复盘's storage (domain/reviews): reviews with their participants, cards, cases and action
// items, and the org's root causes as its admin changed them. Updates check the version.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/reviews/action_item.h"
#include "domain/reviews/review.h"
#include "domain/reviews/review_card.h"
#include "domain/reviews/review_case.h"
#include "domain/reviews/root_cause.h"
#include "store/database.h"
#include "store/org_store.h"

namespace fupan::store {

// root causes: the stored rows only (domain root_causes() merges them with the built-ins).
std::vector<reviews::RootCause> list_root_causes(Connection& c, OrgId org);
void save_root_cause(Connection& c, OrgId org, const reviews::RootCause& cause, Instant now);
// A key for the org's next own cause: "c1", "c2" …
std::string next_root_cause_key(Connection& c, OrgId org);

// reviews: `facts_json` is read only by find_review.
std::int64_t insert_review(Connection& c, OrgId org, const reviews::Review& r);
std::optional<reviews::Review> find_review(Connection& c, OrgId org, std::int64_t id);
// Writes title, status, facts, summary, started and closed times, version and update time if
// the stored version is `expected`; the participants are replaced.
WriteOutcome update_review(Connection& c, OrgId org, const reviews::Review& r,
                           std::int64_t expected);
// Every review of the org with its participants, newest period first, without facts.
std::vector<reviews::Review> list_reviews(Connection& c, OrgId org);
// The latest review of `scope` whose period starts before `before`, other than `except`.
std::optional<reviews::Review> previous_review(Connection& c, OrgId org, const ScopeRef& scope,
                                               LocalDate before, std::int64_t except);

// cards
std::int64_t insert_card(Connection& c, OrgId org, const reviews::Card& card);
std::optional<reviews::Card> find_card(Connection& c, OrgId org, std::int64_t id);
WriteOutcome update_card(Connection& c, OrgId org, const reviews::Card& card,
                         std::int64_t expected);
WriteOutcome delete_card(Connection& c, OrgId org, std::int64_t id, std::int64_t expected);
std::vector<reviews::Card> list_cards(Connection& c, OrgId org, std::int64_t review);
// Every card of tone lesson in the org, newest first: the library's lessons.
std::vector<reviews::Card> list_lesson_cards(Connection& c, OrgId org);

// cases
std::int64_t insert_case(Connection& c, OrgId org, const reviews::ReviewCase& rc);
std::optional<reviews::ReviewCase> find_case(Connection& c, OrgId org, std::int64_t id);
// Writes root cause, note, tags, version and update time.
WriteOutcome update_case(Connection& c, OrgId org, const reviews::ReviewCase& rc,
                         std::int64_t expected);
WriteOutcome delete_case(Connection& c, OrgId org, std::int64_t id, std::int64_t expected);
// A review's cases (`review`), or every case of the org (none), newest closing first.
std::vector<reviews::ReviewCase> list_cases(Connection& c, OrgId org,
                                            std::optional<std::int64_t> review);

// A closed (won or lost) opportunity's facts as a case keeps them; nullopt when there is no such
// opportunity. `outcome` is empty unless it is won or lost.
struct ClosedDeal {
  std::int64_t id = 0;
  std::string status;  // open, won, lost
  std::string name, customer, industry, products, competitor, lost_reason;
  std::int64_t amount = 0;
  UserId owner;
  std::optional<Instant> closed_at;
  Instant created_at{};
};
std::optional<ClosedDeal> find_deal(Connection& c, OrgId org, std::int64_t opportunity);

// action items
std::int64_t insert_action_item(Connection& c, OrgId org, const reviews::ActionItem& a);
std::optional<reviews::ActionItem> find_action_item(Connection& c, OrgId org, std::int64_t id);
// Writes title, due date, metric, target, status, done note and time, version, update time.
WriteOutcome update_action_item(Connection& c, OrgId org, const reviews::ActionItem& a,
                                std::int64_t expected);
// The title and period of each of `ids` (a list's line, without the fact pack).
std::map<std::int64_t, std::pair<std::string, std::string>> review_titles(
    Connection& c, OrgId org, const std::vector<std::int64_t>& ids);
// The open action items of any of `owners`, by due date.
std::vector<reviews::ActionItem> list_open_action_items(Connection& c, OrgId org,
                                                        const std::vector<std::int64_t>& owners);
// The action items an overdue reminder was sent for.
std::set<std::int64_t> reminded_action_items(Connection& c, OrgId org);
std::vector<reviews::ActionItem> list_review_action_items(Connection& c, OrgId org,
                                                          std::int64_t review);
// `owner`'s action items (open ones only when `open_only`), by due date.
std::vector<reviews::ActionItem> list_owner_action_items(Connection& c, OrgId org, UserId owner,
                                                         bool open_only);
// Open action items of the org due before `day` (overdue on `day`), by due date.
std::vector<reviews::ActionItem> list_overdue_action_items(Connection& c, OrgId org, LocalDate day);

}  // namespace fupan::store
