#include "service/performance/commission_inputs.h"

#include <set>

#include "domain/attainment.h"
#include "engine/analytics.h"
#include "store/commission_store.h"
#include "store/metric_settings_store.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

using performance::ClawbackReason;
using performance::CreditKind;

LocalDate date_of(engine::Day d) {
  return LocalDate::from_days(std::chrono::sys_days{std::chrono::days{d}});
}

// Whether a clawback triggered on day `trigger` is taken in `period`: the first period of its kind
// from the one holding `trigger` on that is not approved yet (so an open month before `period`
// takes it, and two open months never both do).
bool takes_clawback(const Period& period, LocalDate trigger,
                    const std::set<std::string>& approved) {
  if (trigger >= period.end) return false;
  for (Period p = period_containing(period.kind, trigger); p.start < period.start;
       p = period_containing(period.kind, p.end)) {
    if (!approved.contains(p.label)) return false;
  }
  return true;
}

}  // namespace

std::vector<performance::StatementInput> statement_inputs(const Context& ctx, store::Connection& c,
                                                          OrgId org, const OrgSnapshot& snapshot,
                                                          const performance::CommissionPlan& plan,
                                                          const std::vector<UserId>& users,
                                                          const Period& period) {
  std::vector<performance::StatementInput> out(users.size());
  const bool payments = plan.base == performance::CommissionBase::payments;
  const std::string_view metric = payments ? "payments_amount" : "orders_amount";
  const auto holidays = store::read_metric_settings(c, org).holidays;
  // What earlier statements paid, read before the index is held.
  // Everyone's targets and what was paid before, each in one read.
  auto targets = store::read_targets_of_all(c, org, metric, "user", period.start, period.end);
  auto paid_before = store::paid_on_orders_of_all(c, org, period.start);
  std::vector<std::vector<store::PaidOnOrder>> paid(users.size());
  std::vector<std::set<std::string>> approved(users.size());
  for (std::size_t i = 0; i < users.size(); ++i) {
    if (auto t = targets.find(users[i].value); t != targets.end()) {
      out[i].target = money_target_for(t->second, period, holidays);
    }
    if (auto p = paid_before.find(users[i].value); p != paid_before.end()) {
      paid[i] = std::move(p->second);
      approved[i] = store::approved_periods(c, org, users[i]);
    }
  }
  for (auto& a : store::list_commission_adjustments(c, org, period.label, std::nullopt)) {
    for (std::size_t i = 0; i < users.size(); ++i) {
      if (users[i] == a.user) out[i].adjustments.push_back(std::move(a.adjustment));
    }
  }
  if (!ctx.analytics) return out;
  const engine::Day end = engine::DayClock::day_number(period.end);
  ctx.analytics->read(org, [&](const engine::OrgIndex& index) {
    for (std::size_t i = 0; i < users.size(); ++i) {
      const auto scope = index.resolve({ScopeRef{ScopeRef::Kind::user, users[i].value}}, snapshot);
      for (const auto& row : index.credits(payments, scope, period)) {
        out[i].credits.push_back({payments ? CreditKind::payment : CreditKind::order, row.record_id,
                                  date_of(row.day), Fen{row.amount}, std::nullopt});
      }
      for (const auto& [order, net, last_paid] : paid[i]) {
        if (net <= Fen{0}) continue;
        const auto state = index.order_state(order, end);
        if (!state || state->cancelled) {
          // When it was cancelled is not kept: the first period after the one that paid on it.
          const LocalDate after = period_containing(period.kind, last_paid).end;
          if (takes_clawback(period, after, approved[i])) {
            out[i].clawbacks.push_back({CreditKind::order, order,
                                        state ? date_of(state->day) : LocalDate{},
                                        ClawbackReason::cancelled, net});
          }
          continue;
        }
        if (!plan.clawback_unpaid_days) continue;
        // Unpaid when what was paid by the last of the days allowed falls short of the total.
        const engine::Day last = state->day + *plan.clawback_unpaid_days;
        if (!takes_clawback(period, date_of(last), approved[i])) continue;
        const auto by_then = index.order_state(order, last + 1);
        if (by_then->paid < by_then->total) {
          out[i].clawbacks.push_back(
              {CreditKind::order, order, date_of(state->day), ClawbackReason::unpaid, net});
        }
      }
    }
  });
  return out;
}

}  // namespace fupan::service
