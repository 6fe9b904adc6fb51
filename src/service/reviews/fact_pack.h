// A review's fact pack (SPEC §5 复盘, docs/reviews.md): what the data says about a scope's period
// before anyone speaks — targets against actuals, the trend against the period before and the same
// period last year, the funnel and its bottleneck, the deals won and lost and why, activity per
// rep, customers, the members' quadrant, and the last review's action items. Its figures are the
// analytics index's, the same numbers as /api/metrics; its lists come from the store. Frozen into
// the review as JSON when the meeting starts.
#pragma once

#include <optional>
#include <string>

#include "domain/metric_scope.h"
#include "domain/period.h"
#include "service/platform/context.h"

namespace fupan::service {

// The fact pack of `scope` for `period` as JSON, seen by `actor` (who may view the scope's
// numbers: the caller has checked). A period in progress is compared to date. `review_id` is
// the review it is for (its own items are not last time's).
std::string assemble_fact_pack(const Context& ctx, const Actor& actor, const ScopeRef& scope,
                               const Period& period, std::int64_t review_id);

// The day a pack counted to (its "as_of"), when it says.
std::optional<LocalDate> fact_pack_as_of(const std::string& json);

// Whether two fact packs differ in their figures (the time they were assembled aside).
bool fact_packs_differ(const std::string& a, const std::string& b);

}  // namespace fupan::service
