// Commission statements (SPEC §5 激励, docs/performance.md "Statements"): a person's statement for
// a month or a quarter under the plan in effect on its first day, every line traceable to the
// order or payment behind it. Until a director (or an admin) approves the period it is computed
// from the facts whenever it is read; approved, it is stored with its lines and no later fact,
// plan change or adjustment moves it. A rep reads only their own; a manager their team's; a
// director their region's; analysts and admins everyone's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/performance/commission_plan.h"
#include "domain/performance/commission_statement.h"
#include "domain/period.h"
#include "service/platform/context.h"

namespace fupan::service {

struct StatementView {
  UserId user;
  Period period;
  performance::CommissionPlan plan;  // as it was when approved: its id and version
  performance::Statement statement;
  bool approved = false;
  std::optional<UserId> approved_by;
  std::optional<Instant> approved_at;
};

struct PeriodStatements {
  Period period;
  std::optional<performance::CommissionPlan> plan;  // none: no plan covers the period's first day
  std::vector<StatementView> items;                 // without lines, by user id
};

// Every statement of `period` ("2026-11", "2026-Q4") the actor may read: of the reps who belonged
// to a team in it (and the leaders, under a plan that credits managers).
// Approved statements are listed whoever their person is now; with `with_lines` each keeps its
// lines (the export).
Result<PeriodStatements> list_statements(const Context& ctx, const Actor& actor,
                                         const std::string& period, bool with_lines = false);
// One person's statement with its lines; not_found outside the actor's view, invalid period
// (no_commission_plan) when no plan covers the period's first day.
Result<StatementView> get_statement(const Context& ctx, const Actor& actor, std::int64_t user,
                                    const std::string& period);
// A director (their region's people) or an admin (everyone) approves the period's statements not
// yet approved (never their own); returns how many were. Refused for a period not over yet
// (in_future), and when a period overlapping it (a month of a quarter, or the quarter of a month)
// has approved statements: a day is paid by one statement only.
Result<std::size_t> approve_statements(const Context& ctx, const Actor& actor,
                                       const std::string& period);

struct AdjustmentInput {
  std::int64_t user_id = 0;
  std::string period, reason;
  std::int64_t amount = 0;  // 分, not 0; negative takes away
};
// By whoever writes and sees the person, never for themselves; refused once the person's
// statement of the period is approved.
Result<performance::Adjustment> add_adjustment(const Context& ctx, const Actor& actor,
                                               const AdjustmentInput& in);

}  // namespace fupan::service
