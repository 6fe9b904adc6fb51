#include "service/goals/target_progress.h"

#include <algorithm>
#include <tuple>

#include "domain/goals/org_tree.h"
#include "service/goals/goal_actuals.h"
#include "store/target_store.h"

namespace fupan::service {

ProgressDays progress_days(const Period& p, LocalDate date,
                           const std::vector<LocalDate>& holidays) {
  const LocalDate before = std::clamp(date, p.start, p.end);
  const LocalDate through =
      std::clamp(LocalDate::from_days(date.days() + std::chrono::days{1}), p.start, p.end);
  const int working = working_days(p.start, p.end, holidays);
  if (working > 0) {
    const int over = working_days(p.start, before, holidays);
    return {working, over, working_days(p.start, through, holidays) > over};
  }
  const int over = static_cast<int>((before.days() - p.start.days()).count());
  return {static_cast<int>((p.end.days() - p.start.days()).count()), over, p.contains(date)};
}

Result<ProgressReport> target_progress(const Context& ctx, const Actor& actor,
                                       const ProgressRequest& req) {
  const OrgSnapshot& org = *actor.snapshot;
  ProgressReport out;
  out.date = actor.today;
  if (!req.date.empty()) {
    auto d = parse_date(req.date);
    if (!d) return Error::invalid("date", detail::date);
    out.date = *d;
  }
  std::vector<ScopeRef> scopes;
  if (req.scope.empty()) {
    scopes.push_back({ScopeRef::Kind::user, actor.id.value});
  } else {
    FUPAN_ASSIGN_OR_RETURN(auto parsed, parse_scope(req.scope, org));
    if (parsed.size() != 1) return Error::invalid("scope", detail::one_target_scope);
    FUPAN_TRY(check_may_view(parsed, org, actor.scope(), actor.id, actor.today));
    scopes.push_back(parsed.front());
  }
  if (req.members) {
    for (const ScopeRef& s : goals::org_children(org, scopes.front(), actor.today)) {
      if (check_may_view({s}, org, actor.scope(), actor.id, actor.today).ok()) scopes.push_back(s);
    }
  }
  const std::vector<LocalDate> holidays = org_holidays(ctx, actor.org);
  // The scopes' targets holding the day in one read: the scope's first, then its members' in
  // the org's order, each one's shortest period first.
  store::TargetQuery q;
  q.from = out.date;
  q.to = LocalDate::from_days(out.date.days() + std::chrono::days{1});
  q.scopes = scopes;
  std::vector<goals::Target> targets = store::list_targets(*ctx.db.acquire(), actor.org, q);
  auto rank = [&](const ScopeRef& s) { return std::ranges::find(scopes, s) - scopes.begin(); };
  std::ranges::stable_sort(targets, {}, [&](const goals::Target& t) {
    return std::tuple{rank(t.scope), t.period.end - t.period.start, t.metric};
  });
  // The actuals from each period's start through the day, under one read of the index.
  const LocalDate next = LocalDate::from_days(out.date.days() + std::chrono::days{1});
  std::vector<ActualAsk> asks;
  asks.reserve(targets.size());
  for (const goals::Target& t : targets)
    asks.push_back({t.metric, t.scope, t.period.start, std::min(next, t.period.end)});
  const std::vector<std::int64_t> actuals = goal_actuals(ctx, actor, asks);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    goals::Target& t = targets[i];
    TargetProgress p;
    p.actual = actuals[i];
    const ProgressDays d = progress_days(t.period, out.date, holidays);
    p.days = d.days;
    p.over = d.over;
    p.day_counts = d.today;
    p.progress = goals::progress_of(
        {t.value, p.actual, d.days, d.over, d.today, out.date >= t.period.start});
    p.scope_name = goals::scope_name(org, t.scope);
    p.target = std::move(t);
    out.items.push_back(std::move(p));
  }
  return out;
}

}  // namespace fupan::service
