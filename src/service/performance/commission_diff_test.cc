// Commission statements against an independent plain-SQL computation (docs/performance.md), on
// random data: a small org whose reps book orders and collect payments at the edges of local days
// (midnight, the last millisecond, 23:30), some orders cancelled, totals beyond 2^31 分, some reps
// with a month's target and some without; then random plans (orders or payments, retroactive or
// marginal, one to four bands, a bonus, sometimes a cap). Each person's total for each month is
// computed twice: by the service (the analytics index, the targets, the domain's rules) and by
// SQL alone, whose only help is a table of the local days' first and last instants (SQL cannot
// read a time zone portably). Every statement's total is also the sum of its lines. On SQLite
// always, on PostgreSQL when FUPAN_TEST_PG_URL is set. The seed is printed with every failure;
// FUPAN_DIFF_SEED=N replays it.
#include <date/tz.h>
#include <gtest/gtest.h>

#include <random>

#include "engine/analytics.h"
#include "service/performance/commission_inputs.h"
#include "service/platform/org_directory.h"
#include "service/platform/scope_cache.h"
#include "service/platform/session_cache.h"
#include "store/metric_settings_store.h"
#include "testkit/fixed_clock.h"
#include "testkit/test_store.h"

namespace fupan::service {
namespace {

using performance::CommissionBand;
using performance::CommissionPlan;
using std::chrono::days;
using store::Value;

constexpr std::int64_t kMonths = 3;  // 2026-09 … 2026-11
const LocalDate kFirst{std::chrono::year{2026} / 9 / 1};
const LocalDate kEnd{std::chrono::year{2026} / 12 / 1};

std::uint64_t seed_of_run() {
  if (const char* s = std::getenv("FUPAN_DIFF_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

class CommissionDiffTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    seed_ = seed_of_run();
    rng_.seed(seed_);
    RecordProperty("seed", std::to_string(seed_));
    store_ = testkit::TestStore::open(GetParam(), "commission_diff");
    if (!store_) GTEST_SKIP() << "FUPAN_TEST_PG_URL not set";
  }
  void TearDown() override {
    ctx_.reset();
    analytics_.reset();
    store_.reset();
  }

  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

  // The instant `minute` minutes after local midnight of `d`.
  std::int64_t local_ms(LocalDate d, std::int64_t minute) const {
    const date::local_time<std::chrono::minutes> t{
        std::chrono::duration_cast<std::chrono::minutes>(d.days().time_since_epoch()) +
        std::chrono::minutes{minute}};
    const auto sys = date::make_zoned(tz_, t, date::choose::earliest).get_sys_time();
    return to_ms(std::chrono::time_point_cast<std::chrono::milliseconds>(sys));
  }
  // A moment in the months, often at a local day's edge.
  std::int64_t moment() {
    const LocalDate d = kFirst - days{3} + days{between(0, (kEnd - kFirst).count() + 5)};
    const std::int64_t r = between(0, 9);
    if (r == 0) return local_ms(d, 0);
    if (r == 1) return local_ms(d + days{1}, 0) - 1;
    if (r == 2) return local_ms(d, 23 * 60 + 30);
    return local_ms(d, 0) + between(8 * 3'600'000, 20 * 3'600'000);
  }
  std::int64_t amount() {
    if (chance(0.03)) return (std::int64_t{1} << 31) + between(0, 9'000'000'000);
    if (chance(0.05)) return between(0, 3);  // a few 分: rounding at its edge
    return between(1, 8'000'000);
  }

  std::int64_t insert(store::Connection& c, const std::string& sql, std::vector<Value> params) {
    return c.query(sql + " RETURNING id", params).i64(0, 0);
  }

  void build_org() {
    tz_name_ = chance(0.75) ? "Asia/Shanghai" : "America/New_York";
    tz_ = date::locate_zone(tz_name_);
    auto lease = store_->db().acquire();
    store::Connection& c = *lease;
    store::Transaction tx(c, true);
    org_ = insert(c,
                  "INSERT INTO orgs (name, timezone, fiscal_year_start_month, gross_margin_bp, "
                  "created_at, updated_at) VALUES ('提成差分公司', ?, 1, 10000, 0, 0)",
                  {tz_name_});
    const std::int64_t region = insert(
        c, "INSERT INTO regions (org_id, name, created_at, updated_at) VALUES (?, '区域', 0, 0)",
        {org_});
    const std::int64_t team = insert(c,
                                     "INSERT INTO teams (org_id, region_id, name, created_at, "
                                     "updated_at) VALUES (?, ?, '一组', 0, 0)",
                                     {org_, region});
    const std::string user =
        "INSERT INTO users (org_id, username, display_name, password_hash, created_at, "
        "updated_at) VALUES (?, ?, ?, 'x', 0, 0)";
    admin_ = insert(c, user, {org_, std::string("admin"), std::string("管理员")});
    c.exec("INSERT INTO user_roles (org_id, user_id, role) VALUES (?, ?, 'admin')", {org_, admin_});
    for (int i = 1; i <= 8; ++i) {
      const std::int64_t id =
          insert(c, user, {org_, "r" + std::to_string(i), "销售" + std::to_string(i)});
      c.exec("INSERT INTO user_roles (org_id, user_id, role) VALUES (?, ?, 'rep')", {org_, id});
      c.exec(
          "INSERT INTO memberships (org_id, user_id, team_id, role, valid_from, created_at, "
          "updated_at) VALUES (?, ?, ?, 'member', '2025-01-01', 0, 0)",
          {org_, id, team});
      reps_.push_back(id);
    }
    std::vector<std::int64_t> customers;
    for (std::int64_t rep : reps_) {
      customers.push_back(insert(c,
                                 "INSERT INTO customers (org_id, name, status, owner_id, "
                                 "created_at, updated_at) VALUES (?, ?, 'customer', ?, 0, 0)",
                                 {org_, "客户" + std::to_string(rep), rep}));
    }
    for (int i = 0; i < 400; ++i) {
      const std::size_t who = static_cast<std::size_t>(between(0, 7));
      const std::int64_t at = moment();
      const bool cancelled = chance(0.1);
      const std::int64_t total = amount();
      const std::int64_t order = insert(
          c,
          "INSERT INTO orders (org_id, customer_id, owner_id, ordered_at, status, total, paid, "
          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
          {org_, customers[who], reps_[who], at, std::string(cancelled ? "cancelled" : "confirmed"),
           total, at, at});
      if (!cancelled && chance(0.6)) {
        // Paid in one or two parts, some by another rep, the second often a month later.
        const std::int64_t first = total > 1 ? between(1, total) : total;
        for (std::int64_t part : {first, total - first}) {
          if (part <= 0) continue;
          const std::int64_t when = at + between(0, 45) * 86'400'000;
          const std::int64_t by = chance(0.85) ? reps_[who] : reps_[between(0, 7)];
          c.exec(
              "INSERT INTO payments (org_id, order_id, customer_id, owner_id, amount, received_at, "
              "method, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'transfer', ?, ?)",
              {org_, order, customers[who], by, part, when, when, when});
        }
      }
    }
    // Some reps have a month's target for each base, some not.
    for (std::int64_t rep : reps_) {
      for (const char* metric : {"orders_amount", "payments_amount"}) {
        for (std::int64_t m = 0; m < kMonths; ++m) {
          if (chance(0.25)) continue;
          const LocalDate start = month_start(m);
          c.exec(
              "INSERT INTO targets (org_id, metric, scope_type, scope_id, period, start_day, "
              "end_day, value, created_at, updated_at) VALUES (?, ?, 'user', ?, ?, ?, ?, ?, 0, 0)",
              {org_, std::string(metric), rep, month_label(m), format_date(start),
               format_date(month_start(m + 1)), between(1, 40'000'000)});
        }
      }
    }
    tx.commit();
  }

  static LocalDate month_start(std::int64_t m) {
    const auto ymd = std::chrono::year_month_day{kFirst.days()} + std::chrono::months{m};
    return LocalDate{ymd};
  }
  static std::string month_label(std::int64_t m) {
    return format_date(month_start(m)).substr(0, 7);
  }

  void start_services() {
    orgs_.load_all(store_->db());
    analytics_ = std::make_unique<engine::Analytics>(store_->db(), store::read_metric_settings);
    ctx_ = std::make_unique<Context>(
        Context{store_->db(), orgs_, clock_, sessions_, scopes_, analytics_.get()});
    analytics_->warm(OrgId{org_});
  }

  CommissionPlan random_plan() {
    CommissionPlan p;
    p.name = "随机方案";
    p.effective_from = kFirst;
    p.base =
        chance(0.5) ? performance::CommissionBase::orders : performance::CommissionBase::payments;
    p.mode = chance(0.5) ? performance::TierMode::retroactive : performance::TierMode::marginal;
    const int n = static_cast<int>(between(1, 4));
    std::int64_t from = 0;
    for (int i = 0; i < n; ++i) {
      CommissionBand b;
      b.from_bp = from;
      b.rate_bp = between(0, 1500);
      if (i + 1 < n) {
        from += between(1, 6000);
        b.to_bp = from;
      }
      p.bands.push_back(b);
    }
    if (chance(0.6)) p.target_bonus = Fen{between(0, 500'000)};
    if (chance(0.3)) p.cap = Fen{between(0, 3'000'000)};
    return p;
  }

  // The reference: one person's month under `p`, by SQL over the facts and `ref_days`.
  std::int64_t sql_total(store::Connection& c, const CommissionPlan& p, std::int64_t rep,
                         std::int64_t m) {
    const bool orders = p.base == performance::CommissionBase::orders;
    const std::string credits =
        orders ? "SELECT o.id, d.day_no, o.total AS amount FROM orders o JOIN ref_days d ON "
                 "o.ordered_at >= d.from_ms AND o.ordered_at < d.to_ms WHERE o.org_id = ? AND "
                 "o.owner_id = ? AND o.status <> 'cancelled' AND d.month_no = ?"
               : "SELECT p.id, d.day_no, p.amount FROM payments p JOIN ref_days d ON "
                 "p.received_at >= d.from_ms AND p.received_at < d.to_ms WHERE p.org_id = ? AND "
                 "p.owner_id = ? AND d.month_no = ?";
    // round half to even of x / 10000 for x ≥ 0
    auto rounded = [](const std::string& x) {
      return "((" + x + ") / 10000 + CASE WHEN (" + x + ") % 10000 > 5000 OR ((" + x +
             ") % 10000 = 5000 AND ((" + x + ") / 10000) % 2 = 1) THEN 1 ELSE 0 END)";
    };
    const std::string target =
        "(SELECT value FROM targets WHERE org_id = ? AND metric = ? AND scope_type = 'user' AND "
        "scope_id = ? AND period = ?)";
    const std::string metric = orders ? "orders_amount" : "payments_amount";
    std::string sql =
        "WITH c AS (" + credits + "), t AS (SELECT " + target +
        " AS target, (SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM c) AS credited), ";
    std::vector<Value> params{org_, rep, m, org_, metric, rep, month_label(m)};
    if (p.mode == performance::TierMode::retroactive) {
      // The band: the last whose start the attainment reached (the first without a target).
      sql +=
          "b AS (SELECT rate_bp FROM ref_bands, t WHERE ((t.target IS NULL OR t.target <= 0) AND "
          "idx = 0) OR (t.target > 0 AND t.credited * 10000 >= t.target * from_bp) ORDER BY idx "
          "DESC LIMIT 1), "
          "earned AS (SELECT COALESCE(SUM(" +
          rounded("c.amount * b.rate_bp") + "), 0) AS e FROM c, b) ";
    } else {
      // Each credit from where the ones before it (by day, then id) left off, split over the
      // bands' spans in 分 (a band's start: the target × its lower end, rounded half to even).
      sql +=
          "cum AS (SELECT id, amount, CAST(SUM(amount) OVER (ORDER BY day_no, id ROWS UNBOUNDED "
          "PRECEDING) AS BIGINT) - amount AS before_amt FROM c), "
          "edges AS (SELECT idx, rate_bp, CASE WHEN t.target IS NULL OR t.target <= 0 THEN "
          "(CASE WHEN idx = 0 THEN 0 ELSE NULL END) ELSE " +
          rounded("t.target * from_bp") +
          " END AS lo, CASE WHEN t.target IS NULL OR t.target <= 0 OR to_bp IS NULL THEN NULL "
          "ELSE " +
          rounded("t.target * to_bp") +
          " END AS hi FROM ref_bands, t), "
          "parts AS (SELECT e.rate_bp, (CASE WHEN e.hi IS NULL OR cum.before_amt + cum.amount < "
          "e.hi THEN cum.before_amt + cum.amount ELSE e.hi END) - (CASE WHEN cum.before_amt > "
          "e.lo THEN cum.before_amt ELSE e.lo END) AS part FROM cum, edges e WHERE e.lo IS NOT "
          "NULL), "
          "earned AS (SELECT COALESCE(SUM(" +
          rounded("part * rate_bp") + "), 0) AS e FROM parts WHERE part > 0) ";
    }
    sql += "SELECT CAST(earned.e AS BIGINT), t.target, t.credited FROM earned, t";
    auto rows = c.query(sql, params);
    std::int64_t total = rows.i64(0, 0);
    const auto t = rows.opt_i64(0, 1);
    const std::int64_t credited = rows.i64(0, 2);
    if (t && *t > 0 && credited >= *t) total += p.target_bonus.value();
    if (p.cap && total > p.cap->value()) total = p.cap->value();
    return total;
  }

  void write_reference_tables(store::Connection& c, const CommissionPlan& p) {
    c.exec("DELETE FROM ref_bands", {});
    for (std::size_t i = 0; i < p.bands.size(); ++i) {
      const auto& b = p.bands[i];
      c.exec("INSERT INTO ref_bands (idx, from_bp, to_bp, rate_bp) VALUES (?, ?, ?, ?)",
             {static_cast<std::int64_t>(i), b.from_bp,
              b.to_bp ? Value{*b.to_bp} : store::null_value, b.rate_bp});
    }
  }

  std::uint64_t seed_ = 0;
  std::mt19937_64 rng_;
  std::unique_ptr<testkit::TestStore> store_;
  std::string tz_name_;
  const date::time_zone* tz_ = nullptr;
  std::int64_t org_ = 0, admin_ = 0;
  std::vector<std::int64_t> reps_;
  testkit::FixedClock clock_;
  OrgDirectory orgs_;
  SessionCache sessions_;
  ScopeCache scopes_;
  std::unique_ptr<engine::Analytics> analytics_;
  std::unique_ptr<Context> ctx_;
};

TEST_P(CommissionDiffTest, StatementsAgreeWithPlainSqlOnRandomData) {
  build_org();
  start_services();
  auto lease = store_->db().acquire();
  store::Connection& c = *lease;
  // The local days of the months, as instants: all SQL is told of the time zone.
  c.exec(
      "CREATE TEMPORARY TABLE ref_days (day_no BIGINT, month_no BIGINT, from_ms BIGINT, to_ms "
      "BIGINT)",
      {});
  c.exec(
      "CREATE TEMPORARY TABLE ref_bands (idx BIGINT, from_bp BIGINT, to_bp BIGINT, rate_bp "
      "BIGINT)",
      {});
  for (std::int64_t m = 0; m < kMonths; ++m) {
    for (LocalDate d = month_start(m); d < month_start(m + 1); d += days{1}) {
      c.exec("INSERT INTO ref_days (day_no, month_no, from_ms, to_ms) VALUES (?, ?, ?, ?)",
             {std::int64_t{(d - kFirst).count()}, m, local_ms(d, 0), local_ms(d + days{1}, 0)});
    }
  }
  auto snapshot = orgs_.get(OrgId{org_});
  std::vector<UserId> users;
  for (std::int64_t r : reps_) users.push_back(UserId{r});
  for (int round = 0; round < 12; ++round) {
    const CommissionPlan plan = random_plan();
    ASSERT_TRUE(performance::check_plan(plan).ok());
    write_reference_tables(c, plan);
    for (std::int64_t m = 0; m < kMonths; ++m) {
      auto period = parse_period(month_label(m)).value();
      auto inputs = statement_inputs(*ctx_, c, OrgId{org_}, *snapshot, plan, users, period);
      for (std::size_t i = 0; i < users.size(); ++i) {
        const auto s = performance::compute_statement(plan, inputs[i]);
        Fen sum{0};
        for (const auto& l : s.lines) sum += l.amount;
        ASSERT_EQ(s.total, sum) << "seed " << seed_;
        ASSERT_EQ(s.total.value(), sql_total(c, plan, reps_[i], m))
            << "seed " << seed_ << " round " << round << " rep " << reps_[i] << " month "
            << month_label(m) << " base " << performance::commission_base_name(plan.base)
            << " mode " << performance::tier_mode_name(plan.mode) << " zone " << tz_name_;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, CommissionDiffTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace fupan::service
