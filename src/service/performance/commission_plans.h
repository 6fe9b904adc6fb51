// Commission plans (SPEC §5 激励, docs/performance.md "Commission plans"): read by everyone (a rep
// sees the rules they are paid by), kept by the admin. Plans follow each other in time: a new
// plan that starts after the latest one closes it the day before; one whose days another plan
// already covers is refused. A plan a statement was approved under keeps its rules: make a new
// one from a later day instead.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/performance/commission_plan.h"
#include "service/platform/context.h"

namespace fupan::service {

// Every plan of the org, earliest first.
std::vector<performance::CommissionPlan> list_commission_plans(const Context& ctx,
                                                               const Actor& actor);
// The plan in effect on `day`, if any.
std::optional<performance::CommissionPlan> plan_on(const Context& ctx, OrgId org, LocalDate day);

// Admin only; `plan.id`, version and times are set here.
Result<performance::CommissionPlan> create_commission_plan(const Context& ctx, const Actor& actor,
                                                           performance::CommissionPlan plan);
// Admin only: replaces the plan's rules with `plan`'s, if its version is `version`; refused once a
// statement was approved under it.
Result<performance::CommissionPlan> change_commission_plan(const Context& ctx, const Actor& actor,
                                                           std::int64_t id,
                                                           performance::CommissionPlan plan,
                                                           std::int64_t version);

}  // namespace fupan::service
