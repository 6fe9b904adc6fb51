#include "demo/demo_commissions.h"

#include "demo/demo_team.h"
#include "service/performance/commission_plans.h"
#include "service/performance/commission_statements.h"

namespace fupan::demo {

void add_demo_commissions(const service::Context& ctx, OrgId org) {
  auto team = demo_team(ctx, org);
  if (!team) return;
  const UserRecord* admin = nullptr;
  for (const UserRecord& u : team->snapshot->users()) {
    if (u.username == "admin") admin = &u;
  }
  if (!admin) return;
  const service::Actor as_admin = service::make_actor(ctx, team->snapshot, admin->id, "cli");
  const LocalDate today = as_admin.today;

  performance::CommissionPlan plan;
  plan.name = "销售提成方案（标准版）";
  const auto ymd = std::chrono::year_month_day{today.days()};
  plan.effective_from = LocalDate{(ymd.year() - std::chrono::years{2}) / 1 / 1};
  plan.base = performance::CommissionBase::orders;
  plan.mode = performance::TierMode::marginal;
  plan.bands = {{0, 6000, 0}, {6000, 10000, 300}, {10000, std::nullopt, 500}};
  plan.target_bonus = Fen{200'000};
  plan.cap = Fen{6'000'000};
  plan.clawback_unpaid_days = 90;
  if (!service::create_commission_plan(ctx, as_admin, plan).ok()) return;

  // The last whole quarter's months, approved (the earliest first, so each sees the one before).
  const Period this_quarter = period_containing(PeriodKind::quarter, today);
  const Period last_quarter = previous_period(this_quarter);
  for (LocalDate m = last_quarter.start; m < last_quarter.end;
       m = period_containing(PeriodKind::month, m).end) {
    (void)service::approve_statements(ctx, as_admin, period_containing(PeriodKind::month, m).label);
  }
  // This month: open, with the manager's adjustment for the demo rep.
  const Period this_month = period_containing(PeriodKind::month, today);
  (void)service::add_adjustment(
      ctx, team->actor,
      {team->rep->id.value, this_month.label, "大客户开拓奖励（华东医院项目）", 50'000});
}

}  // namespace fupan::demo
