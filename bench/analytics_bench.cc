// The analytics engine at the scale of a large org (bench/large_org.h: 2,000 users in 200 teams,
// 200,000 customers, 10M activities, 1M opportunities and orders over two years) against the same
// questions asked as plain SQL, in the same run:
//   (a) orders_amount of all 200 teams × every ISO week of 2026-Q3 (the quarter's 14 weeks);
//   (b) one rep's week, every metric (value; and value + 环比 + 同比);
//   the index build at start-up and its memory per activity.
// The stores: bench/large_store.h.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/crypto.h"
#include "engine/analytics.h"
#include "engine/index_file.h"
#include "large_store.h"
#include "service/platform/org_directory.h"
#include "store/metric_settings_store.h"
#include "store/migrations.h"
#include "testkit/metric_sql.h"

namespace {

using namespace fupan;
using bench::LargeStore;
using bench::pg_store;
using bench::sqlite_store;

using StoreFn = LargeStore* (*)();

const Period kQuarter =
    period_containing(PeriodKind::quarter, LocalDate{std::chrono::year{2026} / 8 / 1});
const Period kWeek =
    period_containing(PeriodKind::week, LocalDate{std::chrono::year{2026} / 9 / 16});  // 2026-W38

std::vector<TeamId> all_teams(const LargeStore& s) {
  std::vector<TeamId> out;
  for (const TeamRecord& t : s.snapshot->teams()) out.push_back(t.id);
  return out;
}

// (a) in the engine: each team resolved once (its members' days in it), then each week summed.
void BM_TeamsByWeek_Engine(benchmark::State& state, StoreFn get) {
  LargeStore* s = get();
  if (!s) return state.SkipWithError("no store (set FUPAN_BENCH_ANALYTICS_PG_URL)");
  auto& engine = s->analytics();
  const auto teams = all_teams(*s);
  const auto weeks = periods_within(PeriodKind::week, kQuarter);
  std::int64_t checksum = 0;
  for (auto _ : state) {
    engine.read(s->org, [&](const engine::OrgIndex& index) {
      for (TeamId t : teams) {
        const auto scope = index.resolve({ScopeRef{ScopeRef::Kind::team, t.value}}, *s->snapshot);
        for (const Period& w : weeks) {
          checksum += std::get<std::int64_t>(
              index.base(Metric::orders_amount, scope, w, std::nullopt, std::nullopt));
        }
      }
      return 0;
    });
  }
  benchmark::DoNotOptimize(checksum);
  state.counters["cells"] = static_cast<double>(teams.size() * weeks.size());
}

// (a) as plain SQL: one aggregate joining orders to the members' days in each team's subtree
// (memberships turned into instants beforehand, as a view would), grouped by team and ISO week.
void BM_TeamsByWeek_SQL(benchmark::State& state, StoreFn get) {
  LargeStore* s = get();
  if (!s) return state.SkipWithError("no store (set FUPAN_BENCH_ANALYTICS_PG_URL)");
  auto c = s->db->acquire();
  const date::time_zone* zone = zone_of("Asia/Shanghai");
  const auto midnight_ms = [zone](LocalDate d) { return to_ms(start_of(d, zone)); };
  const auto start_ms = midnight_ms(LocalDate{std::chrono::year{2026} / 6 / 29});
  const auto from_ms = midnight_ms(kQuarter.start);
  const auto to_ms_ = midnight_ms(kQuarter.end);
  c->exec_script("DROP TABLE IF EXISTS bench_team_days");
  c->exec_script(
      "CREATE TABLE bench_team_days (team_id BIGINT, user_id BIGINT, from_ms BIGINT, to_ms "
      "BIGINT)");
  std::vector<std::vector<store::Value>> rows;
  for (const TeamRecord& t : s->snapshot->teams()) {
    for (TeamId sub : s->snapshot->subtree(t.id)) {
      for (const MembershipRecord* m : s->snapshot->memberships_of_team(sub)) {
        const std::int64_t a = midnight_ms(m->valid_from);
        const std::int64_t b = m->valid_to ? midnight_ms(*m->valid_to) : INT64_MAX / 2;
        rows.push_back({t.id.value, m->user_id.value, a, b});
      }
    }
  }
  const std::vector<std::string> cols{"team_id", "user_id", "from_ms", "to_ms"};
  c->bulk_insert("bench_team_days", cols, rows);
  c->exec_script("CREATE INDEX bench_team_days_user ON bench_team_days (user_id)");
  const std::string sql =
      "SELECT d.team_id, (o.ordered_at - ?) / 604800000 AS week, SUM(o.total) FROM orders o "
      "JOIN bench_team_days d ON d.user_id = o.owner_id AND o.ordered_at >= d.from_ms AND "
      "o.ordered_at < d.to_ms WHERE o.org_id = ? AND o.status <> 'cancelled' AND o.ordered_at >= "
      "? AND o.ordered_at < ? GROUP BY d.team_id, week";
  std::size_t n = 0;
  for (auto _ : state) {
    auto r = c->query(sql, {start_ms, s->org.value, from_ms, to_ms_});
    n = r.size();
  }
  state.counters["cells"] = static_cast<double>(n);
  c->exec_script("DROP TABLE bench_team_days");
}

// (b) one rep's week, every metric: the value alone, or with 环比 and 同比.
void BM_RepWeek_Engine(benchmark::State& state, StoreFn get) {
  LargeStore* s = get();
  if (!s) return state.SkipWithError("no store (set FUPAN_BENCH_ANALYTICS_PG_URL)");
  auto& engine = s->analytics();
  const bool with_comparisons = state.range(0) != 0;
  MetricQuery q;
  q.scopes = {ScopeRef{ScopeRef::Kind::user, s->rep.value}};
  q.period = kWeek;
  std::size_t answers = 0;
  for (auto _ : state) {
    engine.read(s->org, [&](const engine::OrgIndex& index) {
      const auto scope = index.resolve(q.scopes, *s->snapshot);
      for (const MetricInfo& m : all_metrics()) {
        if (with_comparisons) {
          q.metric = {m.metric, MetricTransform::none};
          auto a = answer(q, index.settings(), [&](Metric base, const Period& p) {
            return index.base(base, scope, p, std::nullopt, std::nullopt);
          });
          benchmark::DoNotOptimize(a);
        } else {
          auto v = index.base(m.metric, scope, kWeek, std::nullopt, std::nullopt);
          benchmark::DoNotOptimize(v);
        }
        ++answers;
      }
      return 0;
    });
  }
  state.counters["metrics"] = static_cast<double>(all_metrics().size());
}

// (b) as plain SQL: the reference implementation, value only.
void BM_RepWeek_SQL(benchmark::State& state, StoreFn get) {
  LargeStore* s = get();
  if (!s) return state.SkipWithError("no store (set FUPAN_BENCH_ANALYTICS_PG_URL)");
  auto c = s->db->acquire();
  const MetricSettings settings = store::read_metric_settings(*c, s->org);
  MetricQuery q;
  q.scopes = {ScopeRef{ScopeRef::Kind::user, s->rep.value}};
  q.period = kWeek;
  for (auto _ : state) {
    for (const MetricInfo& m : all_metrics()) {
      auto v = testkit::metric_by_sql(*c, s->org, settings, m.metric, q, kWeek);
      benchmark::DoNotOptimize(v);
    }
  }
}

// The index build at start-up, and its size.
void BM_IndexBuild(benchmark::State& state, StoreFn get) {
  LargeStore* s = get();
  if (!s) return state.SkipWithError("no store (set FUPAN_BENCH_ANALYTICS_PG_URL)");
  engine::OrgIndex::Stats stats{};
  for (auto _ : state) {
    engine::Analytics fresh(*s->db, store::read_metric_settings);
    fresh.warm(s->org);
    stats = fresh.read(s->org, [](const engine::OrgIndex& i) { return i.stats(); });
  }
  state.counters["activities"] = static_cast<double>(stats.activities);
  state.counters["MB"] = static_cast<double>(stats.bytes) / (1 << 20);
  state.counters["bytes_per_activity"] =
      static_cast<double>(stats.bytes) /
      static_cast<double>(std::max<std::size_t>(1, stats.activities));
}

// A restart of the server: the index read from its file (engine/index_file.h) and caught up with
// 10,000 changes of activities made since it was written, a busy day's worth (audit entries naming
// existing activities: each is read again from the store, as any change is).
void BM_IndexFromFile(benchmark::State& state, StoreFn get) {
  LargeStore* s = get();
  if (!s) return state.SkipWithError("no store (set FUPAN_BENCH_ANALYTICS_PG_URL)");
  constexpr std::int64_t kChanges = 10'000;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / (s->db->dialect() == store::Dialect::sqlite
                                                    ? "fupan_bench_index_sqlite"
                                                    : "fupan_bench_index_postgres");
  {
    engine::Analytics before(*s->db, store::read_metric_settings, dir);
    before.warm(s->org);
    before.save();
  }
  {
    auto c = s->db->acquire();
    const auto ids = c->query("SELECT id FROM activities WHERE org_id = ? AND id % 997 = 1 LIMIT ?",
                              {s->org.value, kChanges});
    const std::vector<std::string> columns = {"org_id", "at",        "action",
                                              "entity", "entity_id", "ip"};
    std::vector<std::vector<store::Value>> rows;
    for (std::size_t r = 0; r < ids.size(); ++r) {
      rows.push_back({s->org.value, std::int64_t{0}, std::string("update"), std::string("activity"),
                      ids.i64(r, 0), std::string("bench")});
    }
    store::Transaction tx(*c, true);
    c->bulk_insert("audit_log", columns, rows);
    tx.commit();
  }
  for (auto _ : state) {
    engine::Analytics restarted(*s->db, store::read_metric_settings, dir);
    if (restarted.warm(s->org) != engine::Analytics::Source::file) {
      return state.SkipWithError("the index file was not used");
    }
  }
  state.counters["changes"] = static_cast<double>(kChanges);
  state.counters["file_MB"] =
      static_cast<double>(std::filesystem::file_size(engine::index_file_path(dir, s->org))) /
      (1 << 20);
}

// Stores are opened (and generated) on first use, not at registration.
#define FUPAN_ANALYTICS_BENCH(fn, store, name) \
  BENCHMARK_CAPTURE(fn, name, &store)->Unit(benchmark::kMillisecond)->UseRealTime()

FUPAN_ANALYTICS_BENCH(BM_IndexBuild, sqlite_store, SQLite)->Iterations(1);
FUPAN_ANALYTICS_BENCH(BM_IndexFromFile, sqlite_store, SQLite)->Iterations(3);
FUPAN_ANALYTICS_BENCH(BM_TeamsByWeek_Engine, sqlite_store, SQLite);
FUPAN_ANALYTICS_BENCH(BM_TeamsByWeek_SQL, sqlite_store, SQLite)->Iterations(3);
BENCHMARK_CAPTURE(BM_RepWeek_Engine, SQLite, &sqlite_store)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
FUPAN_ANALYTICS_BENCH(BM_RepWeek_SQL, sqlite_store, SQLite)->Iterations(3);
FUPAN_ANALYTICS_BENCH(BM_IndexBuild, pg_store, PostgreSQL)->Iterations(1);
FUPAN_ANALYTICS_BENCH(BM_IndexFromFile, pg_store, PostgreSQL)->Iterations(3);
FUPAN_ANALYTICS_BENCH(BM_TeamsByWeek_Engine, pg_store, PostgreSQL);
FUPAN_ANALYTICS_BENCH(BM_TeamsByWeek_SQL, pg_store, PostgreSQL)->Iterations(3);
FUPAN_ANALYTICS_BENCH(BM_RepWeek_SQL, pg_store, PostgreSQL)->Iterations(3);

}  // namespace
