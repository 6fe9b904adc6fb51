#include "service/performance/commission_inputs.h"

#include <algorithm>
#include <map>
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

// The days of `period` on which `user` led each team (a leader's membership), by team.
std::vector<std::pair<TeamId, std::pair<LocalDate, LocalDate>>> teams_led(
    const OrgSnapshot& snapshot, UserId user, const Period& period) {
  std::vector<std::pair<TeamId, std::pair<LocalDate, LocalDate>>> out;
  for (const MembershipRecord& m : snapshot.memberships()) {
    if (m.user_id != user || m.role != TeamRole::leader) continue;
    const LocalDate from = std::max(m.valid_from, period.start);
    const LocalDate to = m.valid_to ? std::min(*m.valid_to, period.end) : period.end;
    if (from < to) out.push_back({m.team_id, {from, to}});
  }
  return out;
}

}  // namespace

bool leads_in(const OrgSnapshot& snapshot, UserId user, const Period& period) {
  return !teams_led(snapshot, user, period).empty();
}

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
  // With the manager's credit, a leader's target is their teams' (the days they led them).
  std::vector<std::vector<std::pair<TeamId, std::pair<LocalDate, LocalDate>>>> led(users.size());
  std::map<std::int64_t, std::vector<TargetPeriod>> team_targets;
  if (plan.credit_manager) {
    for (std::size_t i = 0; i < users.size(); ++i) led[i] = teams_led(snapshot, users[i], period);
    team_targets = store::read_targets_of_all(c, org, metric, "team", period.start, period.end);
  }
  auto paid_before = store::paid_on_orders_of_all(c, org, period.start);
  std::vector<std::vector<store::PaidOnOrder>> paid(users.size());
  std::vector<std::set<std::string>> approved(users.size());
  for (std::size_t i = 0; i < users.size(); ++i) {
    if (!led[i].empty()) {
      for (const auto& [team, days] : led[i]) {
        auto t = team_targets.find(team.value);
        if (t == team_targets.end()) continue;
        if (auto share = money_target_for(t->second, period, holidays)) {
          out[i].target = out[i].target.value_or(Fen{0}) + *share;
        }
      }
    } else if (auto t = targets.find(users[i].value); t != targets.end()) {
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
      auto rows = index.credits(payments, scope, period);
      // A leader credited with their teams: each member's record of a day the member was in the
      // team and the leader led it (the team of the record's day), each record once.
      for (const auto& [team, days] : led[i]) {
        const auto members = index.resolve({ScopeRef{ScopeRef::Kind::team, team.value}}, snapshot);
        const engine::Day from = engine::DayClock::day_number(days.first);
        const engine::Day to = engine::DayClock::day_number(days.second);
        for (const auto& row : index.credits(payments, members, period)) {
          if (row.day >= from && row.day < to) rows.push_back(row);
        }
      }
      if (!led[i].empty()) {
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
          return a.day != b.day ? a.day < b.day : a.record_id < b.record_id;
        });
        rows.erase(
            std::unique(rows.begin(), rows.end(),
                        [](const auto& a, const auto& b) { return a.record_id == b.record_id; }),
            rows.end());
      }
      for (const auto& row : rows) {
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
