// The analytics engine against the plain-SQL reference (testkit/metric_sql.cc), both following
// docs/metrics.md: a random org (teams nested, people moving between them, two pipelines, events
// at 23:30 on Sundays and at midnight, totals beyond 2^31 分, payments on other owners, costs of
// every scope), a few hundred random questions answered both ways, then random writes through the
// service layer and an import, each followed by the questions again: every write path must keep
// the engine in step. On SQLite always, on PostgreSQL when FUPAN_TEST_PG_URL names a scratch
// database. The data comes from a seed, printed with every failure; FUPAN_DIFF_SEED=N replays it.
#include "engine/analytics.h"

#include <date/tz.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "domain/entity_kind.h"
#include "engine/index_file.h"
#include "http/routes/crm_entity_input.h"
#include "service/analytics/metrics_service.h"
#include "service/crm/customer_service.h"
#include "service/crm/entity_service.h"
#include "service/crm/tier_service.h"
#include "service/io/import_service.h"
#include "service/org/org_structure_service.h"
#include "service/sales/quote_service.h"
#include "store/metric_settings_store.h"
#include "store/migrations.h"
#include "testkit/fixed_clock.h"
#include "testkit/metric_sql.h"
#include "testkit/test_store.h"

namespace fupan::engine {
namespace {

using std::chrono::days;
using store::Value;
namespace json = boost::json;

// Events fall in [kFirst, kEnd); questions ask about days a little beyond on both sides.
const LocalDate kFirst{std::chrono::year{2024} / 7 / 1};
const LocalDate kEnd{std::chrono::year{2027} / 1 / 1};
const LocalDate kAskFirst{std::chrono::year{2024} / 5 / 1};
const LocalDate kAskEnd{std::chrono::year{2027} / 3 / 1};

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  // A whole number in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(g_);
  }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(g_) < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(v.size()) - 1))];
  }

 private:
  std::mt19937_64 g_;
};

std::uint64_t seed_of_run() {
  if (const char* s = std::getenv("FUPAN_DIFF_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

bool same_real(double a, double b) {
  if (a == b) return true;
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

bool same(const MetricValue& a, const MetricValue& b) {
  if (a.index() != b.index()) return false;
  if (const auto* x = std::get_if<double>(&a)) return same_real(*x, std::get<double>(b));
  if (const auto* x = std::get_if<std::vector<StageReach>>(&a)) {
    const auto& y = std::get<std::vector<StageReach>>(b);
    if (x->size() != y.size()) return false;
    for (std::size_t i = 0; i < x->size(); ++i) {
      const StageReach &p = (*x)[i], &q = y[i];
      if (p.stage_id != q.stage_id || p.name != q.name || p.reached != q.reached) return false;
      if (p.conversion.has_value() != q.conversion.has_value()) return false;
      if (p.conversion && !same_real(*p.conversion, *q.conversion)) return false;
    }
    return true;
  }
  return a == b;  // null, an integer, receivables: exactly
}

std::string show(const MetricValue& v) {
  std::ostringstream o;
  o << std::setprecision(17);
  if (std::holds_alternative<std::monostate>(v)) {
    o << "null";
  } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
    o << *i;
  } else if (const auto* d = std::get_if<double>(&v)) {
    o << *d;
  } else if (const auto* s = std::get_if<std::vector<StageReach>>(&v)) {
    o << "[";
    for (const StageReach& r : *s) {
      o << " stage " << r.stage_id << ": " << r.reached << " (";
      if (r.conversion) {
        o << *r.conversion;
      } else {
        o << "null";
      }
      o << ")";
    }
    o << " ]";
  } else if (const auto* r = std::get_if<Receivables>(&v)) {
    o << "owed " << r->aging.total().value() << " = " << r->aging.d0_30.value() << " + "
      << r->aging.d31_60.value() << " + " << r->aging.d61_90.value() << " + "
      << r->aging.d90_plus.value() << " in " << r->orders << " orders";
  }
  return o.str();
}

std::string describe(const service::MetricRequest& r) {
  std::string s = r.metric + " scope=" + r.scope + " period=" + r.period;
  if (r.segment_dim) s += " segment=" + *r.segment_dim + ":\"" + r.segment_key.value_or("") + "\"";
  if (r.pipeline_id) s += " pipeline=" + std::to_string(*r.pipeline_id);
  return s;
}

class AnalyticsDiffTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    seed_ = seed_of_run();
    rng_ = std::make_unique<Rng>(seed_);
    RecordProperty("seed", std::to_string(seed_));
    store_ = testkit::TestStore::open(GetParam(), "analytics_test", 4);
    if (!store_) GTEST_SKIP() << "FUPAN_TEST_PG_URL not set";
    db_ = &store_->db();
  }
  void TearDown() override {
    ctx_.reset();
    analytics_.reset();
    store_.reset();
  }

  Rng& rng() { return *rng_; }

  // ---- time in the org's zone ----

  // The instant of `minute` minutes after local midnight starting day `d`.
  std::int64_t local_ms(LocalDate d, int minute) const {
    const date::local_time<std::chrono::minutes> t{
        std::chrono::duration_cast<std::chrono::minutes>(d.days().time_since_epoch()) +
        std::chrono::minutes{minute}};
    const auto sys = date::make_zoned(tz_, t, date::choose::earliest).get_sys_time();
    return to_ms(std::chrono::time_point_cast<std::chrono::milliseconds>(sys));
  }
  LocalDate day_of(std::int64_t ms) const { return local_date(instant_from_ms(ms), tz_->name()); }

  LocalDate random_day(LocalDate from = kFirst, LocalDate to = kEnd) {
    return from + days{rng().between(0, (to - from).count() - 1)};
  }
  LocalDate random_sunday() {
    const LocalDate d = random_day();
    return d + days{7 - d.weekday().iso_encoding()};
  }
  // A moment of an event: often at the edges of a local day (23:30 on a Sunday, midnight, the
  // last millisecond of a day), else in working hours.
  std::int64_t moment() {
    const std::int64_t r = rng().between(0, 99);
    if (r < 8) {
      const LocalDate sunday = random_sunday();
      return local_ms(sunday, 23 * 60 + 30) + (r < 5 ? 0 : rng().between(1, 1'799'999));
    }
    const LocalDate d = random_day();
    if (r < 16) return local_ms(d, 0);
    if (r < 20) return local_ms(d + days{1}, 0) - 1;
    return local_ms(d, 0) + rng().between(7 * 3'600'000, 21 * 3'600'000);
  }

  // ---- the org, by SQL ----

  std::int64_t insert(store::Connection& c, const std::string& sql, std::vector<Value> params) {
    return c.query(sql + " RETURNING id", params).i64(0, 0);
  }

  Value maybe_text(const std::vector<std::string>& choices, double null_share = 0.15) {
    if (rng().chance(null_share)) return store::null_value;
    return rng().pick(choices);
  }

  void build_org() {
    const std::vector<std::string> zones = {"Asia/Shanghai", "Asia/Shanghai", "Asia/Shanghai",
                                            "America/New_York"};
    zone_name_ = rng().pick(zones);
    tz_ = date::locate_zone(zone_name_);
    fiscal_start_ = static_cast<int>(rng().pick(std::vector<std::int64_t>{1, 1, 4, 7}));
    gross_margin_bp_ = rng().between(2000, 9500);

    auto lease = db_->acquire();
    store::Connection& c = *lease;
    store::Transaction tx(c, true);
    org_ = insert(c,
                  "INSERT INTO orgs (name, timezone, fiscal_year_start_month, gross_margin_bp, "
                  "created_at, updated_at) VALUES ('差分测试公司', ?, ?, ?, 0, 0)",
                  {zone_name_, std::int64_t{fiscal_start_}, gross_margin_bp_});
    const int nregions = static_cast<int>(rng().between(2, 3));
    for (int i = 0; i < nregions; ++i) {
      regions_.push_back(insert(
          c, "INSERT INTO regions (org_id, name, created_at, updated_at) VALUES (?, ?, 0, 0)",
          {org_, "区域" + std::to_string(i + 1)}));
    }
    // T0 ⊃ T1 ⊃ T2 in the first region; T3, T4 in the second; T5 under T3, in the last region.
    const std::string team =
        "INSERT INTO teams (org_id, region_id, parent_id, name, created_at, updated_at) VALUES "
        "(?, ?, ?, ?, 0, 0)";
    auto add_team = [&](std::int64_t region, Value parent) {
      teams_.push_back(insert(
          c, team, {org_, region, std::move(parent), "团队" + std::to_string(teams_.size() + 1)}));
      return teams_.back();
    };
    const std::int64_t t0 = add_team(regions_[0], store::null_value);
    const std::int64_t t1 = add_team(regions_[0], t0);
    add_team(regions_[0], t1);
    const std::int64_t t3 = add_team(regions_[1], store::null_value);
    add_team(regions_[1], store::null_value);
    add_team(regions_.back(), t3);
    idle_team_ = insert(c, team, {org_, regions_[0], t0, std::string("空团队")});  // no one, ever

    const std::string user =
        "INSERT INTO users (org_id, username, display_name, password_hash, created_at, "
        "updated_at) VALUES (?, ?, ?, 'x', 0, 0)";
    admin_ = insert(c, user, {org_, std::string("admin"), std::string("管理员")});
    c.exec("INSERT INTO user_roles (org_id, user_id, role) VALUES (?, ?, 'admin')", {org_, admin_});
    for (int i = 1; i <= 20; ++i) {
      const std::int64_t id =
          insert(c, user, {org_, "u" + std::to_string(i), "销售" + std::to_string(i)});
      c.exec("INSERT INTO user_roles (org_id, user_id, role) VALUES (?, ?, 'rep')", {org_, id});
      reps_.push_back(id);
      usernames_[id] = "u" + std::to_string(i);
    }
    usernames_[admin_] = "admin";
    idle_user_ = insert(c, user, {org_, std::string("idle"), std::string("闲人")});
    people_ = reps_;
    people_.push_back(admin_);
    build_memberships(c);

    const std::string product =
        "INSERT INTO products (org_id, name, list_price, active, created_at, updated_at) VALUES "
        "(?, ?, ?, 1, 0, 0)";
    for (int i = 1; i <= 5; ++i) {
      products_.push_back(
          insert(c, product, {org_, "产品" + std::to_string(i), rng().between(100, 500'000)}));
    }
    build_pipelines(c);
    build_customers(c);
    build_orders(c);
    build_opportunities(c);
    build_activities(c);
    build_costs(c);
    const int nholidays = static_cast<int>(rng().between(2, 5));
    for (int i = 0; i < nholidays; ++i) {
      c.exec(
          "INSERT INTO holidays (org_id, day, name) VALUES (?, ?, '假日') ON CONFLICT DO NOTHING",
          {org_, format_date(random_day())});
    }
    tx.commit();
  }

  // Each rep joins a team, may move once or twice (sometimes with a gap between), may leave, and
  // may belong to a second team for a while; two reps never belong to any team.
  void build_memberships(store::Connection& c) {
    const std::string sql =
        "INSERT INTO memberships (org_id, user_id, team_id, role, valid_from, valid_to, "
        "created_at, updated_at) VALUES (?, ?, ?, 'member', ?, ?, 0, 0)";
    for (std::size_t i = 2; i < reps_.size(); ++i) {
      const std::int64_t rep = reps_[i];
      LocalDate from = random_day(LocalDate{std::chrono::year{2024} / 3 / 1},
                                  LocalDate{std::chrono::year{2025} / 3 / 1});
      std::int64_t team = rng().pick(teams_);
      const int moves = static_cast<int>(rng().between(0, 2));
      for (int m = 0; m <= moves; ++m) {
        const bool last = m == moves;
        Value to = store::null_value;
        LocalDate until = from;
        if (!last || rng().chance(0.1)) {
          until = random_day(from + days{1}, std::max(from + days{2}, kEnd - days{30}));
          to = format_date(until);
        }
        c.exec(sql, {org_, rep, team, format_date(from), to});
        if (last) break;
        from = rng().chance(0.15) ? until + days{rng().between(1, 40)} : until;
        std::int64_t next = rng().pick(teams_);
        while (next == team) next = rng().pick(teams_);
        team = next;
      }
      if (rng().chance(0.15)) {
        const LocalDate a = random_day(), b = random_day();
        c.exec(sql, {org_, rep, rng().pick(teams_), format_date(std::min(a, b)),
                     format_date(std::max(a, b) + days{1})});
      }
    }
  }

  void build_pipelines(store::Connection& c) {
    const std::string pipeline =
        "INSERT INTO pipelines (org_id, name, is_default, created_at, updated_at) VALUES (?, ?, ?, "
        "0, 0)";
    const std::string stage =
        "INSERT INTO pipeline_stages (org_id, pipeline_id, name, position, probability, kind) "
        "VALUES (?, ?, ?, ?, ?, ?)";
    struct Def {
      const char* name;
      std::int64_t probability;
      const char* kind;
    };
    auto add = [&](const char* name, bool is_default, const std::vector<Def>& defs) {
      Pipeline p;
      p.id = insert(c, pipeline, {org_, std::string(name), std::int64_t{is_default ? 1 : 0}});
      for (std::size_t i = 0; i < defs.size(); ++i) {
        const std::int64_t id =
            insert(c, stage,
                   {org_, p.id, std::string(defs[i].name), static_cast<std::int64_t>(i + 1),
                    defs[i].probability, std::string(defs[i].kind)});
        const std::string kind = defs[i].kind;
        (kind == "open" ? p.open : kind == "won" ? p.won : p.lost).push_back(id);
      }
      pipelines_.push_back(p);
    };
    add("默认销售流程", true,
        {{"初步接触", 10, "open"},
         {"需求确认", 30, "open"},
         {"方案报价", 60, "open"},
         {"谈判", 80, "open"},
         {"赢单", 100, "won"},
         {"输单", 0, "lost"}});
    add("渠道合作", false,
        {{"接洽", 20, "open"}, {"试用", 50, "open"}, {"签约", 100, "won"}, {"流失", 0, "lost"}});
  }

  void build_customers(store::Connection& c) {
    const std::string sql =
        "INSERT INTO customers (org_id, name, status, industry, channel, tier, region_id, "
        "owner_id, external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    const std::vector<std::string> statuses = {"lead", "prospect", "customer", "churned"};
    for (int i = 1; i <= 300; ++i) {
      const std::int64_t created = moment();
      const std::int64_t owner = rng().chance(0.05) ? admin_ : rng().pick(reps_);
      Value region = rng().chance(0.2) ? store::null_value : Value(rng().pick(regions_));
      const std::int64_t id =
          insert(c, sql,
                 {org_, "客户" + std::to_string(i), rng().pick(statuses), maybe_text(industries_),
                  maybe_text(channels_), maybe_text(tiers_), region, owner, "c" + std::to_string(i),
                  created, created});
      customers_.push_back(id);
      customer_owner_[id] = owner;
    }
  }

  // A line total as order_math does it: quantity × price × (10000 − discount) / 10000, rounded
  // half away from zero (all positive here).
  static std::int64_t line_total(std::int64_t qty, std::int64_t price, std::int64_t bp) {
    return (qty * price * (10000 - bp) + 5000) / 10000;  // at most 20 × 3e9 × 1e4: no overflow
  }

  void build_orders(store::Connection& c) {
    const std::string sql =
        "INSERT INTO orders (org_id, customer_id, owner_id, ordered_at, due_date, status, total, "
        "paid, external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    const std::vector<std::string> open = {"confirmed", "delivered", "completed"};
    std::vector<std::vector<Value>> lines, payments;
    struct Made {
      std::int64_t customer, at;
    };
    std::vector<Made> made;
    for (int i = 1; i <= 1500; ++i) {
      std::int64_t customer = rng().pick(customers_);
      std::int64_t at = moment();
      bool tie = false;
      if (!made.empty() && rng().chance(0.06)) {
        // The same instant as an earlier order: of the same customer (its first order is the one
        // with the smaller id, whose owner it counts for) or of another.
        const Made& m = made[static_cast<std::size_t>(
            rng().between(0, static_cast<std::int64_t>(made.size()) - 1))];
        at = m.at;
        tie = rng().chance(0.7);
        if (tie) customer = m.customer;
      }
      made.push_back({customer, at});
      const std::int64_t owner =
          !tie && rng().chance(0.8) ? customer_owner_[customer] : rng().pick(people_);
      const bool cancelled = rng().chance(0.1);
      const std::string status = cancelled ? "cancelled" : rng().pick(open);
      Value due = store::null_value;
      if (!rng().chance(0.15)) due = format_date(day_of(at) + days{rng().between(-5, 120)});
      std::vector<std::vector<Value>> my_lines;
      std::int64_t total = 0;
      if (rng().chance(0.3)) {
        const int n = static_cast<int>(rng().between(1, 3));
        for (int k = 0; k < n; ++k) {
          const std::int64_t qty = rng().between(1, 20);
          const std::int64_t price = rng().chance(0.03) ? rng().between(200'000'000, 3'000'000'000)
                                                        : rng().between(100, 2'000'000);
          const std::int64_t bp = rng().pick(std::vector<std::int64_t>{0, 0, 500, 1000, 3333});
          const std::int64_t amount = line_total(qty, price, bp);
          total += amount;
          my_lines.push_back({org_, store::null_value, std::int64_t{k + 1}, rng().pick(products_),
                              qty, price, bp, amount});
        }
      } else if (rng().chance(0.03)) {
        total = (std::int64_t{1} << 31) + rng().between(0, 50'000'000'000);
      } else {
        total = rng().between(0, 20'000'000);
      }
      // Payments, some of them after the order's period, late or early, some booked to another
      // person than the order's owner, a few on cancelled orders (count as payments, not as
      // receivables).
      std::vector<std::pair<std::int64_t, std::int64_t>> paid;  // amount, at
      std::int64_t paid_total = 0;
      if (total > 0 && rng().chance(cancelled ? 0.2 : 0.65)) {
        const int n = static_cast<int>(rng().between(1, 3));
        std::int64_t left = rng().chance(0.5) ? total : rng().between(1, total);
        for (int k = 0; k < n && left > 0; ++k) {
          const std::int64_t amount = k == n - 1 ? left : rng().between(1, left);
          left -= amount;
          const std::int64_t when =
              at + rng().between(rng().chance(0.05) ? -5 * 86'400'000LL : 0, 200 * 86'400'000LL);
          paid.emplace_back(amount, when);
          paid_total += amount;
        }
      }
      const std::int64_t id = insert(c, sql,
                                     {org_, customer, owner, at, due, status, total, paid_total,
                                      "o" + std::to_string(i), at, at});
      for (auto& l : my_lines) {
        l[1] = id;
        lines.push_back(std::move(l));
      }
      for (const auto& [amount, when] : paid) {
        const std::int64_t payer = rng().chance(0.1) ? rng().pick(people_) : owner;
        payments.push_back(
            {org_, id, customer, payer, amount, when, std::string("bank"), when, when});
      }
    }
    const std::vector<std::string> line_columns = {"org_id",      "order_id",  "position",
                                                   "product_id",  "quantity",  "unit_price",
                                                   "discount_bp", "line_total"};
    c.bulk_insert("document_lines", line_columns, lines);
    const std::vector<std::string> payment_columns = {"org_id",   "order_id",   "customer_id",
                                                      "owner_id", "amount",     "received_at",
                                                      "method",   "created_at", "updated_at"};
    c.bulk_insert("payments", payment_columns, payments);
  }

  void build_opportunities(store::Connection& c) {
    const std::string sql =
        "INSERT INTO opportunities (org_id, name, customer_id, owner_id, amount, pipeline_id, "
        "stage_id, status, expected_close, forecast_category, lost_reason, closed_at, "
        "external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2026-12-31', "
        "'pipeline', ?, ?, ?, ?, ?)";
    std::vector<std::vector<Value>> history;
    for (int i = 1; i <= 400; ++i) {
      const Pipeline& p = rng().chance(0.75) ? pipelines_[0] : pipelines_[1];
      const std::int64_t customer = rng().pick(customers_);
      const std::int64_t owner =
          rng().chance(0.8) ? customer_owner_[customer] : rng().pick(people_);
      const std::int64_t created = moment();
      std::vector<std::int64_t> stages;
      // Moved in from the other pipeline: its stages there stay in the history.
      if (rng().chance(0.05)) {
        const Pipeline& other = &p == &pipelines_[0] ? pipelines_[1] : pipelines_[0];
        stages.push_back(rng().pick(other.open));
      }
      const std::int64_t r = rng().between(0, 99);
      const std::string status = r < 40 ? "open" : r < 75 ? "won" : "lost";
      const auto top =
          static_cast<std::size_t>(rng().between(0, static_cast<std::int64_t>(p.open.size()) - 1));
      for (std::size_t k = 0; k <= top; ++k) {
        if (k == 0 || k == top || rng().chance(0.7)) stages.push_back(p.open[k]);
      }
      if (status == "won") stages.push_back(p.won[0]);
      if (status == "lost") stages.push_back(p.lost[0]);
      Value closed = store::null_value;
      if (status != "open") {
        closed = rng().chance(0.03) ? created : created + rng().between(0, 300 * 86'400'000LL);
      } else if (rng().chance(0.02)) {
        closed = created + 86'400'000;  // a reopened one's stale close: it is open, not closed
      }
      const std::int64_t id = insert(
          c, sql,
          {org_, "商机" + std::to_string(i), customer, owner, rng().between(0, 5'000'000'000), p.id,
           stages.back(), status, status == "lost" ? Value(std::string("价格")) : store::null_value,
           closed, "p" + std::to_string(i), created, created});
      if (rng().chance(0.02)) continue;  // no history at all
      for (std::size_t k = 0; k < stages.size(); ++k) {
        history.push_back(
            {org_, id, stages[k], created + static_cast<std::int64_t>(k) * 3'600'000, owner});
      }
    }
    const std::vector<std::string> columns = {"org_id", "opportunity_id", "stage_id", "entered_at",
                                              "user_id"};
    c.bulk_insert("opportunity_stage_history", columns, history);
  }

  void build_activities(store::Connection& c) {
    const std::vector<std::string> types = {"visit", "call", "email", "meeting", "other"};
    std::vector<std::vector<Value>> rows;
    for (int i = 0; i < 3000; ++i) {
      const std::int64_t user = rng().chance(0.05) ? admin_ : rng().pick(reps_);
      const std::int64_t at = moment();
      const bool revisit = rng().chance(0.25);
      Value score = store::null_value;
      // A score on a revisit counts; one on anything else (the store allows it) does not.
      if (revisit ? rng().chance(0.75) : rng().chance(0.05)) score = rng().between(1, 5);
      rows.push_back({org_, rng().pick(types), user, rng().pick(customers_), at,
                      std::int64_t{revisit ? 1 : 0}, score, at, at});
    }
    const std::vector<std::string> columns = {"org_id",       "type",       "user_id",
                                              "customer_id",  "started_at", "is_revisit",
                                              "satisfaction", "created_at", "updated_at"};
    c.bulk_insert("activities", columns, rows);
  }

  void build_costs(store::Connection& c) {
    std::vector<std::vector<Value>> rows;
    for (int i = 0; i < 250; ++i) {
      const std::int64_t r = rng().between(0, 99);
      std::string type = "org";
      Value id = store::null_value;
      if (r < 20) {
        type = "region";
        id = rng().pick(regions_);
      } else if (r < 50) {
        type = "team";
        id = rng().pick(teams_);
      } else if (r < 85) {
        type = "user";
        id = rng().pick(people_);
      }
      rows.push_back({org_, format_date(random_day()), type, id, maybe_text(channels_, 0.5),
                      rng().between(0, 3'000'000), std::int64_t{0}, std::int64_t{0}});
    }
    const std::vector<std::string> columns = {"org_id",  "spent_on", "scope_type", "scope_id",
                                              "channel", "amount",   "created_at", "updated_at"};
    c.bulk_insert("costs", columns, rows);
  }

  // ---- the context: org directory, engine, admin ----

  // Loads the org directory and builds the engine's index of each org in `orgs` (before any
  // write, as `fupan serve` does); the admin `admin` of org `orgs[0]` acts.
  void start_services(const std::vector<std::int64_t>& orgs, std::int64_t admin,
                      const std::filesystem::path& index_dir = {}) {
    orgs_.load_all(*db_);
    ctx_.reset();
    analytics_ = std::make_unique<Analytics>(*db_, store::read_metric_settings, index_dir);
    ctx_ = std::make_unique<service::Context>(
        service::Context{*db_, orgs_, clock_, sessions_, scopes_, analytics_.get()});
    for (std::int64_t org : orgs) sources_.push_back(analytics_->warm(OrgId{org}));
    clock_.t =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    act_as(orgs.front(), admin);
  }
  void act_as(std::int64_t org, std::int64_t user) {
    actor_ = service::make_actor(*ctx_, orgs_.get(OrgId{org}), UserId{user}, "test");
  }

  // A small org in Shanghai: a region, a team, an admin, a rep in the team, a customer of the
  // rep's; with one pipeline that is not the default, or none.
  struct SmallOrg {
    std::int64_t org = 0, admin = 0, rep = 0, customer = 0;
  };
  SmallOrg small_org(const std::string& prefix, bool with_pipeline) {
    auto lease = db_->acquire();
    store::Connection& c = *lease;
    SmallOrg o;
    o.org = insert(c,
                   "INSERT INTO orgs (name, timezone, created_at, updated_at) VALUES (?, "
                   "'Asia/Shanghai', 0, 0)",
                   {prefix + "公司"});
    const std::int64_t region = insert(
        c, "INSERT INTO regions (org_id, name, created_at, updated_at) VALUES (?, '华东', 0, 0)",
        {o.org});
    const std::int64_t team = insert(c,
                                     "INSERT INTO teams (org_id, region_id, name, created_at, "
                                     "updated_at) VALUES (?, ?, ?, 0, 0)",
                                     {o.org, region, prefix + "团队"});
    const std::string user =
        "INSERT INTO users (org_id, username, display_name, password_hash, created_at, "
        "updated_at) VALUES (?, ?, ?, 'x', 0, 0)";
    o.admin = insert(c, user, {o.org, prefix + "admin", std::string("管理员")});
    o.rep = insert(c, user, {o.org, prefix + "rep", std::string("销售")});
    c.exec("INSERT INTO user_roles (org_id, user_id, role) VALUES (?, ?, 'admin')",
           {o.org, o.admin});
    c.exec("INSERT INTO user_roles (org_id, user_id, role) VALUES (?, ?, 'rep')", {o.org, o.rep});
    c.exec(
        "INSERT INTO memberships (org_id, user_id, team_id, role, valid_from, created_at, "
        "updated_at) VALUES (?, ?, ?, 'member', '2026-01-01', 0, 0)",
        {o.org, o.rep, team});
    o.customer = insert(c,
                        "INSERT INTO customers (org_id, name, status, owner_id, created_at, "
                        "updated_at) VALUES (?, '客户', 'lead', ?, 0, 0)",
                        {o.org, o.rep});
    if (with_pipeline) {
      const std::int64_t p = insert(c,
                                    "INSERT INTO pipelines (org_id, name, is_default, created_at, "
                                    "updated_at) VALUES (?, '渠道', 0, 0, 0)",
                                    {o.org});
      const std::string stage =
          "INSERT INTO pipeline_stages (org_id, pipeline_id, name, position, probability, kind) "
          "VALUES (?, ?, ?, ?, ?, ?)";
      insert(c, stage, {o.org, p, std::string("接洽"), 1, 20, std::string("open")});
      insert(c, stage, {o.org, p, std::string("试用"), 2, 50, std::string("open")});
      insert(c, stage, {o.org, p, std::string("签约"), 3, 100, std::string("won")});
      insert(c, stage, {o.org, p, std::string("流失"), 4, 0, std::string("lost")});
    }
    return o;
  }

  // ---- questions ----

  std::string random_scope_one() {
    const std::int64_t r = rng().between(0, 99);
    if (r < 15) return "org";
    if (r < 35) return "region:" + std::to_string(rng().pick(regions_));
    if (r < 37) return "team:" + std::to_string(idle_team_);
    if (r < 70) return "team:" + std::to_string(rng().pick(teams_));
    if (rng().chance(0.03)) return "user:" + std::to_string(idle_user_);
    return "user:" + std::to_string(rng().pick(people_));
  }

  std::string random_period() {
    // Now and then far from the data (the index's day span grows to hold far events).
    const LocalDate d = rng().chance(0.03) ? random_day(LocalDate{std::chrono::year{2018} / 1 / 1},
                                                        LocalDate{std::chrono::year{2032} / 1 / 1})
                                           : random_day(kAskFirst, kAskEnd);
    const std::int64_t r = rng().between(0, 99);
    PeriodKind kind = PeriodKind::range;
    if (r < 8) {
      kind = PeriodKind::day;
    } else if (r < 22) {
      kind = PeriodKind::week;
    } else if (r < 44) {
      kind = PeriodKind::month;
    } else if (r < 58) {
      kind = PeriodKind::quarter;
    } else if (r < 68) {
      kind = PeriodKind::fiscal_quarter;
    } else if (r < 74) {
      kind = PeriodKind::year;
    } else if (r < 80) {
      kind = PeriodKind::fiscal_year;
    }
    if (kind != PeriodKind::range) return period_containing(kind, d, fiscal_start_).label;
    const LocalDate last = d + days{rng().between(0, rng().chance(0.3) ? 400 : 60)};
    return format_date(d) + ".." + format_date(last);
  }

  service::MetricRequest random_question() {
    const auto& metrics = all_metrics();
    const MetricInfo& m = metrics[static_cast<std::size_t>(
        rng().between(0, static_cast<std::int64_t>(metrics.size()) - 1))];
    service::MetricRequest req;
    std::int64_t t = rng().between(0, 9);
    if (m.unit == MetricUnit::stages) t = 0;  // a funnel has no growth
    req.metric = std::string(t < 6 ? "" : t < 8 ? "growth:" : "yoy_growth:") + std::string(m.name);
    const int nscopes = rng().chance(0.7) ? 1 : static_cast<int>(rng().between(2, 3));
    for (int i = 0; i < nscopes; ++i) req.scope += (i ? "," : "") + random_scope_one();
    req.period = random_period();
    if (m.metric == Metric::stage_conversion) {
      const std::int64_t r = rng().between(0, 9);
      if (r < 4) req.pipeline_id = pipelines_[1].id;
      if (r == 4) req.pipeline_id = pipelines_[0].id;
      if (r == 5) req.pipeline_id = 999'999;  // no such pipeline
    }
    const bool product_ok = m.metric == Metric::orders_amount || m.metric == Metric::orders_count;
    if (m.metric != Metric::cac && m.metric != Metric::clv && rng().chance(0.3)) {
      const std::int64_t d = rng().between(0, product_ok ? 5 : 3);
      if (d == 0) {
        req.segment_dim = "industry";
        req.segment_key = rng().chance(0.2) ? "" : rng().pick(industries_);
      } else if (d == 1) {
        req.segment_dim = "channel";
        req.segment_key = rng().chance(0.2) ? "" : rng().pick(channels_);
      } else if (d == 2) {
        req.segment_dim = "tier";
        req.segment_key = rng().chance(0.2) ? "" : rng().pick(tiers_);
      } else if (d == 3) {
        req.segment_dim = "region";
        req.segment_key = rng().chance(0.2) ? "" : std::to_string(rng().pick(regions_));
      } else {
        req.segment_dim = "product";
        req.segment_key = rng().chance(0.25) ? "" : std::to_string(rng().pick(products_));
      }
    }
    return req;
  }

  // Asks `req` of the engine and of SQL for `org`; every difference is a failure that names the
  // question, the figure and both values. Returns true iff they agree.
  bool agrees(std::int64_t org, const service::MetricRequest& req, const std::string& when) {
    auto q = service::parse_metric_request(req, *orgs_.get(OrgId{org}));
    if (!q.ok()) {
      ADD_FAILURE() << when << ": the question " << describe(req)
                    << " does not parse: " << q.error().field << " " << english(q.error().detail);
      return false;
    }
    const MetricAnswer e =
        testkit::answer_metric(*ctx_, OrgId{org}, *q, testkit::MetricSource::engine);
    const MetricAnswer s =
        testkit::answer_metric(*ctx_, OrgId{org}, *q, testkit::MetricSource::sql);
    const std::pair<const char*, std::pair<const MetricValue*, const MetricValue*>> figures[] = {
        {"value", {&e.value, &s.value}},
        {"previous", {&e.previous, &s.previous}},
        {"yoy", {&e.yoy, &s.yoy}}};
    bool ok = true;
    for (const auto& [name, pair] : figures) {
      if (same(*pair.first, *pair.second)) continue;
      ok = false;
      const Period& p = std::string_view(name) == "value"      ? q->period
                        : std::string_view(name) == "previous" ? e.previous_period
                                                               : e.yoy_period;
      ADD_FAILURE() << when << ": " << describe(req) << ": " << name << " (" << p.label
                    << ")\n  engine: " << show(*pair.first) << "\n  sql:    " << show(*pair.second);
    }
    if (e.previous_period != s.previous_period || e.yoy_period != s.yoy_period) {
      ok = false;
      ADD_FAILURE() << when << ": " << describe(req) << ": the periods compared differ";
    }
    return ok;
  }

  // Asks `n` random questions both ways; returns how many got different answers.
  int compare(int n, const std::string& when) {
    int differed = 0;
    for (int i = 0; i < n; ++i) differed += !agrees(org_, random_question(), when);
    return differed;
  }

  // The org's totals of the additive metrics in each year of the data: any change of a fact the
  // index lost shows in one of them.
  int compare_totals(const std::string& when) {
    int differed = 0;
    for (const char* metric : {"orders_amount", "orders_count", "payments_amount", "new_leads",
                               "new_buyers", "activities", "visits", "satisfaction"}) {
      for (const char* year : {"2024", "2025", "2026"}) {
        differed += !agrees(org_, {metric, "org", year, {}, {}, {}}, when);
      }
    }
    return differed;
  }

  // ---- writes through the service layer ----

  std::vector<std::int64_t> ids_of(const char* table, const std::string& where = "") {
    auto rows = db_->acquire()->query(
        std::string("SELECT id FROM ") + table + " WHERE org_id = ?" + where + " ORDER BY id",
        {org_});
    std::vector<std::int64_t> out;
    for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(rows.i64(r, 0));
    return out;
  }

  const EntityKind& kind(std::string_view name) { return *find_entity_kind(name); }

  Result<EntityRecord> create(std::string_view k, const json::object& body) {
    auto in = http::read_entity_input(actor_, kind(k), body, true);
    if (!in.ok()) return in.error();
    return service::create_entity(*ctx_, actor_, kind(k), *in);
  }

  Result<EntityRecord> get(std::string_view k, std::int64_t id) {
    return service::get_entity(*ctx_, actor_, kind(k), id);
  }

  Result<EntityRecord> update(std::string_view k, std::int64_t id, json::object body) {
    auto current = get(k, id);
    if (!current.ok()) return current.error();
    body["version"] = current->version;
    auto in = http::read_entity_input(actor_, kind(k), body, false);
    if (!in.ok()) return in.error();
    return service::update_entity(*ctx_, actor_, kind(k), id, *in);
  }

  Status remove(std::string_view k, std::int64_t id) {
    auto current = get(k, id);
    if (!current.ok()) return current.error();
    return service::delete_entity(*ctx_, actor_, kind(k), id, current->version);
  }

  // The time of a written event: mostly within the data's span, now and then years away.
  std::string when() {
    if (rng().chance(0.03)) {
      const LocalDate far = rng().chance(0.5) ? LocalDate{std::chrono::year{2019} / 3 / 10}
                                              : LocalDate{std::chrono::year{2031} / 8 / 17};
      return format_rfc3339(instant_from_ms(local_ms(far, 23 * 60 + 30)));
    }
    return format_rfc3339(instant_from_ms(moment()));
  }

  json::array random_lines() {
    json::array lines;
    const int n = static_cast<int>(rng().between(1, 3));
    for (int i = 0; i < n; ++i) {
      json::object l{{"product_id", rng().pick(products_)}, {"quantity", rng().between(1, 9)}};
      if (rng().chance(0.7)) l["unit_price"] = rng().between(100, 3'000'000);
      if (rng().chance(0.3)) l["discount_bp"] = rng().between(0, 2000);
      lines.push_back(std::move(l));
    }
    return lines;
  }

  json::value maybe_json_text(const std::vector<std::string>& choices) {
    if (rng().chance(0.15)) return nullptr;
    return json::value(rng().pick(choices));
  }

  // One random write of `what`; returns its outcome.
  Status random_write(const std::string& what) {
    auto status_of = [](const auto& r) -> Status {
      if (r.ok()) return {};
      return r.error();
    };
    // Most writes happen "now" at some moment of the data's span: created_at and closed_at
    // follow the clock.
    clock_.t = instant_from_ms(moment());
    if (what == "customer+") {
      json::object b{{"name", "新客户" + std::to_string(rng().between(1, 1'000'000))},
                     {"owner_id", rng().pick(people_)},
                     {"industry", maybe_json_text(industries_)},
                     {"channel", maybe_json_text(channels_)}};
      if (rng().chance(0.8)) b["region_id"] = rng().pick(regions_);
      return status_of(create("customer", b));
    }
    if (what == "customer~") {
      json::object b;
      if (rng().chance(0.5)) b["industry"] = maybe_json_text(industries_);
      if (rng().chance(0.4)) b["channel"] = maybe_json_text(channels_);
      if (rng().chance(0.4)) {
        b["region_id"] =
            rng().chance(0.2) ? json::value(nullptr) : json::value(rng().pick(regions_));
      }
      if (rng().chance(0.4)) b["owner_id"] = rng().pick(people_);
      return status_of(update("customer", rng().pick(ids_of("customers")), b));
    }
    if (what == "customer-") {
      // Customers nothing refers to (a new one when there is none).
      auto ids =
          ids_of("customers",
                 " AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customers.id)"
                 " AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.customer_id = "
                 "customers.id) AND NOT EXISTS (SELECT 1 FROM opportunities o WHERE "
                 "o.customer_id = customers.id) AND NOT EXISTS (SELECT 1 FROM quotes q WHERE "
                 "q.customer_id = customers.id) AND NOT EXISTS (SELECT 1 FROM payments p "
                 "WHERE p.customer_id = customers.id)");
      if (ids.empty()) {
        auto made = create("customer", json::object{{"name", "待删客户"}, {"owner_id", admin_}});
        if (!made.ok()) return made.error();
        ids.push_back(made->id);
      }
      return remove("customer", rng().pick(ids));
    }
    if (what == "customer>") {
      const std::int64_t id = rng().pick(ids_of("customers"));
      auto current = get("customer", id);
      if (!current.ok()) return current.error();
      service::TransferInput in;
      in.to_user_id = rng().pick(people_);
      in.reason = "区域调整";
      in.version = current->version;
      in.with_opportunities = rng().chance(0.6);
      return status_of(service::transfer_customer(*ctx_, actor_, id, in));
    }
    if (what == "order+") {
      const std::int64_t customer = rng().pick(ids_of("customers"));
      json::object b{
          {"customer_id", customer}, {"owner_id", rng().pick(people_)}, {"ordered_at", when()}};
      if (rng().chance(0.1)) b["status"] = "cancelled";
      if (rng().chance(0.4)) {
        b["lines"] = random_lines();
      } else {
        b["total"] = rng().chance(0.1) ? (std::int64_t{1} << 31) + rng().between(0, 1'000'000'000)
                                       : rng().between(0, 10'000'000);
      }
      if (rng().chance(0.5)) b["due_date"] = format_date(random_day());
      return status_of(create("order", b));
    }
    if (what == "order~") {
      const std::int64_t id = rng().pick(ids_of("orders"));
      json::object b;
      const std::int64_t r = rng().between(0, 6);
      if (r == 0) b["owner_id"] = rng().pick(people_);
      if (r == 1) b["customer_id"] = rng().pick(ids_of("customers"));
      if (r == 2) b["ordered_at"] = when();
      if (r == 3) {
        b["status"] = rng().pick(
            std::vector<std::string>{"cancelled", "confirmed", "completed", "cancelled"});
      }
      if (r == 4) b["lines"] = rng().chance(0.2) ? json::array{} : random_lines();
      if (r == 5) b["total"] = rng().between(0, 30'000'000);
      if (r == 6)
        b["due_date"] =
            rng().chance(0.2) ? json::value(nullptr) : json::value(format_date(random_day()));
      return status_of(update("order", id, b));
    }
    if (what == "order-") {
      // Orders without payments can go.
      const auto ids = ids_of(
          "orders", " AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = orders.id)");
      return remove("order", rng().pick(ids));
    }
    if (what == "payment+") {
      const auto ids = ids_of("orders", " AND status <> 'cancelled' AND total > paid");
      if (ids.empty()) return Error::not_found();
      const std::int64_t order = rng().pick(ids);
      auto o = get("order", order);
      if (!o.ok()) return o.error();
      const std::int64_t room = *o->integer("total") - *o->integer("paid");
      json::object b{{"order_id", order},
                     {"amount", rng().chance(0.4) ? room : rng().between(1, room)},
                     {"received_at", when()}};
      return status_of(create("payment", b));
    }
    if (what == "payment~") {
      const std::int64_t id = rng().pick(ids_of("payments"));
      json::object b;
      const std::int64_t r = rng().between(0, 2);
      if (r == 0) b["received_at"] = when();
      if (r == 1) {
        auto p = get("payment", id);
        if (!p.ok()) return p.error();
        b["amount"] = std::max<std::int64_t>(1, *p->integer("amount") / 2);
      }
      if (r == 2) {
        const auto ids = ids_of("orders", " AND status <> 'cancelled' AND total > paid");
        if (ids.empty()) return Error::not_found();
        b["order_id"] = rng().pick(ids);
        b["amount"] = 1;
      }
      return status_of(update("payment", id, b));
    }
    if (what == "payment-") return remove("payment", rng().pick(ids_of("payments")));
    if (what == "activity+") {
      const bool revisit = rng().chance(0.4);
      json::object b{{"type", rng().pick(std::vector<std::string>{"visit", "call", "email",
                                                                  "meeting", "other"})},
                     {"user_id", rng().pick(people_)},
                     {"customer_id", rng().pick(ids_of("customers"))},
                     {"started_at", when()},
                     {"is_revisit", revisit}};
      if (revisit && rng().chance(0.8)) b["satisfaction"] = rng().between(1, 5);
      return status_of(create("activity", b));
    }
    if (what == "activity~") {
      const std::int64_t id = rng().pick(ids_of("activities"));
      json::object b;
      const std::int64_t r = rng().between(0, 4);
      if (r == 0) b["started_at"] = when();
      if (r == 1) b["user_id"] = rng().pick(people_);
      if (r == 2) b["type"] = rng().pick(std::vector<std::string>{"visit", "call", "meeting"});
      if (r == 3) {
        b["is_revisit"] = true;
        b["satisfaction"] = rng().between(1, 5);
      }
      if (r == 4) {
        b["customer_id"] = rng().pick(ids_of("customers"));
        b["opportunity_id"] = nullptr;
      }
      return status_of(update("activity", id, b));
    }
    if (what == "activity-") return remove("activity", rng().pick(ids_of("activities")));
    if (what == "opportunity+") {
      const Pipeline& p = rng().pick(pipelines_);
      const std::int64_t r = rng().between(0, 9);
      const std::int64_t stage = r < 6 ? rng().pick(p.open) : r < 8 ? p.won[0] : p.lost[0];
      json::object b{{"name", "新商机"},
                     {"customer_id", rng().pick(ids_of("customers"))},
                     {"owner_id", rng().pick(people_)},
                     {"amount", rng().between(0, 9'000'000)},
                     {"expected_close", "2026-12-31"}};
      if (rng().chance(0.8)) {
        b["stage_id"] = stage;
      } else {
        b["pipeline_id"] = p.id;
      }
      if (stage == p.lost[0]) b["lost_reason"] = "预算取消";
      return status_of(create("opportunity", b));
    }
    if (what == "opportunity~") {
      const std::int64_t id = rng().pick(ids_of("opportunities"));
      auto current = get("opportunity", id);
      if (!current.ok()) return current.error();
      const std::int64_t pipeline_id = *current->integer("pipeline_id");
      const Pipeline& p = pipelines_[0].id == pipeline_id ? pipelines_[0] : pipelines_[1];
      json::object b;
      const std::int64_t r = rng().between(0, 9);
      if (r < 6) {
        std::vector<std::int64_t> stages = p.open;
        stages.push_back(p.won[0]);
        stages.push_back(p.lost[0]);
        const std::int64_t stage = rng().pick(stages);
        b["stage_id"] = stage;
        if (stage == p.lost[0]) b["lost_reason"] = "竞争对手";
      } else if (r < 8) {
        b["pipeline_id"] = (&p == &pipelines_[0] ? pipelines_[1] : pipelines_[0]).id;
      } else {
        b["owner_id"] = rng().pick(people_);
      }
      return status_of(update("opportunity", id, b));
    }
    if (what == "opportunity-") {
      const auto ids = ids_of(
          "opportunities",
          " AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.opportunity_id = opportunities.id)"
          " AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.opportunity_id = opportunities.id)"
          " AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.opportunity_id = opportunities.id)");
      return remove("opportunity", rng().pick(ids));
    }
    if (what == "cost+") {
      const std::int64_t r = rng().between(0, 3);
      json::object b{{"spent_on", format_date(random_day())},
                     {"amount", rng().between(0, 900'000)}};
      if (r == 0) b["scope_type"] = "org";
      if (r == 1) {
        b["scope_type"] = "region";
        b["scope_id"] = rng().pick(regions_);
      }
      if (r == 2) {
        b["scope_type"] = "team";
        b["scope_id"] = rng().pick(teams_);
      }
      if (r == 3) {
        b["scope_type"] = "user";
        b["scope_id"] = rng().pick(people_);
      }
      return status_of(create("cost", b));
    }
    if (what == "cost~") {
      json::object b;
      if (rng().chance(0.5)) {
        b["spent_on"] = format_date(random_day());
      } else {
        b["scope_type"] = "team";
        b["scope_id"] = rng().pick(teams_);
      }
      if (rng().chance(0.5)) b["amount"] = rng().between(0, 900'000);
      return status_of(update("cost", rng().pick(ids_of("costs")), b));
    }
    if (what == "cost-") return remove("cost", rng().pick(ids_of("costs")));
    if (what == "quote>order") {
      json::object b{{"customer_id", rng().pick(ids_of("customers"))},
                     {"owner_id", rng().pick(people_)},
                     {"lines", random_lines()}};
      auto quote = create("quote", b);
      if (!quote.ok()) return quote.error();
      return status_of(
          service::convert_quote_to_order(*ctx_, actor_, QuoteId{quote->id}, quote->version));
    }
    return Error::invalid("what", detail::one_of(what));  // no such kind of write
  }

  // A small CSV of orders, in the org's zone: new ones, and updates by external id of orders
  // without payments or lines (a new owner, customer, day, status or total).
  std::string order_csv() {
    std::string csv = "外部编号,客户,负责人,下单时间,应收日期,状态,订单金额\n";
    const std::vector<std::string> statuses = {"已确认", "已完成", "已取消", "confirmed"};
    auto row = [&](const std::string& external) {
      const LocalDate d = rng().chance(0.3) ? random_sunday() : random_day();
      const std::string time = rng().pick(std::vector<std::string>{"23:30", "00:00", "10:15"});
      const std::int64_t fen = rng().between(0, 900'000'000);
      const std::int64_t customer = rng().between(1, 300);
      const std::string owner = usernames_[rng().pick(people_)];
      const std::string due = rng().chance(0.3) ? "" : format_date(d + days{rng().between(0, 90)});
      const std::string status = rng().pick(statuses);
      csv += external + ",c" + std::to_string(customer) + "," + owner + "," + format_date(d) + " " +
             time + "," + due + "," + status + ",\"" + std::to_string(fen / 100) + "." +
             (fen % 100 < 10 ? "0" : "") + std::to_string(fen % 100) + "\"\n";
    };
    for (int i = 0; i < 12; ++i)
      row("imp" + std::to_string(seed_ % 1000) + "-" + std::to_string(i));
    auto rows = db_->acquire()->query(
        "SELECT external_id FROM orders o WHERE org_id = ? AND external_id IS NOT NULL AND NOT "
        "EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id) AND NOT EXISTS (SELECT 1 FROM "
        "document_lines l WHERE l.order_id = o.id) ORDER BY id",
        {org_});
    for (std::size_t r = 0; r < rows.size() && r < 40; r += 5) row(rows.str(r, 0));
    return csv;
  }

  struct Pipeline {
    std::int64_t id = 0;
    std::vector<std::int64_t> open, won, lost;
  };

  std::uint64_t seed_ = 0;
  std::unique_ptr<Rng> rng_;
  std::unique_ptr<testkit::TestStore> store_;
  store::Database* db_ = nullptr;
  std::string zone_name_;
  const date::time_zone* tz_ = nullptr;
  int fiscal_start_ = 1;
  std::int64_t gross_margin_bp_ = 10000;

  std::int64_t org_ = 0, admin_ = 0, idle_user_ = 0, idle_team_ = 0;
  std::vector<std::int64_t> regions_, teams_, reps_, people_, products_, customers_;
  std::map<std::int64_t, std::int64_t> customer_owner_;
  std::map<std::int64_t, std::string> usernames_;
  std::vector<Pipeline> pipelines_;
  const std::vector<std::string> industries_ = {"制造", "零售", "金融", "教育", ""};
  const std::vector<std::string> channels_ = {"web", "展会", "转介绍", ""};
  const std::vector<std::string> tiers_ = {"A", "B", "C", ""};

  testkit::FixedClock clock_;
  service::OrgDirectory orgs_;
  service::SessionCache sessions_;
  service::ScopeCache scopes_;
  std::unique_ptr<Analytics> analytics_;
  std::unique_ptr<service::Context> ctx_;
  std::vector<Analytics::Source> sources_;  // where each warm() found its index
  service::Actor actor_;
};

TEST_P(AnalyticsDiffTest, EngineAgreesWithSqlOnRandomDataAndAfterEveryKindOfWrite) {
  SCOPED_TRACE(::testing::Message()
               << "seed " << seed_ << " (FUPAN_DIFF_SEED=" << seed_ << " replays it)");
  build_org();
  SCOPED_TRACE(::testing::Message()
               << "time zone " << zone_name_ << ", fiscal year from month " << fiscal_start_);
  start_services({org_}, admin_);
  EXPECT_EQ(compare(300, "on the data as loaded"), 0);

  // ~100 writes through the service layer, each kind of fact created, changed and deleted.
  const std::vector<std::string> kinds = {
      "customer+",    "customer~",    "customer~",    "customer-",    "customer>", "order+",
      "order+",       "order~",       "order~",       "order~",       "order-",    "payment+",
      "payment+",     "payment~",     "payment-",     "activity+",    "activity~", "activity-",
      "opportunity+", "opportunity~", "opportunity~", "opportunity-", "cost+",     "cost~",
      "cost-",        "quote>order"};
  std::map<std::string, std::pair<int, int>> tally;  // kind → (done, refused)
  std::map<std::string, std::string> refusals;       // kind → a reason it was refused
  int done = 0, differed = 0;
  // One write, and one question after each that succeeded (a divergence may not last).
  auto attempt = [&](const std::string& what) {
    const Status s = random_write(what);
    if (s.ok()) {
      ++done;
      ++tally[what].first;
      differed += compare(1, "after a write of " + what);
    } else {
      ++tally[what].second;
      refusals[what] = std::string(error_code_name(s.error().code)) + " " + s.error().field + " " +
                       english(s.error().detail);
    }
    return s.ok();
  };
  for (const std::string& what : kinds) {  // each kind at least once
    for (int i = 0; i < 5; ++i) {
      if (attempt(what)) break;
    }
  }
  for (int i = 0; i < 400 && done < 100; ++i) {
    attempt(kinds[static_cast<std::size_t>(
        rng().between(0, static_cast<std::int64_t>(kinds.size()) - 1))]);
  }
  std::ostringstream summary;
  for (const auto& [what, counts] : tally) {
    summary << "  " << what << ": " << counts.first << " done, " << counts.second << " refused";
    if (counts.second) summary << " (e.g. " << refusals[what] << ")";
    summary << "\n";
  }
  EXPECT_GE(done, 100) << summary.str();
  for (const std::string& what : kinds) {
    EXPECT_GT(tally[what].first, 0) << what << " never succeeded\n" << summary.str();
  }
  EXPECT_EQ(differed + compare(250, "after the service writes"), 0) << summary.str();

  // An import of orders (new ones and updates by external id), then the questions again.
  clock_.t =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const std::string csv = order_csv();
  auto report = service::import_file(*ctx_, actor_, "orders", csv, service::ImportOptions{});
  ASSERT_TRUE(report.ok()) << report.error().field << " " << english(report.error().detail);
  EXPECT_TRUE(report->committed) << csv;
  EXPECT_TRUE(report->errors.empty())
      << report->errors.front().line << " " << report->errors.front().field << " "
      << english(report->errors.front().detail) << "\n"
      << csv;
  EXPECT_GT(report->inserted, 0u);
  EXPECT_GT(report->updated, 0u);
  EXPECT_EQ(compare(150, "after the import"), 0);

  // The org's settings change (another fiscal year start, the other time zone), then the
  // customers' tiers are recomputed (a segment field of many customers at once).
  service::OrgInput settings;
  settings.fiscal_year_start_month = fiscal_start_ == 4 ? 10 : 4;
  settings.timezone = zone_name_ == "Asia/Shanghai" ? "America/New_York" : "Asia/Shanghai";
  settings.confirm = true;  // the dated facts move to their days in the new zone
  auto changed =
      service::update_org(*ctx_, actor_, settings, orgs_.get(OrgId{org_})->org().version);
  ASSERT_TRUE(changed.ok()) << changed.error().field << " " << english(changed.error().detail);
  fiscal_start_ = static_cast<int>(*settings.fiscal_year_start_month);
  act_as(org_, admin_);
  auto tiers = service::recompute_tiers(*ctx_, actor_);
  ASSERT_TRUE(tiers.ok()) << english(tiers.error().detail);
  EXPECT_EQ(compare(100, "after a change of the org's settings and the tiers"), 0);
}

// The first opportunity of an org without a default pipeline makes one (a new pipeline, or the
// org's only one promoted): the engine's funnel has it too.
TEST_P(AnalyticsDiffTest, TheDefaultPipelineTheFirstOpportunityMakesIsInTheFunnel) {
  tz_ = date::locate_zone("Asia/Shanghai");
  const SmallOrg made = small_org("a", false), promoted = small_org("b", true);
  start_services({made.org, promoted.org}, made.admin);
  for (const SmallOrg& o : {made, promoted}) {
    clock_.t = instant_from_ms(local_ms(LocalDate{std::chrono::year{2026} / 11 / 20}, 10 * 60));
    const std::string name = o.org == made.org ? "a new default pipeline" : "a promoted pipeline";
    act_as(o.org, o.admin);
    auto opp = create("opportunity", json::object{{"name", "首单"},
                                                  {"customer_id", o.customer},
                                                  {"owner_id", o.rep},
                                                  {"amount", 100000},
                                                  {"expected_close", "2026-12-31"}});
    ASSERT_TRUE(opp.ok()) << opp.error().field << " " << english(opp.error().detail);
    const std::string rep = "user:" + std::to_string(o.rep);
    for (const std::string& scope : {std::string("org"), rep}) {
      EXPECT_TRUE(agrees(o.org, {"stage_conversion", scope, "2026-11", {}, {}, {}}, name));
    }
    // On to the second open stage, then won.
    auto stages = db_->acquire()->query(
        "SELECT id FROM pipeline_stages WHERE org_id = ? AND kind <> 'lost' ORDER BY position",
        {o.org});
    ASSERT_GE(stages.size(), 3u);
    ASSERT_TRUE(update("opportunity", opp->id, json::object{{"stage_id", stages.i64(1, 0)}}).ok());
    EXPECT_TRUE(agrees(o.org, {"stage_conversion", rep, "2026-11", {}, {}, {}}, name));
    clock_.t += std::chrono::days{3};
    ASSERT_TRUE(
        update("opportunity", opp->id, json::object{{"stage_id", stages.i64(stages.size() - 1, 0)}})
            .ok());
    for (const char* metric : {"stage_conversion", "win_rate", "sales_cycle_days"}) {
      EXPECT_TRUE(agrees(o.org, {metric, rep, "2026-W47", {}, {}, {}}, name));
    }
  }
}

// The server keeps its index in a file between runs (engine/index_file.h). Started again, it reads
// the file and catches up with what changed while it was down: the answers are those of the store.
// A file it cannot trust (bulk changes, another calendar, another store, a damaged file) is not
// used.
TEST_P(AnalyticsDiffTest, AnIndexFileCaughtUpWithTheWritesMadeWhileTheServerWasDownAgreesWithSql) {
  SCOPED_TRACE(::testing::Message()
               << "seed " << seed_ << " (FUPAN_DIFF_SEED=" << seed_ << " replays it)");
  build_org();
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("fupan_index_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::filesystem::path file = index_file_path(dir, OrgId{org_});
  const std::vector<std::string> kinds = {
      "customer+", "customer~",    "customer-",    "customer>",    "order+",
      "order~",    "order-",       "payment+",     "payment~",     "payment-",
      "activity+", "activity~",    "activity-",    "cost+",        "cost~",
      "cost-",     "opportunity+", "opportunity~", "opportunity-", "quote>order"};
  auto writes = [&](int n) {
    int done = 0;
    for (int i = 0; i < 8 * n && done < n; ++i) {
      const auto& what = kinds[static_cast<std::size_t>(
          rng().between(0, static_cast<std::int64_t>(kinds.size()) - 1))];
      done += random_write(what).ok();
    }
    return done;
  };
  // A run of the server: built from the store, some writes applied as they commit, then stopped.
  auto stop = [&] {
    analytics_->save();
    ctx_->analytics = nullptr;  // the server is down: writes reach the store only
    act_as(org_, admin_);
  };
  start_services({org_}, admin_, dir);
  EXPECT_EQ(sources_.back(), Analytics::Source::store);
  EXPECT_GT(writes(20), 10);
  stop();
  ASSERT_TRUE(std::filesystem::exists(file));

  EXPECT_GT(writes(60), 30);
  start_services({org_}, admin_, dir);
  EXPECT_EQ(sources_.back(), Analytics::Source::file);
  EXPECT_EQ(compare_totals("read from its file, caught up with the writes made while down"), 0);
  EXPECT_EQ(compare(200, "read from its file, caught up with the writes made while down"), 0);

  // Running on from the file, stopped, started again with no change in between.
  EXPECT_GT(writes(20), 10);
  EXPECT_EQ(compare(30, "read from its file, then written to"), 0);
  stop();
  start_services({org_}, admin_, dir);
  EXPECT_EQ(sources_.back(), Analytics::Source::file);
  EXPECT_EQ(compare(60, "read from its file twice"), 0);

  // An import while down (a bulk change): the index is read from the store.
  stop();
  clock_.t =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  auto report =
      service::import_file(*ctx_, actor_, "orders", order_csv(), service::ImportOptions{});
  ASSERT_TRUE(report.ok()) << english(report.error().detail);
  start_services({org_}, admin_, dir);
  EXPECT_EQ(sources_.back(), Analytics::Source::store);
  EXPECT_EQ(compare(60, "after an import while down"), 0);

  // Another time zone while down: the file's days are the old zone's.
  stop();
  service::OrgInput settings;
  settings.timezone = zone_name_ == "Asia/Shanghai" ? "America/New_York" : "Asia/Shanghai";
  settings.confirm = true;  // the dated facts move to their days in the new zone
  ASSERT_TRUE(
      service::update_org(*ctx_, actor_, settings, orgs_.get(OrgId{org_})->org().version).ok());
  start_services({org_}, admin_, dir);
  EXPECT_EQ(sources_.back(), Analytics::Source::store);
  EXPECT_EQ(compare(60, "after a change of time zone while down"), 0);

  // Another store (here: the same one made again, as its first migration's time says).
  stop();
  db_->acquire()->exec("UPDATE schema_migrations SET applied_at = applied_at + 1 WHERE version = 1",
                       {});
  start_services({org_}, admin_, dir);
  EXPECT_EQ(sources_.back(), Analytics::Source::store);

  // A file cut short, and one with a byte changed.
  stop();
  std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
  start_services({org_}, admin_, dir);
  EXPECT_EQ(sources_.back(), Analytics::Source::store);
  EXPECT_EQ(compare(30, "after a damaged file"), 0);
  stop();
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    const auto middle = static_cast<std::streamoff>(std::filesystem::file_size(file) / 2);
    char c = 0;
    f.seekg(middle);
    f.get(c);
    f.seekp(middle);
    f.put(static_cast<char>(~c));
  }
  start_services({org_}, admin_, dir);
  EXPECT_EQ(sources_.back(), Analytics::Source::store);

  // The store put back to before the newest change the file holds (a backup restored): the
  // file's head entry is gone.
  EXPECT_GT(writes(5), 0);  // applied as they commit: in the file, after its base
  stop();
  db_->acquire()->exec(
      "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log WHERE org_id = ?)", {org_});
  start_services({org_}, admin_, dir);
  EXPECT_EQ(sources_.back(), Analytics::Source::store);
  std::filesystem::remove_all(dir);
}

// A bulk change (an import, the tiers) builds the org's index again while other writers go on
// committing: their changes reach the new index too, and nobody waits for the build.
TEST_P(AnalyticsDiffTest, ChangesCommittedWhileTheIndexIsBuiltAgainReachTheNewIndex) {
  SCOPED_TRACE(::testing::Message()
               << "seed " << seed_ << " (FUPAN_DIFF_SEED=" << seed_ << " replays it)");
  build_org();
  start_services({org_}, admin_);
  // The bulk writer has its own clock and actor: the test's belong to the other writer.
  testkit::FixedClock bulk_clock;
  bulk_clock.t = clock_.t;
  service::Context bulk_ctx{*db_, orgs_, bulk_clock, sessions_, scopes_, analytics_.get()};
  const service::Actor bulk_actor = actor_;
  const std::vector<std::string> kinds = {"customer+", "customer~",    "order+",
                                          "order~",    "payment+",     "activity+",
                                          "activity~", "opportunity~", "cost+"};
  int done = 0, differed = 0;
  // Each round: an import (or the tiers) in one thread, random writes in this one until it is
  // over, then the totals, before the next build could hide a change this one lost.
  for (int round = 0; round < 10; ++round) {
    const std::string csv = order_csv();
    std::atomic<bool> bulk_done = false;
    std::string failure;
    std::thread bulk([&] {
      if (round == 9) {
        auto tiers = service::recompute_tiers(bulk_ctx, bulk_actor);
        if (!tiers.ok()) failure = english(tiers.error().detail);
      } else {
        auto report = service::import_file(bulk_ctx, bulk_actor, "orders", csv, {});
        if (!report.ok()) failure = english(report.error().detail);
      }
      bulk_clock.t += std::chrono::minutes{1};
      bulk_done = true;
    });
    for (int i = 0; i < 500 && !bulk_done; ++i) {
      done += random_write(kinds[static_cast<std::size_t>(
                               rng().between(0, static_cast<std::int64_t>(kinds.size()) - 1))])
                  .ok();
    }
    bulk.join();
    EXPECT_EQ(failure, "");
    differed += compare_totals("after writes made while the index was built again");
  }
  EXPECT_GE(done, 10);
  EXPECT_EQ(differed, 0);
  EXPECT_EQ(compare(150, "after writes made while the index was built again"), 0);
}

INSTANTIATE_TEST_SUITE_P(Stores, AnalyticsDiffTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace fupan::engine
