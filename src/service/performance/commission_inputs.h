// What a commission statement is computed from (docs/performance.md "Statements"): for each
// person, the orders booked or payments collected in the period by them (from the analytics
// index), their target of the plan's base for the period (its own, or an enclosing one's share
// by working days, as attainment reads it), what earlier approved statements paid on orders now
// cancelled or left unpaid past the plan's days, and the period's adjustments. Under a plan that
// credits managers, a team's leader is credited with the records of the team's members of the
// days they were in it while the leader led it (the team of the record's day), and their target is
// the sum of their teams' targets.
#pragma once

#include <vector>

#include "domain/performance/commission_plan.h"
#include "domain/performance/commission_statement.h"
#include "domain/period.h"
#include "service/platform/context.h"
#include "store/database.h"

namespace fupan::service {

// Whether `user` led a team on some day of `period` (whom the manager's credit applies to).
bool leads_in(const OrgSnapshot& snapshot, UserId user, const Period& period);

// The inputs of `users`' statements for `period` under `plan`, in the order of `users`.
std::vector<performance::StatementInput> statement_inputs(const Context& ctx, store::Connection& c,
                                                          OrgId org, const OrgSnapshot& snapshot,
                                                          const performance::CommissionPlan& plan,
                                                          const std::vector<UserId>& users,
                                                          const Period& period);

}  // namespace fupan::service
