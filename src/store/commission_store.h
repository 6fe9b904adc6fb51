// Commissions' storage (domain/performance, docs/performance.md): the org's plans (each row a
// version with its effective dates), the statements a director approved with their lines, and
// the adjustments made by hand. A statement not approved is never stored: it is computed from the
// facts whenever it is asked for.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/performance/commission_plan.h"
#include "domain/performance/commission_statement.h"
#include "store/database.h"
#include "store/org_store.h"

namespace fupan::store {

// plans
std::int64_t insert_commission_plan(Connection& c, OrgId org, const performance::CommissionPlan& p,
                                    std::optional<UserId> by);
std::optional<performance::CommissionPlan> find_commission_plan(Connection& c, OrgId org,
                                                                std::int64_t id);
// Writes every field but the id, if the stored version is `expected`.
WriteOutcome update_commission_plan(Connection& c, OrgId org, const performance::CommissionPlan& p,
                                    std::int64_t expected);
// The org's plans, earliest effective first.
std::vector<performance::CommissionPlan> list_commission_plans(Connection& c, OrgId org);

// An approved statement: a person's for a period, with the plan version it was computed by.
struct ApprovedStatement {
  std::int64_t id = 0;
  UserId user;
  std::string period;  // "2026-11", "2026-Q4"
  LocalDate start{};   // the period's first day
  std::int64_t plan_id = 0, plan_version = 0;
  performance::Statement statement;
  UserId approved_by;
  Instant approved_at{};
};
// Inserts the statement and its lines; a second one for the person and period is a unique
// violation.
std::int64_t insert_approved_statement(Connection& c, OrgId org, const ApprovedStatement& s);
// Inserts many at once (a period's approval), setting each one's id; their lines in one load.
void insert_approved_statements(Connection& c, OrgId org, std::vector<ApprovedStatement>& all);
// The approved statement of `user` for `period`, with its lines.
std::optional<ApprovedStatement> find_approved_statement(Connection& c, OrgId org, UserId user,
                                                         const std::string& period);
// The approved statements of `period` (without their lines).
std::vector<ApprovedStatement> list_approved_statements(Connection& c, OrgId org,
                                                        const std::string& period);
// Whether any statement was approved under plan `plan`.
bool plan_has_approved_statements(Connection& c, OrgId org, std::int64_t plan);

// What approved statements of `user` for periods starting before `before` paid, net, on each
// order: commission lines on the order (their share of what a capped statement paid), less what
// was taken back; and the first day of the latest period that paid on it.
struct PaidOnOrder {
  std::int64_t order_id = 0;
  Fen paid{};
  LocalDate last_paid{};
};
std::vector<PaidOnOrder> paid_on_orders(Connection& c, OrgId org, UserId user, LocalDate before);
// The same for everyone at once, by user id.
std::map<std::int64_t, std::vector<PaidOnOrder>> paid_on_orders_of_all(Connection& c, OrgId org,
                                                                       LocalDate before);
// The labels of the periods anyone of the org has an approved statement for.
std::set<std::string> approved_period_labels(Connection& c, OrgId org);
// Everyone's approved periods' labels, by user id.
std::map<std::int64_t, std::set<std::string>> approved_periods_of_all(Connection& c, OrgId org);
// The records of `record_kind` ("order", "payment") some approved statement paid commission on.
std::set<std::int64_t> paid_records(Connection& c, OrgId org, std::string_view record_kind);
// The label of the latest period approved under plan `plan`, if any.
std::optional<std::string> last_period_under(Connection& c, OrgId org, std::int64_t plan);
// The labels of the periods `user` has an approved statement for.
std::set<std::string> approved_periods(Connection& c, OrgId org, UserId user);

// adjustments
struct CommissionAdjustment {
  std::int64_t id = 0;
  UserId user;
  std::string period;
  performance::Adjustment adjustment;
};
std::int64_t insert_commission_adjustment(Connection& c, OrgId org, const CommissionAdjustment& a);
// The adjustments of `period`, of one person or (none) of everyone, oldest first.
std::vector<CommissionAdjustment> list_commission_adjustments(Connection& c, OrgId org,
                                                              const std::string& period,
                                                              std::optional<UserId> user);

}  // namespace fupan::store
