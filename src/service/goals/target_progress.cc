#include "service/goals/target_progress.h"

#include <algorithm>

#include "domain/goals/org_tree.h"
#include "engine/analytics.h"
#include "service/analytics/metrics_service.h"
#include "store/metric_settings_store.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

// The actual of `t`'s metric and scope from the start of its period through `date`.
std::int64_t actual_to_date(const Context& ctx, const Actor& actor, const goals::Target& t,
                            LocalDate date) {
  if (!ctx.analytics || date < t.period.start) return 0;
  MetricRequest req{t.metric, t.scope.text(), t.period.label, {}, {}, {}, "to_date"};
  auto q = parse_metric_request(req, *actor.snapshot, date);
  if (!q.ok()) return 0;
  const MetricAnswer a = answer_metric(ctx, actor.org, *q);
  const auto* v = std::get_if<std::int64_t>(&a.value);
  return v ? *v : 0;
}

}  // namespace

std::vector<LocalDate> org_holidays(const Context& ctx, OrgId org) {
  if (ctx.analytics) {
    return ctx.analytics->read(org,
                               [](const engine::OrgIndex& i) { return i.settings().holidays; });
  }
  return store::read_metric_settings(*ctx.db.acquire(), org).holidays;
}

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
  std::vector<goals::Target> targets;
  {
    auto conn = ctx.db.acquire();
    store::TargetQuery q;
    q.from = out.date;
    q.to = LocalDate::from_days(out.date.days() + std::chrono::days{1});
    for (const ScopeRef& s : scopes) {
      q.scope = s;
      std::vector<goals::Target> mine = store::list_targets(*conn, actor.org, q);
      std::ranges::stable_sort(mine, {}, [](const goals::Target& t) {
        return std::pair{t.period.end - t.period.start, t.metric};
      });
      std::ranges::move(mine, std::back_inserter(targets));
    }
  }
  for (goals::Target& t : targets) {
    TargetProgress p;
    p.actual = actual_to_date(ctx, actor, t, out.date);
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
