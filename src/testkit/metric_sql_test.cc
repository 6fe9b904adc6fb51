// The SQL reference of docs/metrics.md on a small hand-made org whose figures are worked out by
// hand below: Beijing time, a rep who changed team mid-quarter, cancelled orders, unions of
// scopes, segments, and null for zero denominators. On SQLite always, on PostgreSQL when
// FUPAN_TEST_PG_URL names a scratch database.
#include "testkit/metric_sql.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "store/migrations.h"
#include "testkit/test_store.h"

namespace fupan::testkit {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using store::Value;

// Milliseconds of a Beijing wall-clock time.
std::int64_t bj(int y, unsigned m, unsigned d, int h, int min = 0) {
  const LocalDate day{std::chrono::year{y} / m / d};
  return to_ms(instant_at(day, hours(h) + minutes(min), zone_of("Asia/Shanghai")));
}

Period period(std::string_view text) {
  auto p = parse_period(text);
  EXPECT_TRUE(p.ok()) << text;
  return p.ok() ? p.value() : Period{};
}

std::int64_t int_of(const MetricValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  ADD_FAILURE() << "not an integer (index " << v.index() << ")";
  return -1;
}

double real_of(const MetricValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  ADD_FAILURE() << "not a real (index " << v.index() << ")";
  return -1;
}

bool is_null(const MetricValue& v) {
  return std::holds_alternative<std::monostate>(v);
}

// The org (Asia/Shanghai):
//   region R1 华东: team A, and team A1 under A; region R2 华北: team B.
//   u1 is in A1 from 2026-01-01; u2 is in A from 2026-01-01 and moves to B on 2026-11-16
//   (Monday of 2026-W47); u3 belongs to no team.
class MetricSqlTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = TestStore::open(GetParam(), "metric_sql_test");
    if (!store_) GTEST_SKIP() << "FUPAN_TEST_PG_URL not set";
    db_ = &store_->db();
    build();
  }
  void TearDown() override { store_.reset(); }

  std::int64_t insert(const std::string& sql, std::initializer_list<Value> params) {
    return db_->acquire()->query(sql + " RETURNING id", params).i64(0, 0);
  }

  std::int64_t customer(const char* name, Value industry, Value channel, Value tier, Value region,
                        std::int64_t owner, std::int64_t created) {
    return insert(
        "INSERT INTO customers (org_id, name, status, industry, channel, tier, region_id, "
        "owner_id, created_at, updated_at) VALUES (?, ?, 'customer', ?, ?, ?, ?, ?, ?, ?)",
        {org_, std::string(name), industry, channel, tier, region, owner, created, created});
  }
  std::int64_t order(std::int64_t cust, std::int64_t owner, std::int64_t at, Value due,
                     const char* status, std::int64_t total) {
    return insert(
        "INSERT INTO orders (org_id, customer_id, owner_id, ordered_at, due_date, status, total, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {org_, cust, owner, at, due, std::string(status), total, at, at});
  }
  void line(std::int64_t ord, std::int64_t product, std::int64_t amount) {
    insert(
        "INSERT INTO document_lines (org_id, order_id, position, product_id, quantity, "
        "unit_price, discount_bp, line_total) VALUES (?, ?, 1, ?, 1, ?, 0, ?)",
        {org_, ord, product, amount, amount});
  }
  void payment(std::int64_t ord, std::int64_t cust, std::int64_t owner, std::int64_t amount,
               std::int64_t at) {
    insert(
        "INSERT INTO payments (org_id, order_id, customer_id, owner_id, amount, received_at, "
        "method, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'transfer', ?, ?)",
        {org_, ord, cust, owner, amount, at, at, at});
  }
  // An opportunity that went through `stages` (entered a day apart from creation).
  void opportunity(std::int64_t cust, std::int64_t owner, std::int64_t pipeline,
                   std::int64_t created, const char* status, Value closed,
                   std::vector<std::int64_t> stages) {
    const std::int64_t id = insert(
        "INSERT INTO opportunities (org_id, name, customer_id, owner_id, amount, pipeline_id, "
        "stage_id, status, expected_close, forecast_category, closed_at, created_at, updated_at) "
        "VALUES (?, 'deal', ?, ?, 100000, ?, ?, ?, '2026-12-31', 'pipeline', ?, ?, ?)",
        {org_, cust, owner, pipeline, stages.back(), std::string(status), closed, created,
         created});
    for (std::size_t i = 0; i < stages.size(); ++i) {
      insert(
          "INSERT INTO opportunity_stage_history (org_id, opportunity_id, stage_id, entered_at, "
          "user_id) VALUES (?, ?, ?, ?, ?)",
          {org_, id, stages[i], created + static_cast<std::int64_t>(i), owner});
    }
  }
  void activity(const char* type, std::int64_t user, std::int64_t cust, std::int64_t at,
                std::int64_t revisit, Value score) {
    insert(
        "INSERT INTO activities (org_id, type, user_id, customer_id, started_at, is_revisit, "
        "satisfaction, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {org_, std::string(type), user, cust, at, revisit, score, at, at});
  }
  void cost(const char* spent_on, const char* scope_type, Value scope_id, std::int64_t amount) {
    insert(
        "INSERT INTO costs (org_id, spent_on, scope_type, scope_id, amount, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)",
        {org_, std::string(spent_on), std::string(scope_type), scope_id, amount});
  }

  void build() {
    org_ = insert(
        "INSERT INTO orgs (name, timezone, created_at, updated_at) VALUES ('测试公司', "
        "'Asia/Shanghai', 0, 0)",
        {});
    r1_ = insert(
        "INSERT INTO regions (org_id, name, created_at, updated_at) VALUES (?, '华东', 0, 0)",
        {org_});
    r2_ = insert(
        "INSERT INTO regions (org_id, name, created_at, updated_at) VALUES (?, '华北', 0, 0)",
        {org_});
    const std::string team =
        "INSERT INTO teams (org_id, region_id, parent_id, name, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 0, 0)";
    a_ = insert(team, {org_, r1_, store::null_value, std::string("A")});
    a1_ = insert(team, {org_, r1_, a_, std::string("A1")});
    b_ = insert(team, {org_, r2_, store::null_value, std::string("B")});
    const std::string user =
        "INSERT INTO users (org_id, username, display_name, password_hash, created_at, "
        "updated_at) VALUES (?, ?, ?, 'x', 0, 0)";
    u1_ = insert(user, {org_, std::string("u1"), std::string("张伟")});
    u2_ = insert(user, {org_, std::string("u2"), std::string("李娜")});
    u3_ = insert(user, {org_, std::string("u3"), std::string("王强")});
    const std::string member =
        "INSERT INTO memberships (org_id, user_id, team_id, valid_from, valid_to, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)";
    insert(member, {org_, u1_, a1_, std::string("2026-01-01"), store::null_value});
    insert(member, {org_, u2_, a_, std::string("2026-01-01"), std::string("2026-11-16")});
    insert(member, {org_, u2_, b_, std::string("2026-11-16"), store::null_value});

    const Value null = store::null_value;
    const std::string mfg = "制造";
    c1_ = customer("c1", mfg, std::string("web"), std::string("A"), r1_, u1_, bj(2026, 11, 17, 10));
    c2_ = customer("c2", null, null, std::string(""), r2_, u2_, bj(2026, 11, 10, 10));
    c3_ = customer("c3", mfg, null, null, r1_, u2_, bj(2026, 11, 18, 10));
    c4_ = customer("c4", std::string("零售"), null, null, null, u1_, bj(2025, 7, 1, 10));

    const std::string product =
        "INSERT INTO products (org_id, name, list_price, active, created_at, updated_at) VALUES "
        "(?, ?, 100, 1, 0, 0)";
    x_ = insert(product, {org_, std::string("X")});
    y_ = insert(product, {org_, std::string("Y")});

    // o1 at 23:30 on Sunday 2026-11-22 in Beijing (15:30 UTC) is in W47; o2 at 00:30 on Monday
    // (still 22 November in UTC) is in W48.
    const auto o1 = order(c1_, u1_, bj(2026, 11, 22, 23, 30), null, "confirmed", 100000);
    line(o1, x_, 60000);
    line(o1, y_, 40000);
    order(c1_, u1_, bj(2026, 11, 23, 0, 30), null, "confirmed", 50000);
    order(c2_, u2_, bj(2026, 11, 12, 10), std::string("2026-10-20"), "confirmed", 30000);
    const auto o4 =
        order(c2_, u2_, bj(2026, 11, 18, 10), std::string("2026-12-18"), "confirmed", 70000);
    line(o4, x_, 70000);
    order(c3_, u2_, bj(2026, 11, 14, 10), null, "cancelled", 99999);
    order(c3_, u2_, bj(2026, 11, 20, 10), std::string("2026-12-20"), "completed", 20000);
    const auto o7 = order(c2_, u2_, bj(2025, 6, 10, 10), null, "completed", 10000);
    const auto o8 = order(c4_, u1_, bj(2025, 8, 1, 10), null, "completed", 40000);

    payment(o1, c1_, u1_, 40000, bj(2026, 11, 25, 10));
    payment(o4, c2_, u2_, 70000, bj(2026, 11, 20, 15));
    payment(o7, c2_, u2_, 10000, bj(2025, 6, 20, 10));
    payment(o8, c4_, u1_, 40000, bj(2025, 8, 10, 10));

    const std::int64_t pipeline = insert(
        "INSERT INTO pipelines (org_id, name, is_default, created_at, updated_at) VALUES (?, "
        "'默认', 1, 0, 0)",
        {org_});
    other_pipeline_ = insert(
        "INSERT INTO pipelines (org_id, name, is_default, created_at, updated_at) VALUES (?, "
        "'渠道', 0, 0, 0)",
        {org_});
    const std::string stage =
        "INSERT INTO pipeline_stages (org_id, pipeline_id, name, position, probability, kind) "
        "VALUES (?, ?, ?, ?, 0, ?)";
    s1_ = insert(stage, {org_, pipeline, std::string("初步接触"), 1, std::string("open")});
    s2_ = insert(stage, {org_, pipeline, std::string("需求确认"), 2, std::string("open")});
    s3_ = insert(stage, {org_, pipeline, std::string("赢单"), 3, std::string("won")});
    const auto s4 = insert(stage, {org_, pipeline, std::string("输单"), 4, std::string("lost")});
    q1_ = insert(stage, {org_, other_pipeline_, std::string("接洽"), 1, std::string("open")});

    // Closed in W47: won after 18, 12.5 and 2 days, one lost. Created in W47 (default pipeline):
    // four, reaching stages 1 / 2 / 3 as 4 / 2 / 1.
    opportunity(c1_, u1_, pipeline, bj(2026, 11, 2, 10), "won", bj(2026, 11, 20, 10), {s1_, s3_});
    opportunity(c2_, u2_, pipeline, bj(2026, 11, 5, 10), "lost", bj(2026, 11, 21, 10), {s1_, s4});
    opportunity(c3_, u2_, pipeline, bj(2026, 11, 17, 10), "open", null, {s1_});
    opportunity(c1_, u1_, pipeline, bj(2026, 11, 10, 10), "won", bj(2026, 11, 22, 22),
                {s1_, s2_, s3_});
    opportunity(c2_, u2_, pipeline, bj(2026, 11, 19, 10), "won", bj(2026, 11, 21, 10),
                {s1_, s2_, s3_});
    opportunity(c3_, u2_, pipeline, bj(2026, 11, 18, 10), "lost", bj(2026, 11, 25, 10), {s1_, s4});
    opportunity(c1_, u1_, pipeline, bj(2026, 11, 20, 10), "open", null, {s2_});
    opportunity(c1_, u1_, other_pipeline_, bj(2026, 11, 18, 10), "open", null, {q1_});

    activity("visit", u1_, c1_, bj(2026, 11, 16, 9), 0, null);
    activity("call", u1_, c1_, bj(2026, 11, 17, 14), 0, null);
    activity("visit", u2_, c2_, bj(2026, 11, 18, 10), 1, 4);
    activity("visit", u2_, c3_, bj(2026, 11, 19, 10), 1, 5);
    activity("call", u2_, c2_, bj(2026, 11, 20, 10), 1, null);
    activity("meeting", u1_, c1_, bj(2026, 11, 21, 10), 0, 1);
    activity("email", u1_, c1_, bj(2026, 11, 23, 0, 10), 0, null);

    cost("2026-11-17", "region", r1_, 10000);
    cost("2026-11-18", "user", u2_, 5000);
    cost("2026-11-20", "team", a1_, 3000);
    cost("2026-11-21", "org", null, 2000);
    cost("2026-11-10", "user", u2_, 7000);
    cost("2026-11-22", "team", b_, 1000);
  }

  ScopeRef org() const { return {ScopeRef::Kind::org, 0}; }
  ScopeRef region(std::int64_t id) const { return {ScopeRef::Kind::region, id}; }
  ScopeRef team(std::int64_t id) const { return {ScopeRef::Kind::team, id}; }
  ScopeRef user(std::int64_t id) const { return {ScopeRef::Kind::user, id}; }

  MetricValue value(Metric m, std::vector<ScopeRef> scopes, std::string_view when,
                    std::optional<Segment> segment = std::nullopt,
                    std::optional<std::int64_t> pipeline = std::nullopt) {
    MetricQuery q;
    q.metric.base = m;
    q.scopes = std::move(scopes);
    q.period = period(when);
    q.segment = std::move(segment);
    q.pipeline_id = pipeline;
    auto c = db_->acquire();
    return metric_by_sql(*c, OrgId{org_}, settings_, m, q, q.period);
  }

  std::unique_ptr<TestStore> store_;
  store::Database* db_ = nullptr;
  MetricSettings settings_;
  std::int64_t org_ = 0, r1_ = 0, r2_ = 0, a_ = 0, a1_ = 0, b_ = 0, u1_ = 0, u2_ = 0, u3_ = 0;
  std::int64_t c1_ = 0, c2_ = 0, c3_ = 0, c4_ = 0, x_ = 0, y_ = 0;
  std::int64_t s1_ = 0, s2_ = 0, s3_ = 0, q1_ = 0, other_pipeline_ = 0;
};

TEST_P(MetricSqlTest, OrdersFallOnTheirBeijingDayAndCancelledOnesDoNotCount) {
  EXPECT_EQ(int_of(value(Metric::orders_amount, {org()}, "2026-W47")), 190000);
  EXPECT_EQ(int_of(value(Metric::orders_count, {org()}, "2026-W47")), 3);
  EXPECT_DOUBLE_EQ(real_of(value(Metric::aov, {org()}, "2026-W47")), 190000.0 / 3);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {org()}, "2026-W48")), 50000);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {org()}, "2026-11-22")), 100000);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {org()}, "2026-11-23")), 50000);
  EXPECT_EQ(int_of(value(Metric::orders_count, {org()}, "2026-Q4")), 5);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {org()}, "2026-Q4")), 270000);
}

TEST_P(MetricSqlTest, ARepWhoChangedTeamCountsForEachTeamOnlyForHisDaysThere) {
  // u2's order of 12 November is team A's; those of 18 and 20 November are team B's.
  EXPECT_EQ(int_of(value(Metric::orders_amount, {team(a_)}, "2026-Q4")), 180000);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {team(b_)}, "2026-Q4")), 90000);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {team(a1_)}, "2026-Q4")), 150000);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {region(r1_)}, "2026-Q4")), 180000);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {region(r2_)}, "2026-Q4")), 90000);
  EXPECT_EQ(int_of(value(Metric::payments_amount, {team(a_)}, "2026-W47")), 0);
  EXPECT_EQ(int_of(value(Metric::payments_amount, {team(b_)}, "2026-W47")), 70000);
  EXPECT_EQ(int_of(value(Metric::new_leads, {team(a_)}, "2026-W46")), 1);
  EXPECT_EQ(int_of(value(Metric::new_leads, {team(b_)}, "2026-W47")), 1);
}

TEST_P(MetricSqlTest, AUnionOfScopesCountsAnEventOnce) {
  EXPECT_EQ(int_of(value(Metric::orders_amount, {team(a_), user(u1_)}, "2026-Q4")), 180000);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {team(a1_), team(a_)}, "2026-Q4")), 180000);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {team(a_), team(b_)}, "2026-Q4")), 270000);
  EXPECT_EQ(int_of(value(Metric::orders_count, {org(), user(u1_)}, "2026-Q4")), 5);
  EXPECT_DOUBLE_EQ(real_of(value(Metric::cac, {team(a1_), region(r1_)}, "2026-W47")), 13000.0);
}

TEST_P(MetricSqlTest, ZeroDenominatorsAreNull) {
  EXPECT_EQ(int_of(value(Metric::orders_count, {user(u3_)}, "2026-Q4")), 0);
  EXPECT_TRUE(is_null(value(Metric::aov, {user(u3_)}, "2026-Q4")));
  EXPECT_TRUE(is_null(value(Metric::win_rate, {user(u3_)}, "2026-W47")));
  EXPECT_TRUE(is_null(value(Metric::lead_conversion, {user(u3_)}, "2026-W47")));
  EXPECT_TRUE(is_null(value(Metric::sales_cycle_days, {user(u3_)}, "2026-W47")));
  EXPECT_TRUE(is_null(value(Metric::satisfaction, {team(a_)}, "2026-W47")));
  EXPECT_TRUE(is_null(value(Metric::retention, {team(b_)}, "2026-W47")));
  EXPECT_TRUE(is_null(value(Metric::cac, {team(a_)}, "2026-W46")));
  EXPECT_TRUE(is_null(value(Metric::activities_per_day, {org()}, "2026-11-22")));
}

TEST_P(MetricSqlTest, CustomersLeadsBuyersAndConversion) {
  EXPECT_EQ(int_of(value(Metric::new_leads, {org()}, "2026-W47")), 2);
  // c3's cancelled order of 14 November is no order: its first order is of 20 November.
  EXPECT_EQ(int_of(value(Metric::new_buyers, {org()}, "2026-W47")), 2);
  EXPECT_EQ(int_of(value(Metric::new_buyers, {org()}, "2026-W46")), 0);
  EXPECT_EQ(int_of(value(Metric::new_buyers, {team(a_)}, "2026-W47")), 1);
  EXPECT_DOUBLE_EQ(real_of(value(Metric::lead_conversion, {org()}, "2026-W47")), 1.0);
  // c1's first order, at 23:30 on the 22nd, is after the range's end.
  EXPECT_DOUBLE_EQ(real_of(value(Metric::lead_conversion, {org()}, "2026-11-17..2026-11-21")), 0.5);
}

TEST_P(MetricSqlTest, Retention) {
  EXPECT_DOUBLE_EQ(real_of(value(Metric::retention, {org()}, "2026-W47")), 1.0);
  // c2 bought from team A in W46, and in W47 from the same rep, by then in team B.
  EXPECT_DOUBLE_EQ(real_of(value(Metric::retention, {team(a_)}, "2026-W47")), 0.0);
}

TEST_P(MetricSqlTest, OpportunitiesWinRateCycleAndStages) {
  EXPECT_DOUBLE_EQ(real_of(value(Metric::win_rate, {org()}, "2026-W47")), 0.75);
  EXPECT_DOUBLE_EQ(real_of(value(Metric::win_rate, {team(b_)}, "2026-W47")), 0.5);
  EXPECT_DOUBLE_EQ(real_of(value(Metric::win_rate, {team(a_)}, "2026-W47")), 1.0);
  EXPECT_DOUBLE_EQ(real_of(value(Metric::sales_cycle_days, {org()}, "2026-W47")), 12.5);
  EXPECT_NEAR(real_of(value(Metric::sales_cycle_days_mean, {org()}, "2026-W47")), 32.5 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(real_of(value(Metric::sales_cycle_days, {team(a_)}, "2026-W47")), 15.25);

  const MetricValue stages = value(Metric::stage_conversion, {org()}, "2026-W47");
  ASSERT_TRUE(std::holds_alternative<std::vector<StageReach>>(stages));
  const std::vector<StageReach> expected = {
      {s1_, "初步接触", 4, std::nullopt}, {s2_, "需求确认", 2, 0.5}, {s3_, "赢单", 1, 0.5}};
  EXPECT_EQ(std::get<std::vector<StageReach>>(stages), expected);

  const MetricValue other =
      value(Metric::stage_conversion, {org()}, "2026-W47", std::nullopt, other_pipeline_);
  ASSERT_TRUE(std::holds_alternative<std::vector<StageReach>>(other));
  const std::vector<StageReach> one = {{q1_, "接洽", 1, std::nullopt}};
  EXPECT_EQ(std::get<std::vector<StageReach>>(other), one);
}

TEST_P(MetricSqlTest, Activities) {
  EXPECT_EQ(int_of(value(Metric::activities, {org()}, "2026-W47")), 6);
  EXPECT_EQ(int_of(value(Metric::visits, {org()}, "2026-W47")), 3);
  EXPECT_EQ(int_of(value(Metric::calls, {org()}, "2026-W47")), 2);
  EXPECT_EQ(int_of(value(Metric::emails, {org()}, "2026-W47")), 0);
  EXPECT_EQ(int_of(value(Metric::meetings, {org()}, "2026-W47")), 1);
  EXPECT_EQ(int_of(value(Metric::emails, {org()}, "2026-W48")), 1);
  EXPECT_EQ(int_of(value(Metric::activities, {team(a_)}, "2026-W47")), 3);
  EXPECT_DOUBLE_EQ(real_of(value(Metric::activities_per_day, {org()}, "2026-W47")), 1.2);
  settings_.holidays = {LocalDate{std::chrono::year{2026} / 11 / 20}};
  EXPECT_DOUBLE_EQ(real_of(value(Metric::activities_per_day, {org()}, "2026-W47")), 1.5);
  // The meeting's score is not a revisit's; the call's revisit has no score.
  EXPECT_DOUBLE_EQ(real_of(value(Metric::satisfaction, {org()}, "2026-W47")), 4.5);
}

TEST_P(MetricSqlTest, CostsCountByTheirScopeAndDay) {
  EXPECT_DOUBLE_EQ(real_of(value(Metric::cac, {org()}, "2026-W47")), 21000.0 / 2);
  // A1's entry; u2's entry of 18 November is team B's (and region R2's), not A's.
  EXPECT_DOUBLE_EQ(real_of(value(Metric::cac, {team(a_)}, "2026-W47")), 3000.0);
  EXPECT_DOUBLE_EQ(real_of(value(Metric::cac, {team(b_)}, "2026-W47")), 6000.0);
  EXPECT_DOUBLE_EQ(real_of(value(Metric::cac, {region(r1_)}, "2026-W47")), 13000.0);
  EXPECT_DOUBLE_EQ(real_of(value(Metric::cac, {region(r2_)}, "2026-W47")), 6000.0);
  EXPECT_TRUE(is_null(value(Metric::cac, {user(u2_)}, "2026-W46")));
}

TEST_P(MetricSqlTest, ClvOverTheTrailingTwelveMonths) {
  // W = Dec 2025 – Nov 2026: 270000 from c1, c2, c3; W' = Dec 2024 – Nov 2025: c2 and c4, of
  // whom c2 came back: retention 0.5.
  EXPECT_DOUBLE_EQ(real_of(value(Metric::clv, {org()}, "2026-11")), 180000.0);
  settings_.gross_margin_bp = 6000;
  EXPECT_DOUBLE_EQ(real_of(value(Metric::clv, {org()}, "2026-11")), 108000.0);
  // Nobody was in team A before 2026: no retention, no CLV.
  EXPECT_TRUE(is_null(value(Metric::clv, {team(a_)}, "2026-11")));
}

TEST_P(MetricSqlTest, ReceivablesAsOfTheLastDay) {
  const MetricValue w47 = value(Metric::receivables, {org()}, "2026-W47");
  ASSERT_TRUE(std::holds_alternative<Receivables>(w47));
  const Receivables& r = std::get<Receivables>(w47);
  EXPECT_EQ(r.orders, 3);
  EXPECT_EQ(r.aging.d0_30.value(), 120000);  // o1 (no due date), o6 (not yet due)
  EXPECT_EQ(r.aging.d31_60.value(), 30000);  // o3, 33 days past due
  EXPECT_EQ((r.aging.d61_90 + r.aging.d90_plus).value(), 0);

  const Receivables w48 = std::get<Receivables>(value(Metric::receivables, {org()}, "2026-W48"));
  EXPECT_EQ(w48.orders, 4);
  EXPECT_EQ(w48.aging.d0_30.value(), 130000);
  EXPECT_EQ(w48.aging.d31_60.value(), 30000);

  const Receivables b = std::get<Receivables>(value(Metric::receivables, {team(b_)}, "2026-W47"));
  EXPECT_EQ(b.orders, 1);
  EXPECT_EQ(b.aging.total().value(), 20000);
}

TEST_P(MetricSqlTest, Segments) {
  auto seg = [](SegmentDim d, std::string key) { return Segment{d, std::move(key)}; };
  EXPECT_EQ(
      int_of(value(Metric::orders_amount, {org()}, "2026-W47", seg(SegmentDim::industry, "制造"))),
      120000);
  EXPECT_EQ(
      int_of(value(Metric::orders_amount, {org()}, "2026-W47", seg(SegmentDim::industry, ""))),
      70000);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {org()}, "2026-W47", seg(SegmentDim::tier, ""))),
            90000);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {org()}, "2026-W47",
                         seg(SegmentDim::region, std::to_string(r2_)))),
            70000);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {org()}, "2026-W47", seg(SegmentDim::region, ""))),
            0);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {org()}, "2026-W47",
                         seg(SegmentDim::product, std::to_string(x_)))),
            130000);
  EXPECT_EQ(int_of(value(Metric::orders_count, {org()}, "2026-W47",
                         seg(SegmentDim::product, std::to_string(x_)))),
            2);
  EXPECT_EQ(int_of(value(Metric::orders_amount, {org()}, "2026-W47", seg(SegmentDim::product, ""))),
            20000);
  EXPECT_EQ(int_of(value(Metric::new_leads, {org()}, "2026-W47", seg(SegmentDim::channel, "web"))),
            1);
  EXPECT_EQ(
      int_of(value(Metric::activities, {org()}, "2026-W47", seg(SegmentDim::industry, "制造"))), 4);
  EXPECT_TRUE(is_null(value(Metric::cac, {org()}, "2026-W47", seg(SegmentDim::industry, "制造"))));
  EXPECT_TRUE(
      is_null(value(Metric::payments_amount, {org()}, "2026-W47", seg(SegmentDim::product, ""))));
}

INSTANTIATE_TEST_SUITE_P(Stores, MetricSqlTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace fupan::testkit
