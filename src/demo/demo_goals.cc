#include "demo/demo_goals.h"

#include <cmath>
#include <functional>
#include <map>

#include "demo/demo_audit.h"
#include "domain/goals/apportion.h"
#include "domain/goals/calendar_split.h"
#include "domain/goals/org_tree.h"
#include "service/platform/org_directory.h"
#include "store/metric_settings_store.h"
#include "store/plan_task_store.h"
#include "store/target_store.h"

namespace fupan::demo {
namespace {

using Kind = ScopeRef::Kind;

// 万元 in 分: targets are set in round numbers.
constexpr std::int64_t kTenThousandYuan = 1'000'000;

struct Writer {
  store::Connection& c;
  OrgId org;
  UserId by;
  Instant now;
  std::vector<LocalDate> holidays;

  goals::Target add(std::string metric, ScopeRef scope, Period period, std::int64_t value) {
    goals::Target t;
    t.metric = std::move(metric);
    t.scope = scope;
    t.period = std::move(period);
    t.value = t.original_value = value;
    t.set_by = by;
    t.created_at = t.updated_at = now;
    t.id = store::insert_target(c, org, t);
    return t;
  }
  // The months of `t`'s year by working days, as targets of the same scope.
  void add_months(const goals::Target& t) {
    auto months = goals::split_by_working_days(t.value, t.period, PeriodKind::month, holidays);
    if (!months.ok()) return;
    for (goals::PeriodShare& m : *months) add(t.metric, t.scope, std::move(m.period), m.value);
  }
};

// Each rep's sales (by owner) over [from, to).
struct Sales {
  std::map<std::int64_t, std::int64_t> by_user;
};

Sales sales_between(store::Connection& c, OrgId org, LocalDate from, LocalDate to,
                    const date::time_zone* zone) {
  Sales out;
  auto rows = c.query(
      "SELECT owner_id, total FROM orders WHERE org_id = ? AND status <> 'cancelled' "
      "AND ordered_at >= ? AND ordered_at < ?",
      {org.value, to_ms(instant_at(from, std::chrono::minutes{0}, zone)),
       to_ms(instant_at(to, std::chrono::minutes{0}, zone))});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.by_user[rows.i64(i, 0)] += rows.i64(i, 1);
  }
  return out;
}

// The last twelve months' sales of each scope below `scope` (reps' sums), at least 1 so that a new
// team still gets a share.
std::vector<std::int64_t> shares_of(const OrgSnapshot& snap, const std::vector<ScopeRef>& parts,
                                    const Sales& recent, LocalDate today) {
  std::vector<std::int64_t> out;
  for (const ScopeRef& p : parts) {
    std::int64_t sum = 0;
    std::vector<ScopeRef> frontier{p};
    while (!frontier.empty()) {
      const ScopeRef s = frontier.back();
      frontier.pop_back();
      if (s.kind == Kind::user) {
        if (auto it = recent.by_user.find(s.id); it != recent.by_user.end()) sum += it->second;
        continue;
      }
      for (const ScopeRef& below : goals::org_children(snap, s, today)) frontier.push_back(below);
    }
    out.push_back(std::max<std::int64_t>(sum, 1));
  }
  return out;
}

}  // namespace

void add_demo_goals(const service::Context& ctx, OrgId org, Instant now) {
  auto conn = ctx.db.acquire();
  auto snapshot = service::read_org_snapshot(*conn, org);
  if (!snapshot) throw store::StoreError(store::StoreError::Kind::other, "no such org");
  const OrgSnapshot& snap = *snapshot;
  const date::time_zone* zone = zone_of(snap.org().timezone);
  const LocalDate today = local_date(now, zone);
  const Period year = period_containing(PeriodKind::year, today);
  const UserRecord* admin = nullptr;
  const UserRecord* rep = nullptr;
  const UserRecord* manager = nullptr;
  for (const UserRecord& u : snap.users()) {
    if (u.username == "admin") admin = &u;
    if (u.username == "rep") rep = &u;
    if (u.username == "manager") manager = &u;
  }
  if (!admin || !rep || !manager) return;

  store::Transaction tx(*conn, true);
  Writer w{*conn, org, admin->id, now, store::read_metric_settings(*conn, org).holidays};
  // The last twelve months' sales + 5 %: a target most are near, some ahead of and some behind,
  // whatever day the demo is made on (on 1 January too, when the year has no sales yet).
  const LocalDate tomorrow = LocalDate::from_days(today.days() + std::chrono::days{1});
  const LocalDate year_ago = LocalDate::from_days(tomorrow.days() - std::chrono::days{365});
  const Sales recent = sales_between(*conn, org, year_ago, tomorrow, zone);
  std::int64_t last_twelve_months = 0;
  for (const auto& [user, sum] : recent.by_user) last_twelve_months += sum;
  const double run = static_cast<double>(last_twelve_months) * 1.05;
  const std::int64_t org_value =
      std::max<std::int64_t>(1, std::llround(run / kTenThousandYuan)) * kTenThousandYuan;

  // The org's year, and its months by the seasonality a B2B seller in China plans with (a quiet
  // Spring Festival February, a strong year end), kept as the org's.
  const goals::Target org_year = w.add("orders_amount", {}, year, org_value);
  OrgRecord settings = snap.org();
  settings.seasonality = {7, 5, 8, 8, 8, 9, 8, 8, 9, 8, 9, 13};
  settings.updated_at = now;
  store::update_org(*conn, settings, snap.org().version);
  if (auto months = goals::split_by_seasonality(org_value, year, settings.seasonality);
      months.ok()) {
    for (goals::PeriodShare& m : *months) w.add("orders_amount", {}, std::move(m.period), m.value);
  }

  // Down the tree by the last twelve months' share: every region but the last all the way to the
  // reps (the last is left for its director to split: the tree shows its teams as not set).
  auto split = [&](const goals::Target& parent) {
    std::vector<goals::Target> out;
    const std::vector<ScopeRef> parts = goals::org_children(snap, parent.scope, today);
    if (parts.empty()) return out;
    auto values = goals::split_by_share(parent.value, shares_of(snap, parts, recent, today));
    if (!values.ok()) return out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      out.push_back(w.add(parent.metric, parts[i], parent.period, (*values)[i]));
    }
    return out;
  };
  // A new rep in another team than the demo manager's has their year lowered by 10 % with the
  // reason: their team's parts no longer add up to it, and the tree shows the gap.
  const TeamId manager_team = snap.memberships_of(manager->id, today).empty()
                                  ? TeamId{0}
                                  : snap.memberships_of(manager->id, today).front()->team_id;
  bool adjusted = false;
  std::vector<goals::Target> rep_years;
  std::function<void(const goals::Target&)> cascade = [&](const goals::Target& parent) {
    for (goals::Target& t : split(parent)) {
      if (t.scope.kind != Kind::user) {
        cascade(t);
        continue;
      }
      if (!adjusted && parent.scope.kind == Kind::team && parent.scope.id != manager_team.value) {
        goals::Target after = t;
        after.value = t.value / 10 * 9;
        after.version = 2;
        store::update_target(*conn, org, after, 1);
        store::insert_target_adjustment(
            *conn, org,
            {0, t.id, t.value, after.value, "新人入职第一年，目标按九成下调", admin->id, now});
        t = after;
        adjusted = true;
      }
      w.add_months(t);
      rep_years.push_back(t);
    }
  };
  const std::vector<goals::Target> regions = split(org_year);
  for (std::size_t r = 0; r < regions.size(); ++r) {
    if (regions.size() > 1 && r + 1 == regions.size()) break;
    cascade(regions[r]);
  }

  // Every rep's activity targets for this week and the next: daily quotas in their day plans.
  const Period this_week = period_containing(PeriodKind::week, today);
  const Period next_week =
      period_containing(PeriodKind::week, LocalDate::from_days(this_week.end.days()));
  for (const goals::Target& y : rep_years) {
    const std::int64_t n = y.scope.id % 3;
    for (const Period& week : {this_week, next_week}) {
      w.add("visits", y.scope, week, 8 + n);
      w.add("calls", y.scope, week, 20 + 5 * n);
      w.add("new_leads", y.scope, week, 5 + n);
    }
  }

  // Commitments bottom-up: the demo rep a little under their year, their manager the team's.
  for (const goals::Target& y : rep_years) {
    if (y.scope.id == rep->id.value) {
      store::upsert_target_commit(*conn, org,
                                  {y.id, y.value * 95 / 100 / kTenThousandYuan * kTenThousandYuan,
                                   "两家重点客户的续约预算尚未确定", rep->id, now});
    }
  }
  store::TargetQuery team_year;
  team_year.metric = "orders_amount";
  team_year.scope = ScopeRef{Kind::team, manager_team.value};
  team_year.from = year.start;
  team_year.to = year.end;
  for (const goals::Target& t : store::list_targets(*conn, org, team_year)) {
    if (t.period.label == year.label) {
      store::upsert_target_commit(*conn, org, {t.id, t.value, "全力以赴", manager->id, now});
    }
  }

  // The demo rep's day plan: today's tasks, one done, and one left open yesterday.
  auto task = [&](LocalDate day, const char* title, bool important, bool urgent, bool done) {
    goals::PlanTask t;
    t.user = rep->id;
    t.day = day;
    t.title = title;
    t.important = important;
    t.urgent = urgent;
    if (done) t.done_at = now;
    t.created_at = t.updated_at = now;
    store::insert_plan_task(*conn, org, t);
  };
  task(LocalDate::from_days(today.days() - std::chrono::days{1}), "电话确认宁波客户的采购需求",
       true, false, false);
  task(today, "准备重点客户的续约报价方案", true, false, false);
  task(today, "回复客户关于交付周期的邮件", false, true, false);
  task(today, "整理本周周报的素材", false, false, true);

  audit_demo_step(*conn, org, "demo_goals", now);
  tx.commit();
}

}  // namespace fupan::demo
