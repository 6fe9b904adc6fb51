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

// What a person's earlier periods are to a clawback: `open` is whether period `p` could still take
// it — not approved (nor covered by an approved period of the other kind), under a plan, and the
// person in a team then.
struct History {
  std::vector<Period> approved;  // the person's approved periods
  const std::vector<performance::CommissionPlan>* plans = nullptr;
  const OrgSnapshot* snapshot = nullptr;
  UserId user;

  bool open(const Period& p) const {
    for (const Period& a : approved) {
      if (a.start <= p.start && p.end <= a.end) return false;
    }
    const bool planned = std::any_of(plans->begin(), plans->end(), [&](const auto& plan) {
      return performance::in_effect(plan, p.start);
    });
    if (!planned) return false;
    return std::any_of(snapshot->memberships().begin(), snapshot->memberships().end(),
                       [&](const MembershipRecord& m) {
                         return m.user_id == user && m.valid_from < p.end &&
                                (!m.valid_to || p.start < *m.valid_to);
                       });
  }
};

// Whether a clawback triggered on day `trigger` is taken in `period`: the first period of its kind
// from the one holding `trigger` on that could still take it (so an open month before `period`
// takes it, two open months never both do, and a settled or plan-less month passes it on).
bool takes_clawback(const Period& period, LocalDate trigger, const History& history) {
  if (trigger >= period.end) return false;
  for (Period p = period_containing(period.kind, trigger); p.start < period.start;
       p = period_containing(period.kind, p.end)) {
    if (history.open(p)) return false;
  }
  return true;
}

// The days of `period` on which `user` led each team (a leader's membership), by team.
std::vector<std::pair<TeamId, std::pair<LocalDate, LocalDate>>> teams_led(
    const OrgSnapshot& snapshot, UserId user, const Period& period) {
  std::vector<std::pair<TeamId, std::pair<LocalDate, LocalDate>>> out;
  // Only a manager: a leader's membership alone must not show a rep their members' money.
  const UserRecord* u = snapshot.user(user);
  if (!u || !u->roles.has(Role::manager)) return out;
  for (const MembershipRecord& m : snapshot.memberships()) {
    if (m.user_id != user || m.role != TeamRole::leader) continue;
    const LocalDate from = std::max(m.valid_from, period.start);
    const LocalDate to = m.valid_to ? std::min(*m.valid_to, period.end) : period.end;
    if (from < to) out.push_back({m.team_id, {from, to}});
  }
  // A sub-team of a team also led is in that team's scope already: its target is not added twice.
  auto led_above = [&](TeamId team) {
    for (const TeamRecord* t = snapshot.team(team); t && t->parent_id;) {
      const TeamId parent = *t->parent_id;
      if (std::any_of(out.begin(), out.end(), [&](const auto& o) { return o.first == parent; })) {
        return true;
      }
      t = snapshot.team(parent);
    }
    return false;
  };
  std::erase_if(out, [&](const auto& o) { return led_above(o.first); });
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
  // Everyone's targets, what was paid before and the approved periods, each in one read, before the
  // index is held (one person's alone when there is one).
  auto targets = store::read_targets_of_all(c, org, metric, "user", period.start, period.end);
  // With the manager's credit, a leader's target is their teams' (the days they led them).
  std::vector<std::vector<std::pair<TeamId, std::pair<LocalDate, LocalDate>>>> led(users.size());
  std::map<std::int64_t, std::vector<TargetPeriod>> team_targets;
  if (plan.credit_manager) {
    for (std::size_t i = 0; i < users.size(); ++i) led[i] = teams_led(snapshot, users[i], period);
    team_targets = store::read_targets_of_all(c, org, metric, "team", period.start, period.end);
  }
  auto paid_before =
      users.size() == 1
          ? std::map<std::int64_t, std::vector<store::PaidOnOrder>>{{users[0].value,
                                                                     store::paid_on_orders(
                                                                         c, org, users[0],
                                                                         period.start)}}
          : store::paid_on_orders_of_all(c, org, period.start);
  auto approved_labels = store::approved_periods_of_all(c, org);
  const auto plans = store::list_commission_plans(c, org);
  // A record some approved statement paid on is not paid again (its day or owner since changed).
  const auto already_paid = store::paid_records(c, org, payments ? "payment" : "order");
  std::vector<std::vector<store::PaidOnOrder>> paid(users.size());
  std::vector<History> history(users.size());
  for (std::size_t i = 0; i < users.size(); ++i) {
    // A leader's target: each team's share for the days they led it; their own without any.
    for (const auto& [team, days] : led[i]) {
      auto t = team_targets.find(team.value);
      if (t == team_targets.end()) continue;
      const Period led_days{PeriodKind::range, days.first, days.second, ""};
      if (auto share = money_target_for(t->second, led_days, holidays)) {
        out[i].target = out[i].target.value_or(Fen{0}) + *share;
      }
    }
    if (!out[i].target) {
      if (auto t = targets.find(users[i].value); t != targets.end()) {
        out[i].target = money_target_for(t->second, period, holidays);
      }
    }
    history[i] = {{}, &plans, &snapshot, users[i]};
    if (auto p = paid_before.find(users[i].value); p != paid_before.end()) {
      paid[i] = std::move(p->second);
      for (const std::string& label : approved_labels[users[i].value]) {
        if (auto a = parse_period(label); a.ok()) history[i].approved.push_back(*a);
      }
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
        if (already_paid.contains(row.record_id)) continue;
        out[i].credits.push_back({payments ? CreditKind::payment : CreditKind::order, row.record_id,
                                  date_of(row.day), Fen{row.amount}, std::nullopt});
      }
      for (const auto& [order, net, last_paid] : paid[i]) {
        if (net <= Fen{0}) continue;
        const auto state = index.order_state(order, end);
        if (!state || state->cancelled) {
          // When it was cancelled is not kept: the first period after the one that paid on it.
          const LocalDate after = period_containing(period.kind, last_paid).end;
          if (takes_clawback(period, after, history[i])) {
            out[i].clawbacks.push_back({CreditKind::order, order,
                                        state ? date_of(state->day) : LocalDate{},
                                        ClawbackReason::cancelled, net});
          }
          continue;
        }
        if (!plan.clawback_unpaid_days) continue;
        // Unpaid when what was paid by the last of the days allowed falls short of the total.
        const engine::Day last = state->day + *plan.clawback_unpaid_days;
        if (!takes_clawback(period, date_of(last), history[i])) continue;
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
