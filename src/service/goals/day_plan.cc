#include "service/goals/day_plan.h"

#include <algorithm>
#include <map>

#include "domain/goals/calendar_split.h"
#include "service/crm/todo_service.h"
#include "service/goals/goal_actuals.h"
#include "store/plan_task_store.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

// Open tasks of this many earlier days come along to today's list.
constexpr int kCarryDays = 14;

// The day's share of target `t` (split by working days, as a split into days would save it).
std::int64_t day_share(const goals::Target& t, LocalDate day,
                       const std::vector<LocalDate>& holidays, int fiscal) {
  if (t.period.kind == PeriodKind::day) return t.value;
  auto shares = goals::split_by_working_days(t.value, t.period, PeriodKind::day, holidays, fiscal);
  if (!shares.ok()) return 0;
  for (const goals::PeriodShare& s : *shares) {
    if (s.period.start == day) return s.value;
  }
  return 0;
}

std::vector<DayQuota> quotas_of(const Context& ctx, const Actor& actor, UserId user, LocalDate day,
                                const std::vector<LocalDate>& holidays) {
  store::TargetQuery q;
  q.scope = ScopeRef{ScopeRef::Kind::user, user.value};
  q.from = day;
  q.to = LocalDate::from_days(day.days() + std::chrono::days{1});
  std::vector<goals::Target> targets = store::list_targets(*ctx.db.acquire(), actor.org, q);
  // Per metric, the smallest period holding the day (a day's own target before its week's).
  std::map<std::string, goals::Target> smallest;
  for (goals::Target& t : targets) {
    auto [it, fresh] = smallest.try_emplace(t.metric, t);
    if (!fresh && t.period.end - t.period.start < it->second.period.end - it->second.period.start) {
      it->second = std::move(t);
    }
  }
  const int fiscal = actor.snapshot->org().fiscal_year_start_month;
  // The day's actuals (none yet for a day to come), under one read of the index.
  const LocalDate next = LocalDate::from_days(day.days() + std::chrono::days{1});
  std::vector<ActualAsk> asks;
  for (const auto& [metric, t] : smallest) {
    asks.push_back(
        {metric, ScopeRef{ScopeRef::Kind::user, user.value}, day, day > actor.today ? day : next});
  }
  const std::vector<std::int64_t> done = goal_actuals(ctx, actor, asks);
  std::vector<DayQuota> out;
  for (auto& [metric, t] : smallest) {
    DayQuota dq;
    dq.metric = metric;
    dq.quota = day_share(t, day, holidays, fiscal);
    dq.done = done[out.size()];
    dq.target_id = t.id;
    dq.prorated = t.period.kind != PeriodKind::day;
    dq.source = t.period;
    out.push_back(std::move(dq));
  }
  return out;
}

int quadrant_rank(const PlanItem& i) {
  if (i.important && i.urgent) return 0;
  if (i.important) return 1;
  if (i.urgent) return 2;
  return 3;
}

}  // namespace

std::string_view plan_item_kind_name(PlanItem::Kind k) {
  switch (k) {
    case PlanItem::Kind::quota:
      return "quota";
    case PlanItem::Kind::follow_up:
      return "follow_up";
    case PlanItem::Kind::stalled:
      return "stalled";
    case PlanItem::Kind::task:
      return "task";
  }
  return "";
}

Result<DayPlan> day_plan(const Context& ctx, const Actor& actor, std::optional<UserId> user,
                         const std::string& date) {
  DayPlan plan;
  plan.user = user.value_or(actor.id);
  if (!actor.snapshot->user(plan.user) ||
      !check_may_view({{ScopeRef::Kind::user, plan.user.value}}, *actor.snapshot, actor.scope(),
                      actor.id, actor.today)
           .ok()) {
    return Error::not_found();
  }
  plan.date = actor.today;
  if (!date.empty()) {
    auto d = parse_date(date);
    if (!d) return Error::invalid("date", detail::date);
    plan.date = *d;
  }
  const std::vector<LocalDate> holidays = org_holidays(ctx, actor.org);
  const LocalDate next = LocalDate::from_days(plan.date.days() + std::chrono::days{1});
  plan.working_day = working_days(plan.date, next, holidays) == 1;
  plan.quotas = quotas_of(ctx, actor, plan.user, plan.date, holidays);

  for (const DayQuota& q : plan.quotas) {
    if (q.quota <= 0) continue;
    PlanItem i;
    i.kind = PlanItem::Kind::quota;
    i.title = q.metric;
    i.important = i.urgent = true;
    i.done = q.done >= q.quota;
    i.due = plan.date;
    plan.items.push_back(std::move(i));
  }
  if (plan.date == actor.today) {
    TodoFilter filter;
    if (plan.user != actor.id) filter = {TodoScope::team, plan.user};
    FUPAN_ASSIGN_OR_RETURN(auto todos, load_todos(ctx, actor, filter));
    for (const OverdueFollowUp& f : todos.follow_ups) {
      PlanItem i;
      i.kind = PlanItem::Kind::follow_up;
      i.title = f.customer.text(f.customer.kind->label_field);
      i.important = true;
      i.urgent = true;
      i.due = LocalDate::from_days(actor.today.days() - std::chrono::days{f.days_overdue});
      i.entity = "customer";
      i.entity_id = f.customer.id;
      plan.items.push_back(std::move(i));
    }
    for (const StalledOpportunity& s : todos.stalled) {
      PlanItem i;
      i.kind = PlanItem::Kind::stalled;
      i.title = s.opportunity.text(s.opportunity.kind->label_field);
      i.important = true;
      i.entity = "opportunity";
      i.entity_id = s.opportunity.id;
      plan.items.push_back(std::move(i));
    }
  }
  for (goals::PlanTask& t :
       store::list_plan_tasks(*ctx.db.acquire(), actor.org, plan.user, plan.date, kCarryDays)) {
    PlanItem i;
    i.kind = PlanItem::Kind::task;
    i.title = t.title;
    i.important = t.important;
    // A task carried over from an earlier day has become urgent.
    i.urgent = t.urgent || t.day < plan.date;
    i.done = t.done_at.has_value();
    i.due = t.day;
    i.task = std::move(t);
    plan.items.push_back(std::move(i));
  }
  std::ranges::stable_sort(plan.items, {}, quadrant_rank);
  return plan;
}

}  // namespace fupan::service
