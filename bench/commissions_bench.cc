// Commissions at the scale of the large org (bench/large_store.h: 2,000 people, 1,000,000
// orders): every rep's statement of a quarter computed from the analytics index and written as a
// director's approval writes it (the statements and their lines, in one transaction, rolled back
// so the kept store stays as generated); against the same statements with each rep's orders read
// from the store by SQL instead of the index.
#include <benchmark/benchmark.h>
#include <date/tz.h>

#include "domain/scope_people.h"
#include "large_store.h"
#include "service/performance/commission_inputs.h"
#include "store/commission_store.h"
#include "testkit/fixed_clock.h"

namespace {

using namespace fupan;

// A marginal plan on orders: 1 % below 60 % of target (the large org's reps have no targets of
// their own, so every 元 pays this), 3 % to 100 %, 5 % above.
performance::CommissionPlan standard_plan() {
  performance::CommissionPlan p;
  p.name = "基准方案";
  p.effective_from = LocalDate{std::chrono::year{2020} / 1 / 1};
  p.mode = performance::TierMode::marginal;
  p.bands = {{0, 6000, 100}, {6000, 10000, 300}, {10000, std::nullopt, 500}};
  p.target_bonus = Fen{200'000};
  p.cap = Fen{6'000'000};
  p.created_at = p.updated_at = instant_from_ms(1763600000000);
  return p;
}

std::vector<UserId> reps_of(const OrgSnapshot& org, const Period& p) {
  std::vector<UserId> out;
  for (std::int64_t id : people_of(org, ScopeRef{}, p)) {
    const UserRecord* u = org.user(UserId{id});
    if (u && u->roles.has(Role::rep)) out.push_back(u->id);
  }
  return out;
}

const Period kQuarter = parse_period("2026-Q3").value();

void BM_CommissionQuarterLargeOrg(benchmark::State& state) {
  bench::LargeStore* s = bench::sqlite_store();
  testkit::FixedClock clock{instant_from_ms(1763600000000)};
  service::SessionCache sessions;
  service::ScopeCache scopes;
  const service::Context ctx{*s->db, s->orgs, clock, sessions, scopes, &s->analytics()};
  const std::vector<UserId> reps = reps_of(*s->snapshot, kQuarter);
  std::size_t lines = 0;
  std::int64_t total = 0;
  for (auto _ : state) {
    auto c = s->db->acquire();
    store::Transaction tx(*c, true);  // rolled back: the kept store stays as generated
    performance::CommissionPlan plan = standard_plan();
    plan.id = store::insert_commission_plan(*c, s->org, plan, std::nullopt);
    auto inputs = service::statement_inputs(ctx, *c, s->org, *s->snapshot, plan, reps, kQuarter);
    lines = 0;
    total = 0;
    std::vector<store::ApprovedStatement> statements;
    for (std::size_t i = 0; i < reps.size(); ++i) {
      statements.push_back({0, reps[i], kQuarter.label, kQuarter.start, plan.id, 1,
                            performance::compute_statement(plan, inputs[i]), reps[0], clock.now()});
      lines += statements.back().statement.lines.size();
      total += statements.back().statement.total.value();
    }
    if (state.range(0)) store::insert_approved_statements(*c, s->org, statements);
  }
  state.SetLabel(state.range(0) ? "computed and written" : "computed");
  state.counters["reps"] = static_cast<double>(reps.size());
  state.counters["lines"] = static_cast<double>(lines);
  state.counters["total_yuan"] = static_cast<double>(total) / 100;
}
BENCHMARK(BM_CommissionQuarterLargeOrg)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);

// The baseline: the same statements, each rep's orders of the quarter read from the store by SQL
// (the index not used), computed alike; nothing written.
void BM_CommissionQuarterLargeOrg_SQL(benchmark::State& state) {
  bench::LargeStore* s = bench::sqlite_store();
  const std::vector<UserId> reps = reps_of(*s->snapshot, kQuarter);
  const performance::CommissionPlan plan = standard_plan();
  const date::time_zone* zone = date::locate_zone(s->snapshot->org().timezone);
  const std::int64_t from = to_ms(start_of(kQuarter.start, zone));
  const std::int64_t to = to_ms(start_of(kQuarter.end, zone));
  std::int64_t total = 0;
  for (auto _ : state) {
    auto c = s->db->acquire();
    total = 0;
    for (UserId rep : reps) {
      performance::StatementInput in;
      auto rows = c->query(
          "SELECT id, ordered_at, total FROM orders WHERE org_id = ? AND owner_id = ? AND status "
          "<> 'cancelled' AND ordered_at >= ? AND ordered_at < ? ORDER BY ordered_at, id",
          {s->org.value, rep.value, from, to});
      for (std::size_t i = 0; i < rows.size(); ++i) {
        in.credits.push_back({performance::CreditKind::order, rows.i64(i, 0), kQuarter.start,
                              Fen{rows.i64(i, 2)}, std::nullopt});
      }
      total += performance::compute_statement(plan, in).total.value();
    }
    benchmark::DoNotOptimize(total);
  }
  state.counters["reps"] = static_cast<double>(reps.size());
}
BENCHMARK(BM_CommissionQuarterLargeOrg_SQL)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
