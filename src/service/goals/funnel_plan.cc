#include "service/goals/funnel_plan.h"

#include "engine/analytics.h"
#include "service/goals/goal_actuals.h"
#include "service/goals/target_service.h"

namespace fupan::service {
namespace {

// Whose history to try, in order: the target's scope, then for a person the teams they belong
// to today, then the org.
std::vector<ScopeRef> bases_of(const OrgSnapshot& org, const ScopeRef& scope, LocalDate today) {
  std::vector<ScopeRef> out{scope};
  if (scope.kind == ScopeRef::Kind::user) {
    for (const MembershipRecord* m : org.memberships_of(UserId{scope.id}, today))
      out.push_back({ScopeRef::Kind::team, m->team_id.value});
  }
  if (scope.kind != ScopeRef::Kind::org) out.push_back({});
  return out;
}

goals::FunnelHistory history_of(const engine::OrgIndex& index, const OrgSnapshot& org,
                                const ScopeRef& scope, const Period& window) {
  const engine::ResolvedScope s = index.resolve({scope}, org);
  goals::FunnelHistory h;
  auto count = [&](Metric m) {
    const MetricValue v = index.base(m, s, window, std::nullopt, std::nullopt);
    const auto* n = std::get_if<std::int64_t>(&v);
    return n ? *n : 0;
  };
  h.orders = count(Metric::orders_count);
  h.orders_amount = Fen{count(Metric::orders_amount)};
  h.visits = count(Metric::visits);
  const auto opps = index.opportunity_counts(s, window);
  h.won = opps.won;
  h.lost = opps.lost;
  h.opportunities_created = opps.created;
  return h;
}

// ⌈n × 5 / working days⌉: a period's need spread over its working weeks.
std::int64_t weekly(std::int64_t n, int working_days) {
  if (working_days <= 0) return n;
  return (n * 5 + working_days - 1) / working_days;
}

}  // namespace

Result<FunnelPlan> funnel_plan(const Context& ctx, const Actor& actor, std::int64_t id) {
  FUPAN_ASSIGN_OR_RETURN(auto found, get_target(ctx, actor, id));
  FunnelPlan out;
  out.target = std::move(found.target);
  if (out.target.metric != "orders_amount" && out.target.metric != "payments_amount") {
    return Error::invalid("target", detail::revenue_target);
  }
  const Period& p = out.target.period;
  out.window = Period{PeriodKind::range, add_months(p.start, -12), p.start, ""};
  out.window.label = format_date(out.window.start) + ".." +
                     format_date(LocalDate::from_days(p.start.days() - std::chrono::days{1}));
  out.working_days = working_days(p.start, p.end, org_holidays(ctx, actor.org));
  if (!ctx.analytics) return out;
  const OrgSnapshot& org = *actor.snapshot;
  ctx.analytics->read(actor.org, [&](const engine::OrgIndex& index) {
    for (const ScopeRef& basis : bases_of(org, out.target.scope, actor.today)) {
      if (auto rates = goals::funnel_rates(history_of(index, org, basis, out.window))) {
        out.basis = basis;
        out.rates = *rates;
        return;
      }
    }
  });
  if (!out.rates) return out;
  const goals::ActivityNeed need = goals::reverse_funnel(Fen{out.target.value}, *out.rates);
  out.need = need;
  out.per_week = goals::ActivityNeed{weekly(need.orders, out.working_days),
                                     weekly(need.opportunities, out.working_days),
                                     weekly(need.visits, out.working_days)};
  return out;
}

}  // namespace fupan::service
