// Setting targets and changing them (SPEC §3), within the data scope: a manager sets the targets
// of the teams they lead and of the people in them, a director those of their region, an admin
// any; nobody sets their own (a rep's commitment is not their target). Each save is SMART-checked
// against the scope's history; every change keeps the value before it, who, when and why.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/goals/smart_check.h"
#include "domain/goals/target.h"
#include "service/platform/context.h"

namespace fupan::service {

// A new target as the API takes it: metric and scope as the metrics do ("orders_amount",
// "team:3"), a period of a year, quarter, month, ISO week or day ("2026", "2026-Q4",
// "2026-10", "2026-W41", "2026-10-08"; fiscal years and quarters too), a value ≥ 0.
struct TargetInput {
  std::string metric, scope, period;
  std::int64_t value = 0;
};

struct TargetChange {
  std::int64_t value = 0;
  std::string reason;                   // required, 1..200 characters
  std::optional<std::int64_t> version;  // the version the change was made on; none: the current
};

// A saved target and what its SMART check found (warnings, never refusals).
struct SavedTarget {
  goals::Target target;
  std::vector<goals::SmartFinding> warnings;
};

// Ok iff the actor may set a target for `scope`: they see its numbers, their role writes, and it
// is not their own.
Status check_may_set_target(const Actor& actor, const ScopeRef& scope);
// Sets a target; a second one for the same metric, scope and period is already_exists.
Result<SavedTarget> set_target(const Context& ctx, const Actor& actor, const TargetInput& in);
// Changes target `id`'s value, with a reason; version-checked.
Result<SavedTarget> change_target(const Context& ctx, const Actor& actor, std::int64_t id,
                                  const TargetChange& in);
// The same change inside the caller's write transaction on `c`, for a capability whose own write
// changes a target too (a review's action item): both commit or neither does.
Result<goals::Target> apply_target_change(store::Connection& c, const Actor& actor, std::int64_t id,
                                          const TargetChange& in, Instant now);

// Which targets to list: any of them empty means all (within the actor's view).
struct TargetListRequest {
  std::string metric, scope, period;
};
// The targets the actor may see (those whose scope's numbers they may see) matching `req`; a
// period lists the targets whose periods overlap it.
Result<std::vector<goals::Target>> list_targets(const Context& ctx, const Actor& actor,
                                                const TargetListRequest& req);

struct TargetWithHistory {
  goals::Target target;
  std::vector<goals::TargetAdjustment> adjustments;  // oldest first
};
// Target `id` and its adjustments; not_found when the actor may not see it.
Result<TargetWithHistory> get_target(const Context& ctx, const Actor& actor, std::int64_t id);

}  // namespace fupan::service
