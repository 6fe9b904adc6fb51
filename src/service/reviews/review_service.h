// A 复盘 through its three steps (SPEC §5, docs/reviews.md): created for a scope's period with its
// participants (preparing: the fact pack is live), the meeting started (the fact pack frozen),
// closed (locked). Every change is version-checked and audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/reviews/action_item.h"
#include "domain/reviews/review.h"
#include "domain/reviews/review_card.h"
#include "domain/reviews/review_case.h"
#include "service/platform/context.h"

namespace fupan::service {

// A review as a reader sees it: the fact pack (frozen once the meeting started, else live) and,
// when frozen and the live figures have changed since, the live one beside it; the cards, cases
// and action items; what the reader may do.
struct ReviewView {
  reviews::Review review;
  std::string facts_json;
  bool frozen = false, changed = false;
  std::string live_json;  // when changed
  std::vector<reviews::Card> cards;
  std::vector<reviews::ReviewCase> cases;
  std::vector<reviews::ActionItem> action_items;
  bool can_manage = false, can_add = false;
};

struct ReviewFilter {
  std::string scope;  // "team:3" …; empty: every scope
  std::string status;
};
// The reviews the actor sees, newest period first.
Result<std::vector<reviews::Review>> list_reviews(const Context& ctx, const Actor& actor,
                                                  const ReviewFilter& f);

struct ReviewInput {
  std::string scope, period, title;
  std::vector<std::int64_t> participant_ids;
};
// A new review owned by the actor, who must be able to write and see the scope's numbers.
Result<ReviewView> create_review(const Context& ctx, const Actor& actor, const ReviewInput& in);

// `compare_live` false: a frozen pack without the live one beside it (changed stays false).
Result<ReviewView> open_review(const Context& ctx, const Actor& actor, std::int64_t id,
                               bool compare_live = true);

struct ReviewChange {
  std::optional<std::string> title, summary;
  std::optional<std::vector<std::int64_t>> participant_ids;
  std::int64_t version = 0;
};
Result<ReviewView> change_review(const Context& ctx, const Actor& actor, std::int64_t id,
                                 const ReviewChange& in);
// Starts the meeting: the fact pack is frozen as it is now.
Result<ReviewView> start_review(const Context& ctx, const Actor& actor, std::int64_t id,
                                std::int64_t version);
// Closes the review (freezing the fact pack if the meeting never started): nothing changes after.
Result<ReviewView> close_review(const Context& ctx, const Actor& actor, std::int64_t id,
                                std::int64_t version);

}  // namespace fupan::service
