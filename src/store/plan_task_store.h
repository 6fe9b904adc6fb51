// The tasks people add to their day plans (domain/goals/plan_task.h); updates and deletes check
// the version.
#pragma once

#include <optional>
#include <vector>

#include "domain/goals/plan_task.h"
#include "store/database.h"
#include "store/org_store.h"

namespace fupan::store {

std::int64_t insert_plan_task(Connection& c, OrgId org, const goals::PlanTask& t);
std::optional<goals::PlanTask> find_plan_task(Connection& c, OrgId org, std::int64_t id);
// Sets title, quadrant, done_at, version and updated_at of `t` if its version is `expected`.
WriteOutcome update_plan_task(Connection& c, OrgId org, const goals::PlanTask& t,
                              std::int64_t expected);
WriteOutcome delete_plan_task(Connection& c, OrgId org, std::int64_t id, std::int64_t expected);
// `user`'s tasks for `day`, and those of the `carry_days` days before it still open (carried
// over), oldest day first.
std::vector<goals::PlanTask> list_plan_tasks(Connection& c, OrgId org, UserId user, LocalDate day,
                                             int carry_days);

}  // namespace fupan::store
