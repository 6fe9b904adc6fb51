// Importing orders from CSV (service/io/import_service.h) against the raw bulk load of the same
// rows (store::Connection::bulk_insert, pre-built), into SQLite (a temp file) and into PostgreSQL
// when FUPAN_BENCH_PG_URL names a scratch database (bench/run.sh starts one). The store holds the
// demo org with its two years of history; the file's rows name its customers by external id and
// their owners by username, as docs/import.md describes. FUPAN_BENCH_IMPORT_ROWS sets the number of
// rows (default 1,000,000); each benchmark reports rows/s.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "core/crypto.h"
#include "core/money.h"
#include "demo/demo_history.h"
#include "demo/demo_org.h"
#include "service/io/import_service.h"
#include "store/migrations.h"
#include "store/org_store.h"
#include "testkit/fixed_clock.h"

namespace {

using namespace fupan;
using std::chrono::days;
using std::chrono::minutes;

// Monday 2026-11-23, 10:30 in Shanghai: the demo history ends here.
const Instant kNow = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}} +
                     std::chrono::hours(2) + minutes(30);
const date::time_zone* shanghai() {
  static const date::time_zone* const zone = zone_of("Asia/Shanghai");
  return zone;
}

std::size_t row_count() {
  const char* n = std::getenv("FUPAN_BENCH_IMPORT_ROWS");
  return n ? static_cast<std::size_t>(std::strtoull(n, nullptr, 10)) : 1'000'000;
}

// One order of the file, as the import will read it.
struct OrderRow {
  std::size_t customer;  // index into Store::customers
  Instant ordered;
  LocalDate due;
  bool completed;
  Fen total;
};

// A store with the demo org, its history, and an admin to import as.
struct Store {
  explicit Store(const std::string& url) {
    crypto_init();
    if (url.starts_with("postgres")) {
      db = store::open_database(url, 2);
      db->acquire()->exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    } else {
      path = url;
      for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
      db = store::open_database(url, 2);
    }
    store::migrate(*db);
    auto made = demo::create_demo_org(*db, clock);
    org = *made;
    demo::add_demo_history(ctx(), org, kNow, demo::kDemoSeed);
    orgs.load_all(*db);
    auto snapshot = orgs.get(org);
    for (const UserRecord& u : snapshot->users()) {
      if (u.username == "admin") admin = u.id;
    }
    auto c = db->acquire();
    auto rows = c->query(
        "SELECT c.id, c.external_id, c.owner_id, u.username FROM customers c JOIN users u ON "
        "u.id = c.owner_id WHERE c.org_id = ? ORDER BY c.id",
        {org.value});
    for (std::size_t r = 0; r < rows.size(); ++r) {
      customers.push_back({rows.i64(r, 0), rows.str(r, 1), rows.i64(r, 2), rows.str(r, 3)});
    }
    last_order = c->query("SELECT MAX(id) FROM orders", {}).i64(0, 0);
    if (!path.empty()) {
      // The whole log into the file before it is copied; again while the store's checkpoint
      // thread is at it (busy).
      while (c->query("PRAGMA wal_checkpoint(TRUNCATE)", {}).i64(0, 0) != 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      std::filesystem::copy_file(path, path + ".base",
                                 std::filesystem::copy_options::overwrite_existing);
    }
  }
  ~Store() {
    db.reset();
    for (const char* s : {"", "-wal", "-shm", ".base"}) {
      if (!path.empty()) std::filesystem::remove(path + s);
    }
  }
  service::Context ctx() { return {*db, orgs, clock, sessions, scopes}; }

  // Removes what a benchmark run added, so the next run starts from the same store: SQLite gets
  // its file back, PostgreSQL deletes the new orders and vacuums.
  void clean() {
    if (path.empty()) {
      auto c = db->acquire();
      c->exec("DELETE FROM orders WHERE org_id = ? AND id > ?", {org.value, last_order});
      c->exec_script("DROP TABLE IF EXISTS orders_bare");
      c->exec_script("VACUUM ANALYZE orders");
      return;
    }
    db.reset();
    for (const char* s : {"-wal", "-shm"}) std::filesystem::remove(path + s);
    std::filesystem::copy_file(path + ".base", path,
                               std::filesystem::copy_options::overwrite_existing);
    db = store::open_database(path, 2);
  }

  struct Customer {
    std::int64_t id;
    std::string external_id;
    std::int64_t owner;
    std::string owner_name;
  };

  testkit::FixedClock clock{kNow};
  std::string path;
  std::unique_ptr<store::Database> db;
  service::OrgDirectory orgs;
  service::SessionCache sessions;
  service::ScopeCache scopes;
  OrgId org;
  UserId admin;
  std::vector<Customer> customers;
  std::int64_t last_order = 0;  // the demo's orders end here
};

Store* sqlite_store() {
  static Store s((std::filesystem::temp_directory_path() /
                  ("fupan_import_bench_" + std::to_string(::getpid()) + ".db"))
                     .string());
  return &s;
}

Store* pg_store() {
  const char* url = std::getenv("FUPAN_BENCH_PG_URL");
  if (!url) return nullptr;
  static Store s(url);
  return &s;
}

// The rows of the benchmark, the same for every store: random customers, times in the last two
// years, 30-day terms, amounts from 100 to 200,000 元.
const std::vector<OrderRow>& order_rows(std::size_t customers) {
  static std::vector<OrderRow> rows = [&] {
    std::mt19937_64 rng(42);
    std::vector<OrderRow> out(row_count());
    for (OrderRow& o : out) {
      o.customer = rng() % customers;
      o.ordered = kNow - days(1 + rng() % 730) + minutes(rng() % (9 * 60));
      o.due = local_date(o.ordered, shanghai()) + days(30);
      o.completed = rng() % 10 != 0;
      o.total = static_cast<Fen>(10'000 + rng() % 20'000'000);
    }
    return out;
  }();
  return rows;
}

std::string external_id(std::size_t i) {
  std::string digits = std::to_string(i + 1);
  return "IMP" + std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
}

// "2026-11-23 10:30" in Shanghai time.
std::string local_minute(Instant t) {
  const LocalDate day = local_date(t, shanghai());
  const auto mins = std::chrono::duration_cast<minutes>(t - start_of(day, shanghai())).count();
  char buf[8];
  std::snprintf(buf, sizeof buf, " %02d:%02d", static_cast<int>(mins / 60),
                static_cast<int>(mins % 60));
  return format_date(day) + buf;
}

// The CSV file as people export it from their ERP: Chinese headers, amounts in 元.
std::string orders_csv(const Store& s) {
  const auto& rows = order_rows(s.customers.size());
  std::string csv = "客户,负责人,下单时间,应收日期,状态,订单金额,外部编号\n";
  csv.reserve(rows.size() * 90);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const OrderRow& o = rows[i];
    const Store::Customer& c = s.customers[o.customer];
    csv += c.external_id;
    csv += ',';
    csv += c.owner_name;
    csv += ',';
    csv += local_minute(o.ordered);
    csv += ',';
    csv += format_date(o.due);
    csv += o.completed ? ",已完成," : ",已确认,";
    csv += format_yuan(o.total);
    csv += ',';
    csv += external_id(i);
    csv += '\n';
  }
  return csv;
}

// The same rows as the store's columns, ready for Connection::bulk_insert.
struct RawRows {
  std::vector<std::string> columns;
  std::vector<std::vector<store::Value>> rows;
};

RawRows raw_rows(const Store& s) {
  RawRows out;
  out.columns = {"org_id",      "version",  "created_at",     "updated_at", "external_id",
                 "customer_id", "owner_id", "opportunity_id", "quote_id",   "ordered_at",
                 "due_date",    "status",   "total",          "paid",       "notes"};
  const auto& rows = order_rows(s.customers.size());
  out.rows.reserve(rows.size());
  const std::int64_t now = to_ms(kNow);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const OrderRow& o = rows[i];
    const Store::Customer& c = s.customers[o.customer];
    out.rows.push_back({s.org.value, std::int64_t{1}, now, now, external_id(i), c.id, c.owner,
                        store::null_value, store::null_value, to_ms(o.ordered), format_date(o.due),
                        std::string(o.completed ? "completed" : "confirmed"), o.total.value(),
                        std::int64_t{0}, store::null_value});
  }
  return out;
}

void report(benchmark::State& state) {
  state.counters["rows"] = static_cast<double>(row_count());
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(row_count()),
                                                benchmark::Counter::kIsIterationInvariantRate);
}

// The orders table's indexes other than the primary key and the unique ones: name, CREATE.
std::vector<std::pair<std::string, std::string>> secondary_indexes(store::Connection& c) {
  auto rows = c.dialect() == store::Dialect::sqlite
                  ? c.query(
                        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                        "tbl_name = 'orders' AND sql NOT LIKE 'CREATE UNIQUE%'",
                        {})
                  : c.query(
                        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
                        "'orders' AND indexdef NOT LIKE 'CREATE UNIQUE%'",
                        {});
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.emplace_back(rows.str(r, 0), rows.str(r, 1));
  return out;
}

// Diagnostics beside the plain load: the secondary indexes dropped before the load and built
// again after it in the same transaction; on PostgreSQL, the foreign-key triggers off (a
// superuser's session_replication_role, as in the private cluster of bench/run.sh).
// A bare table takes the same rows with no index, key or constraint: the driver's own rate.
struct RawVariant {
  bool rebuild_indexes = false;
  bool no_fk_checks = false;
  bool bare_table = false;
};

void raw_insert(benchmark::State& state, Store* s, RawVariant variant = {}) {
  if (!s) return state.SkipWithError("FUPAN_BENCH_PG_URL not set");
  const RawRows raw = raw_rows(*s);
  const bool sqlite = s->db->dialect() == store::Dialect::sqlite;
  for (auto _ : state) {
    if (variant.bare_table) {
      state.PauseTiming();
      s->db->acquire()->exec_script(
          sqlite ? "CREATE TABLE orders_bare AS SELECT * FROM orders WHERE 0"
                 : "CREATE TABLE orders_bare (LIKE orders INCLUDING IDENTITY)");
      state.ResumeTiming();
    }
    {
      auto c = s->db->acquire();
      store::Transaction tx(*c, true);
      if (variant.no_fk_checks) c->exec_script("SET LOCAL session_replication_role = replica");
      const auto indexes = variant.rebuild_indexes
                               ? secondary_indexes(*c)
                               : std::vector<std::pair<std::string, std::string>>{};
      for (const auto& [name, sql] : indexes) c->exec_script("DROP INDEX " + name);
      c->bulk_insert(variant.bare_table ? "orders_bare" : "orders", raw.columns, raw.rows);
      for (const auto& [name, sql] : indexes) c->exec_script(sql);
      tx.commit();
    }
    state.PauseTiming();
    s->clean();
    state.ResumeTiming();
  }
  report(state);
}

void import_csv(benchmark::State& state, Store* s) {
  if (!s) return state.SkipWithError("FUPAN_BENCH_PG_URL not set");
  const std::string csv = orders_csv(*s);
  const service::Actor admin =
      service::make_actor(s->ctx(), s->orgs.get(s->org), s->admin, "bench");
  std::string failure;
  for (auto _ : state) {
    auto r = service::import_file(s->ctx(), admin, "orders", csv, {});
    if (!r.ok() || r->inserted != row_count() || !r->committed) {
      failure = !r.ok()             ? "the import failed: " + english(r.error().detail)
                : r->errors.empty() ? std::string("the import wrote nothing")
                                    : "row " + std::to_string(r->errors[0].line) + ": " +
                                          english(r->errors[0].detail);
      state.SkipWithError(failure.c_str());
      break;
    }
    state.PauseTiming();
    s->clean();
    state.ResumeTiming();
  }
  report(state);
}

void BM_RawInsert_SQLite(benchmark::State& state) {
  raw_insert(state, sqlite_store());
}
void BM_ImportOrdersCsv_SQLite(benchmark::State& state) {
  import_csv(state, sqlite_store());
}
void BM_RawInsert_PostgreSQL(benchmark::State& state) {
  raw_insert(state, pg_store());
}
void BM_RawInsert_SQLite_BareTable(benchmark::State& state) {
  raw_insert(state, sqlite_store(), {.bare_table = true});
}
void BM_RawInsert_PostgreSQL_BareTable(benchmark::State& state) {
  raw_insert(state, pg_store(), {.bare_table = true});
}
void BM_RawInsert_SQLite_RebuildIndexes(benchmark::State& state) {
  raw_insert(state, sqlite_store(), {.rebuild_indexes = true});
}
void BM_RawInsert_PostgreSQL_NoFkChecks(benchmark::State& state) {
  raw_insert(state, pg_store(), {.no_fk_checks = true});
}
void BM_RawInsert_PostgreSQL_NoFkChecks_RebuildIndexes(benchmark::State& state) {
  raw_insert(state, pg_store(), {.rebuild_indexes = true, .no_fk_checks = true});
}
void BM_ImportOrdersCsv_PostgreSQL(benchmark::State& state) {
  import_csv(state, pg_store());
}

// One run takes seconds at the default size; FUPAN_BENCH_IMPORT_RUNS runs (default 3) show the
// spread.
int runs() {
  const char* n = std::getenv("FUPAN_BENCH_IMPORT_RUNS");
  return n ? std::max(1, std::atoi(n)) : 3;
}

#define FUPAN_IMPORT_BENCHMARK(fn) \
  BENCHMARK(fn)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(runs())

FUPAN_IMPORT_BENCHMARK(BM_RawInsert_SQLite);
FUPAN_IMPORT_BENCHMARK(BM_ImportOrdersCsv_SQLite);
FUPAN_IMPORT_BENCHMARK(BM_RawInsert_SQLite_BareTable);
FUPAN_IMPORT_BENCHMARK(BM_RawInsert_SQLite_RebuildIndexes);
FUPAN_IMPORT_BENCHMARK(BM_RawInsert_PostgreSQL);
FUPAN_IMPORT_BENCHMARK(BM_ImportOrdersCsv_PostgreSQL);
FUPAN_IMPORT_BENCHMARK(BM_RawInsert_PostgreSQL_BareTable);
FUPAN_IMPORT_BENCHMARK(BM_RawInsert_PostgreSQL_NoFkChecks);
FUPAN_IMPORT_BENCHMARK(BM_RawInsert_PostgreSQL_NoFkChecks_RebuildIndexes);

}  // namespace
