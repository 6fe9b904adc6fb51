// 复盘 at the scale of a large org (bench/large_store.h): the fact pack of a team's month, every
// section assembled from the analytics index (targets, trend, funnel, quadrant, activity per rep)
// and the store (the deals won and lost, reasons, competitors, last review's items); against its
// headline figures alone (the trend's four metrics in three periods, the customers' four, the win
// rate) by plain SQL, the metrics' reference.
#include <benchmark/benchmark.h>

#include "large_store.h"
#include "service/analytics/analysis_service.h"
#include "service/platform/org_directory.h"
#include "service/reviews/fact_pack.h"
#include "store/metric_settings_store.h"
#include "testkit/fixed_clock.h"
#include "testkit/metric_sql.h"

namespace {

using namespace fupan;

// The team of the large org's busiest rep, and September 2026.
struct TeamMonth {
  ScopeRef team;
  Period month;
};
TeamMonth team_month(const bench::LargeStore& s) {
  const LocalDate day{std::chrono::year{2026} / 9 / 16};
  ScopeRef team{ScopeRef::Kind::team, 0};
  for (const MembershipRecord* m : s.snapshot->memberships_of(s.rep, day)) {
    team.id = m->team_id.value;
  }
  return {team, period_containing(PeriodKind::month, day)};
}

UserId admin_of(const OrgSnapshot& org) {
  for (const UserRecord& u : org.users()) {
    if (u.roles.has(Role::admin)) return u.id;
  }
  return UserId{};
}

void BM_FactPackTeamMonth(benchmark::State& state) {
  bench::LargeStore* s = bench::sqlite_store();
  testkit::FixedClock clock{instant_from_ms(1763600000000)};
  service::SessionCache sessions;
  service::ScopeCache scopes;
  const service::Context ctx{*s->db, s->orgs, clock, sessions, scopes, &s->analytics()};
  const service::Actor actor =
      service::make_actor(ctx, s->snapshot, admin_of(*s->snapshot), "bench");
  const TeamMonth tm = team_month(*s);
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string pack = service::assemble_fact_pack(ctx, actor, tm.team, tm.month, 0);
    bytes = pack.size();
    benchmark::DoNotOptimize(pack);
  }
  state.counters["json_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_FactPackTeamMonth)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The pack's two analyses alone, to see where its time goes: the funnel (with the org's trailing
// year as its benchmark) and the quadrant of the team's members.
void BM_FactPackPart(benchmark::State& state) {
  bench::LargeStore* s = bench::sqlite_store();
  testkit::FixedClock clock{instant_from_ms(1763600000000)};
  service::SessionCache sessions;
  service::ScopeCache scopes;
  const service::Context ctx{*s->db, s->orgs, clock, sessions, scopes, &s->analytics()};
  const service::Actor actor =
      service::make_actor(ctx, s->snapshot, admin_of(*s->snapshot), "bench");
  const TeamMonth tm = team_month(*s);
  const service::MetricRequest req{"orders_amount", tm.team.text(), tm.month.label, {}, {}, {}, {}};
  for (auto _ : state) {
    if (state.range(0) == 0) {
      benchmark::DoNotOptimize(service::funnel_analysis(ctx, actor, req));
    } else {
      benchmark::DoNotOptimize(service::quadrant_analysis(ctx, actor, req, "child"));
    }
  }
  state.SetLabel(state.range(0) == 0 ? "funnel" : "quadrant");
}
BENCHMARK(BM_FactPackPart)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_FactPackFigures_SQL(benchmark::State& state) {
  bench::LargeStore* s = bench::sqlite_store();
  auto c = s->db->acquire();
  const MetricSettings settings = store::read_metric_settings(*c, s->org);
  const TeamMonth tm = team_month(*s);
  MetricQuery q;
  q.scopes = {tm.team};
  const std::vector<Period> periods = {tm.month, previous_period(tm.month),
                                       same_period_last_year(tm.month)};
  for (auto _ : state) {
    for (const char* name : {"orders_amount", "payments_amount", "new_buyers", "activities"}) {
      const Metric m = parse_metric(name).value().base;
      for (const Period& p : periods) {
        q.period = p;
        benchmark::DoNotOptimize(testkit::metric_by_sql(*c, s->org, settings, m, q, p));
      }
    }
    q.period = tm.month;
    for (const char* name : {"cac", "clv", "satisfaction", "win_rate"}) {
      const Metric m = parse_metric(name).value().base;
      benchmark::DoNotOptimize(testkit::metric_by_sql(*c, s->org, settings, m, q, tm.month));
    }
  }
}
BENCHMARK(BM_FactPackFigures_SQL)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
