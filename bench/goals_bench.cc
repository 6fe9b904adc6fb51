// Saving a decomposition (service/goals/target_split.h): every rep's year target split into its
// days and saved, the way a director fills a year's daily quotas, into SQLite (a temp file). The
// store holds the demo org (no history: the split reads none); each run saves one day target per
// rep and day of 2031, and reports targets/s. Compare with SPEC's scale: 500,000 day targets (1,370
// reps' years) saved in under 2 s.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "core/crypto.h"
#include "demo/demo_org.h"
#include "service/goals/target_service.h"
#include "service/goals/target_split.h"
#include "store/migrations.h"
#include "testkit/fixed_clock.h"

namespace {

using namespace fupan;

const Instant kNow = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}};

struct GoalsStore {
  GoalsStore() {
    crypto_init();
    path = (std::filesystem::temp_directory_path() /
            ("fupan_goals_bench_" + std::to_string(::getpid()) + ".db"))
               .string();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
    db = store::open_database(path, 2);
    store::migrate(*db);
    auto made = demo::create_demo_org(*db, clock);
    org = *made;
    orgs.load_all(*db);
    for (const UserRecord& u : orgs.get(org)->users()) {
      if (u.username == "admin") admin = u.id;
      if (u.roles.has(Role::rep)) reps.push_back(u.id);
    }
  }
  ~GoalsStore() {
    db.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
  }
  service::Context ctx() { return {*db, orgs, clock, sessions, scopes}; }

  testkit::FixedClock clock{kNow};
  std::string path;
  std::unique_ptr<store::Database> db;
  service::OrgDirectory orgs;
  service::SessionCache sessions;
  service::ScopeCache scopes;
  OrgId org;
  UserId admin;
  std::vector<UserId> reps;
};

void BM_SplitYearsIntoDays(benchmark::State& state) {
  static GoalsStore s;
  const service::Actor admin = service::make_actor(s.ctx(), s.orgs.get(s.org), s.admin, "bench");
  int year = 2031;
  std::int64_t saved = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<std::int64_t> parents;
    for (UserId rep : s.reps) {
      auto t = service::set_target(
          s.ctx(), admin,
          {"calls", "user:" + std::to_string(rep.value), std::to_string(year), 2'600});
      parents.push_back(t->target.id);
    }
    ++year;
    state.ResumeTiming();
    for (std::int64_t id : parents) {
      auto r = service::split_target(s.ctx(), admin, id, {"calendar", "day", "", {}, true});
      if (!r.ok()) state.SkipWithError("split failed");
      saved += static_cast<std::int64_t>(r->saved.size());
    }
  }
  state.counters["targets/s"] =
      benchmark::Counter(static_cast<double>(saved), benchmark::Counter::kIsRate);
  state.counters["reps"] = static_cast<double>(s.reps.size());
}
BENCHMARK(BM_SplitYearsIntoDays)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
