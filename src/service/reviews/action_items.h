// Action items (SPEC §5 复盘, PDCA; docs/reviews.md): made while summarising a review, each with an
// owner, a due date, the metric it should move and optionally a target change (made through the
// goals capability with the review as its reason). They live on after the review: in the owner's
// to-do list and weekly report until the owner marks them done; overdue ones are reminded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/reviews/action_item.h"
#include "service/platform/context.h"
#include "store/database.h"

namespace fupan::service {

struct ActionItemInput {
  std::int64_t owner_id = 0;
  std::string title, due_date;
  std::optional<std::string> metric;
  std::optional<std::int64_t> target_id, target_value, target_version;
};
// By the review's owner or a participant while it is open. A target change is applied first
// (and refused as the goals capability refuses it: nothing is saved then).
Result<reviews::ActionItem> add_action_item(const Context& ctx, const Actor& actor,
                                            std::int64_t review, const ActionItemInput& in);

struct ActionItemChange {
  std::optional<std::int64_t> owner_id;
  std::optional<std::string> title, due_date;
  std::optional<std::optional<std::string>> metric;
  std::int64_t version = 0;
};
// By the review's owner (or an admin) while the review is open.
Result<reviews::ActionItem> change_action_item(const Context& ctx, const Actor& actor,
                                               std::int64_t id, const ActionItemChange& in);
// By the item's owner, with a note; once.
Result<reviews::ActionItem> complete_action_item(const Context& ctx, const Actor& actor,
                                                 std::int64_t id, const std::string& note,
                                                 std::int64_t version);

// An action item with the review it came from, as lists show it.
struct ActionItemLine {
  reviews::ActionItem item;
  std::string review_title, review_period;
  std::string owner_name;  // set by callers that show others' items
};
// `owner`'s action items (default the actor; others' when the actor sees them), open ones only
// unless `all`, by due date.
Result<std::vector<ActionItemLine>> list_action_items(const Context& ctx, const Actor& actor,
                                                      std::optional<std::int64_t> owner, bool all);
// Open action items of the people of `user_ids` (a report's data block), by due date, on the
// caller's connection.
std::vector<ActionItemLine> open_action_items_of(store::Connection& c, OrgId org,
                                                 const std::vector<std::int64_t>& user_ids);

}  // namespace fupan::service
