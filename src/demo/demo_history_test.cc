// The demo history keeps the invariants the service rules keep, on SQLite always and on
// PostgreSQL when FUPAN_TEST_PG_URL names a scratch database.
#include "demo/demo_history.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "demo/demo_org.h"
#include "domain/customer_tier.h"
#include "domain/receivable_aging.h"
#include "store/customer_store.h"
#include "store/migrations.h"
#include "testkit/fixed_clock.h"
#include "testkit/test_store.h"

namespace fupan::demo {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

using testkit::FixedClock;

// Monday 2026-11-23, 10:30 in Shanghai.
const Instant kNow =
    Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}} + hours(2) + minutes(30);
const LocalDate kToday = LocalDate{std::chrono::year{2026} / 11 / 23};
constexpr auto kOffset = hours(8);

// A store with the demo org and its history.
struct DemoStore {
  DemoStore(const std::string& url, std::uint64_t seed)
      : clock(kNow), store(testkit::TestStore::open_url(url)), db(&store->db()) {
    auto made = create_demo_org(*db, clock);
    org = *made;
    add_demo_history({*db, orgs, clock, sessions, scopes}, org, kNow, seed);
  }
  std::int64_t count(const std::string& sql) {
    return db->acquire()->query(sql, {org.value}).i64(0, 0);
  }

  FixedClock clock;
  std::unique_ptr<testkit::TestStore> store;
  store::Database* db;
  service::OrgDirectory orgs;
  service::SessionCache sessions;
  service::ScopeCache scopes;
  OrgId org;
};

std::string temp_db(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("fupan_demo_history_" + name + "_" + std::to_string(::getpid()) + ".db"))
      .string();
}

class DemoHistoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      const char* url = std::getenv("FUPAN_TEST_PG_URL");
      if (!url) GTEST_SKIP() << "FUPAN_TEST_PG_URL not set";
      if (!pg_) pg_ = std::make_unique<DemoStore>(url, kDemoSeed);
      demo_ = pg_.get();
    } else {
      if (!lite_) lite_ = std::make_unique<DemoStore>(temp_db("main"), kDemoSeed);
      demo_ = lite_.get();
    }
  }
  static void TearDownTestSuite() {
    lite_.reset();
    pg_.reset();
  }

  store::Rows query(const std::string& sql) {
    return demo_->db->acquire()->query(sql, {demo_->org.value});
  }
  std::int64_t count(const std::string& sql) { return demo_->count(sql); }

  // Built once per process: the tests only read.
  static inline std::unique_ptr<DemoStore> lite_, pg_;
  DemoStore* demo_ = nullptr;
};

TEST_P(DemoHistoryTest, OpportunitiesFollowTheirStageHistory) {
  std::map<std::int64_t, std::string> kind_of;
  auto stages = query("SELECT id, kind FROM pipeline_stages WHERE org_id = ?");
  for (std::size_t r = 0; r < stages.size(); ++r) kind_of[stages.i64(r, 0)] = stages.str(r, 1);

  struct Entry {
    std::int64_t stage, at, user;
  };
  std::map<std::int64_t, std::vector<Entry>> history;
  auto h = query(
      "SELECT opportunity_id, stage_id, entered_at, user_id FROM opportunity_stage_history "
      "WHERE org_id = ? ORDER BY opportunity_id, entered_at, id");
  for (std::size_t r = 0; r < h.size(); ++r)
    history[h.i64(r, 0)].push_back({h.i64(r, 1), h.i64(r, 2), h.i64(r, 3)});

  auto o = query(
      "SELECT id, stage_id, status, closed_at, created_at, owner_id, lost_reason, updated_at "
      "FROM opportunities WHERE org_id = ?");
  ASSERT_GT(o.size(), 0u);
  std::map<std::string, std::int64_t> by_status;
  for (std::size_t r = 0; r < o.size(); ++r) {
    SCOPED_TRACE("opportunity " + std::to_string(o.i64(r, 0)));
    const auto& entries = history[o.i64(r, 0)];
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries.back().stage, o.i64(r, 1)) << "the last stage entered is the stage";
    EXPECT_EQ(entries.front().at, o.i64(r, 4)) << "the history starts when the deal was made";
    EXPECT_EQ(entries.back().at, o.i64(r, 7));
    for (std::size_t i = 0; i < entries.size(); ++i) {
      EXPECT_EQ(entries[i].user, o.i64(r, 5));
      EXPECT_LE(entries[i].at, to_ms(kNow));
      if (i > 0) {
        EXPECT_LT(entries[i - 1].at, entries[i].at);
      }
      if (i + 1 < entries.size()) {
        EXPECT_EQ(kind_of[entries[i].stage], "open");
      }
    }
    const std::string status = o.str(r, 2);
    ++by_status[status];
    EXPECT_EQ(kind_of[o.i64(r, 1)], status == "open" ? "open" : status);
    if (status == "open") {
      EXPECT_TRUE(o.is_null(r, 3));
    } else {
      EXPECT_EQ(o.opt_i64(r, 3), entries.back().at) << "closed when it entered its last stage";
    }
    if (status == "lost") {
      EXPECT_FALSE(o.str(r, 6).empty());
    }
  }
  // About 30 % won, 40 % lost, the rest open.
  const double n = static_cast<double>(o.size());
  EXPECT_NEAR(by_status["won"] / n, 0.3, 0.08);
  EXPECT_NEAR(by_status["lost"] / n, 0.4, 0.08);
  EXPECT_NEAR(by_status["open"] / n, 0.3, 0.08);
}

TEST_P(DemoHistoryTest, MoneyAddsUp) {
  // paid = sum(payments) ≤ total; payments carry their order's owner and customer.
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders o WHERE o.org_id = ? AND o.paid <> "
                  "(SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.order_id = o.id)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE org_id = ? AND (paid > total OR paid < 0)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE "
                  "p.org_id = ? AND (p.owner_id <> o.owner_id OR p.customer_id <> o.customer_id "
                  "OR p.received_at <= o.ordered_at OR p.amount <= 0 OR o.status = 'cancelled')"),
            0);
  // Totals are the sums of their lines.
  for (const char* doc : {"order", "quote"}) {
    SCOPED_TRACE(doc);
    const std::string d = doc;
    EXPECT_EQ(count("SELECT COUNT(*) FROM " + d +
                    "s t WHERE t.org_id = ? AND t.total <> "
                    "(SELECT COALESCE(SUM(l.line_total), 0) FROM document_lines l WHERE l." +
                    d + "_id = t.id)"),
              0);
  }
  // Won deals have their order; orders made from quotes point back and forth.
  EXPECT_EQ(count("SELECT COUNT(*) FROM opportunities o WHERE o.org_id = ? AND o.status = 'won' "
                  "AND NOT EXISTS (SELECT 1 FROM orders r WHERE r.opportunity_id = o.id AND "
                  "r.total = o.amount)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM quotes q WHERE q.org_id = ? AND q.order_id IS NOT NULL "
                  "AND NOT EXISTS (SELECT 1 FROM orders r WHERE r.id = q.order_id AND "
                  "r.quote_id = q.id)"),
            0);
  // Most orders are paid; the rest are receivables in every aging bucket.
  auto open = query(
      "SELECT due_date, total - paid FROM orders WHERE org_id = ? AND status <> 'cancelled' AND "
      "paid < total");
  std::array<int, 4> buckets{};
  for (std::size_t r = 0; r < open.size(); ++r)
    ++buckets[static_cast<std::size_t>(aging_bucket(*parse_date(open.str(r, 0)), kToday))];
  for (int b : buckets) EXPECT_GT(b, 0);
  const auto orders = count("SELECT COUNT(*) FROM orders WHERE org_id = ?");
  EXPECT_LT(static_cast<std::int64_t>(open.size()) * 4, orders);
  EXPECT_GT(count("SELECT COUNT(*) FROM orders WHERE org_id = ? AND status = 'cancelled'"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM orders WHERE org_id = ? AND opportunity_id IS NULL"), 0);
}

TEST_P(DemoHistoryTest, TiersFollowTheAbcRuleAsOfNow) {
  auto c = demo_->db->acquire();
  const LocalDate year_ago = LocalDate{std::chrono::year{2025} / 11 / 23};
  const date::time_zone* shanghai = zone_of("Asia/Shanghai");
  const auto rows = store::customer_sales(*c, demo_->org, start_of(year_ago, shanghai),
                                          start_of(kToday + days(1), shanghai));
  std::vector<CustomerSales> sales;
  for (const auto& r : rows) {
    CustomerSales s{r.customer_id, r.revenue, r.orders, std::nullopt};
    if (r.last_ordered_at) s.last_order = local_date(*r.last_ordered_at, shanghai);
    sales.push_back(s);
  }
  const auto tiers = assign_tiers(sales, TierRule::abc, kToday);
  std::map<char, int> counts;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].tier, std::string(1, tiers[i])) << "customer " << rows[i].customer_id;
    ++counts[tiers[i]];
  }
  EXPECT_GT(counts['A'], 0);
  EXPECT_GT(counts['B'], 0);
  EXPECT_GT(counts['C'], counts['A']);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE org_id = ? AND (name_key IS NULL OR "
                  "phone_key IS NULL)"),
            0)
      << "duplicate keys are filled";
}

TEST_P(DemoHistoryTest, RecordsBelongToActiveRepsInRealisticNumbers) {
  const std::string reps =
      "(SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.org_id = ? AND "
      "u.active = 1 AND r.role = 'rep')";
  for (const char* owned : {"customers.owner_id", "opportunities.owner_id", "quotes.owner_id",
                            "orders.owner_id", "payments.owner_id", "activities.user_id"}) {
    const std::string column = owned;
    const std::string table = column.substr(0, column.find('.'));
    SCOPED_TRACE(table);
    EXPECT_GT(count("SELECT COUNT(*) FROM " + table + " WHERE org_id = ?"), 0);
    EXPECT_EQ(demo_->db->acquire()
                  ->query("SELECT COUNT(*) FROM " + table + " WHERE org_id = ? AND " + column +
                              " NOT IN " + reps,
                          {demo_->org.value, demo_->org.value})
                  .i64(0, 0),
              0);
  }
  // 40 to 80 customers per rep, 1 to 3 contacts per customer.
  auto per_rep =
      query("SELECT owner_id, COUNT(*) FROM customers WHERE org_id = ? GROUP BY owner_id");
  EXPECT_EQ(per_rep.size(), 29u);
  for (std::size_t r = 0; r < per_rep.size(); ++r) {
    EXPECT_GE(per_rep.i64(r, 1), 40);
    EXPECT_LE(per_rep.i64(r, 1), 80);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers c WHERE c.org_id = ? AND (SELECT COUNT(*) FROM "
                  "contacts k WHERE k.customer_id = c.id) NOT BETWEEN 1 AND 3"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM products WHERE org_id = ?"), 12);
  // Every status of the customer life, every channel and industry.
  EXPECT_EQ(count("SELECT COUNT(DISTINCT status) FROM customers WHERE org_id = ?"), 4);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT channel) FROM customers WHERE org_id = ?"), 6);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT industry) FROM customers WHERE org_id = ?"), 8);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE org_id = ? AND created_at < " +
                  std::to_string(to_ms(kNow - days(731)))),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM activities WHERE org_id = ?"), 20000);
  EXPECT_GT(count("SELECT COUNT(*) FROM costs WHERE org_id = ?"), 300);
}

TEST_P(DemoHistoryTest, ActivitiesHappenInWorkingHoursAndTodayHasWork) {
  auto a = query(
      "SELECT started_at, duration_minutes, is_revisit, satisfaction FROM activities WHERE "
      "org_id = ?");
  int revisits = 0;
  for (std::size_t r = 0; r < a.size(); ++r) {
    const Instant start = instant_from_ms(a.i64(r, 0)) + kOffset;
    const auto day = std::chrono::floor<days>(start);
    const std::chrono::weekday w{day};
    ASSERT_TRUE(w != std::chrono::Saturday && w != std::chrono::Sunday) << a.i64(r, 0);
    const auto from_midnight = start - day;
    ASSERT_GE(from_midnight, hours(9));
    ASSERT_LE(from_midnight + minutes(a.i64(r, 1)), hours(18));
    ASSERT_LE(instant_from_ms(a.i64(r, 0)), kNow);
    if (a.i64(r, 2)) {
      ++revisits;
      ASSERT_GE(a.i64(r, 3), 1);
      ASSERT_LE(a.i64(r, 3), 5);
    } else {
      ASSERT_TRUE(a.is_null(r, 3));
    }
  }
  EXPECT_GT(revisits, 100);
  // The to-do list: overdue follow-ups, and open deals nobody touched for two weeks.
  EXPECT_GT(count("SELECT COUNT(*) FROM customers WHERE org_id = ? AND next_follow_up < '" +
                  format_date(kToday) + "'"),
            20);
  EXPECT_GT(count("SELECT COUNT(*) FROM opportunities o WHERE o.org_id = ? AND o.status = 'open' "
                  "AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.opportunity_id = o.id AND "
                  "a.started_at > " +
                  std::to_string(to_ms(kNow - days(14))) + ")"),
            20);
  EXPECT_GT(count("SELECT COUNT(*) FROM opportunities o WHERE o.org_id = ? AND o.status = 'open' "
                  "AND EXISTS (SELECT 1 FROM activities a WHERE a.opportunity_id = o.id AND "
                  "a.started_at > " +
                  std::to_string(to_ms(kNow - days(14))) + ")"),
            20);
}

INSTANTIATE_TEST_SUITE_P(Drivers, DemoHistoryTest, ::testing::Values("sqlite", "postgres"));

// What a store holds, in numbers.
std::map<std::string, std::int64_t> fingerprint(DemoStore& s) {
  std::map<std::string, std::int64_t> out;
  for (const char* table :
       {"customers", "contacts", "opportunities", "opportunity_stage_history", "quotes", "orders",
        "document_lines", "payments", "activities", "costs"}) {
    out[table] = s.count("SELECT COUNT(*) FROM " + std::string(table) + " WHERE org_id = ?");
  }
  out["order_total"] = s.count("SELECT SUM(total) FROM orders WHERE org_id = ?");
  out["paid"] = s.count("SELECT SUM(amount) FROM payments WHERE org_id = ?");
  out["won"] = s.count("SELECT COUNT(*) FROM opportunities WHERE org_id = ? AND status = 'won'");
  out["tier_a"] = s.count("SELECT COUNT(*) FROM customers WHERE org_id = ? AND tier = 'A'");
  return out;
}

TEST(DemoHistory, TheSameSeedGivesTheSameHistory) {
  DemoStore a(temp_db("a"), 7), b(temp_db("b"), 7);
  EXPECT_EQ(fingerprint(a), fingerprint(b));
  EXPECT_GT(fingerprint(a)["orders"], 0);
}

}  // namespace
}  // namespace fupan::demo
