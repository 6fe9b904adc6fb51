// Who sees and changes a 复盘 (SPEC §5, docs/reviews.md "Data scope"): a review is seen by its
// owner and participants, by whoever may see its scope's numbers (the scope's managers, the
// region's director) and by analysts and admins; its owner (or an admin) runs it; its owner and
// participants add to it while it is open.
#pragma once

#include "domain/reviews/review.h"
#include "service/platform/context.h"
#include "store/database.h"

namespace fupan::service {

bool sees_review(const Actor& actor, const reviews::Review& r);

// Review `id` if the actor sees it, else not_found.
Result<reviews::Review> visible_review(store::Connection& c, const Actor& actor, std::int64_t id);
// Review `id` for its owner's change (or an admin's): seen, open, and at `version`.
Result<reviews::Review> owned_review(store::Connection& c, const Actor& actor, std::int64_t id,
                                     std::optional<std::int64_t> version);
// Review `id` for a participant's addition: seen, open, the actor its owner or a participant.
Result<reviews::Review> joined_review(store::Connection& c, const Actor& actor, std::int64_t id);

// The audit's picture of a review (without its fact pack).
std::string review_audit_json(const reviews::Review& r);

}  // namespace fupan::service
