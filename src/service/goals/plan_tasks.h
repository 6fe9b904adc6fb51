// The tasks a person adds to their own day plan, ticks done and changes (owner only; a manager
// sees them in the plan but does not tick a rep's task; an analyst only reads). Version-checked
// and audited.
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "domain/goals/plan_task.h"
#include "service/platform/context.h"

namespace fupan::service {

struct PlanTaskInput {
  std::string date;   // empty: today
  std::string title;  // 1..200 characters
  bool important = false, urgent = false;
};

struct PlanTaskChange {
  std::optional<std::string> title;
  std::optional<bool> important, urgent, done;
  std::int64_t version = 0;
};

// Task `id`; not_found unless the actor sees its owner.
Result<goals::PlanTask> get_plan_task(const Context& ctx, const Actor& actor, std::int64_t id);
Result<goals::PlanTask> add_plan_task(const Context& ctx, const Actor& actor,
                                      const PlanTaskInput& in);
Result<goals::PlanTask> change_plan_task(const Context& ctx, const Actor& actor, std::int64_t id,
                                         const PlanTaskChange& in);
Status delete_plan_task(const Context& ctx, const Actor& actor, std::int64_t id,
                        std::int64_t version);

}  // namespace fupan::service
