// The targets' store on SQLite always, and on PostgreSQL when FUPAN_TEST_PG_URL is set: the one
// key by scope and first day, the reads down it, and the bulk insert of a decomposition.
#include "store/target_store.h"

#include <gtest/gtest.h>

#include "store/migrations.h"
#include "testkit/test_store.h"

namespace fupan::store {
namespace {

class TargetStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = testkit::TestStore::open(GetParam(), "target_store_" + std::to_string(++counter_));
    if (!store_) GTEST_SKIP() << "FUPAN_TEST_PG_URL not set";
    auto c = store_->db().acquire();
    OrgRecord org;
    org.name = "目标公司";
    org_ = insert_org(*c, org);
  }

  static goals::Target target(std::string metric, ScopeRef scope, const std::string& period,
                              std::int64_t value) {
    goals::Target t;
    t.metric = std::move(metric);
    t.scope = scope;
    t.period = parse_period(period).value();
    t.value = t.original_value = value;
    return t;
  }

  static inline int counter_ = 0;
  std::unique_ptr<testkit::TestStore> store_;
  OrgId org_;
};

const ScopeRef kAnna{ScopeRef::Kind::user, 7};
const ScopeRef kBo{ScopeRef::Kind::user, 8};
const ScopeRef kTeam{ScopeRef::Kind::team, 3};

LocalDate day(int y, unsigned m, unsigned d) {
  return LocalDate{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// A day asked about finds every target whose period holds it, the year's that began 334 days
// before as well as the day's own, and none that ended before or starts after.
TEST_P(TargetStoreTest, AScopesTargetsAreFoundByTheDaysTheirPeriodsOverlap) {
  auto c = store_->db().acquire();
  for (const auto& t :
       {target("orders_amount", kAnna, "2026", 12'000'000), target("visits", kAnna, "2026-W49", 10),
        target("orders_amount", kAnna, "2026-12-01", 40'000),
        target("orders_amount", kAnna, "2025", 9'000'000),
        target("orders_amount", kAnna, "2026-12-02", 41'000),
        target("orders_amount", kBo, "2026", 8'000'000),
        target("orders_amount", kTeam, "2026-12", 3'000'000)})
    insert_target(*c, org_, t);

  TargetQuery q;
  q.scope = kAnna;
  q.from = day(2026, 12, 1);
  q.to = day(2026, 12, 2);
  std::vector<std::string> found;
  for (const goals::Target& t : list_targets(*c, org_, q))
    found.push_back(t.metric + " " + t.period.label);
  EXPECT_EQ(found, (std::vector<std::string>{"orders_amount 2026", "orders_amount 2026-12-01",
                                             "visits 2026-W49"}));

  // Several scopes: each one's, by scope; a metric narrows them.
  q.scope.reset();
  q.scopes = {kTeam, kBo, kAnna};
  q.metric = "orders_amount";
  std::vector<std::string> scopes;
  for (const goals::Target& t : list_targets(*c, org_, q))
    scopes.push_back(t.scope.text() + " " + t.period.label);
  EXPECT_EQ(scopes, (std::vector<std::string>{"team:3 2026-12", "user:7 2026", "user:7 2026-12-01",
                                              "user:8 2026"}));

  // A scope and a list: only the scope, when it is in the list.
  q.scope = kBo;
  EXPECT_EQ(list_targets(*c, org_, q).size(), 1u);
  q.scopes = {kTeam};
  EXPECT_TRUE(list_targets(*c, org_, q).empty());

  // No scope: the org's targets of the metric in the days.
  TargetQuery all;
  all.metric = "orders_amount";
  all.from = day(2025, 6, 1);
  all.to = day(2025, 6, 2);
  ASSERT_EQ(list_targets(*c, org_, all).size(), 1u);
  EXPECT_EQ(list_targets(*c, org_, all)[0].period.label, "2025");

  // One period exactly (a tree's level): each scope's target of it, not those inside it.
  TargetQuery year;
  year.metric = "orders_amount";
  year.period = parse_period("2026").value();
  year.scopes = {kAnna, kBo, kTeam};
  std::vector<std::string> years;
  for (const goals::Target& t : list_targets(*c, org_, year))
    years.push_back(t.scope.text() + " " + t.period.label);
  EXPECT_EQ(years, (std::vector<std::string>{"user:7 2026", "user:8 2026"}));
}

// The key keeps a metric, scope and period once; the same period of another metric or scope is
// another target.
TEST_P(TargetStoreTest, AScopeHasOneTargetForAMetricAndPeriod) {
  auto c = store_->db().acquire();
  insert_target(*c, org_, target("orders_amount", kAnna, "2026-Q4", 3'000'000));
  insert_target(*c, org_, target("payments_amount", kAnna, "2026-Q4", 2'000'000));
  insert_target(*c, org_, target("orders_amount", kBo, "2026-Q4", 3'000'000));
  try {
    insert_target(*c, org_, target("orders_amount", kAnna, "2026-Q4", 1));
    FAIL() << "a second target for the same metric, scope and period was kept";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::unique);
  }
}

// A decomposition's thousands of targets go in through one reused row, many to a statement: every
// one arrives whole, however many are left over after the last full statement; one already set
// refuses them all.
TEST_P(TargetStoreTest, BulkInsertKeepsEveryTargetAndRefusesOneAlreadySet) {
  // 34 days from 1 December for two people and a team's week: 69 targets, one statement of 64
  // on SQLite and 5 left.
  std::vector<goals::Target> days;
  std::int64_t sum = 0;
  for (int d = 0; d < 34; ++d) {
    const std::string label =
        format_date(LocalDate::from_days(day(2026, 12, 1).days() + std::chrono::days{d}));
    for (const ScopeRef& s : {kAnna, kBo}) {
      days.push_back(target("orders_amount", s, label, 1000 + d * 10 + s.id));
      days.back().set_by = UserId{s.id};
      sum += days.back().value;
    }
  }
  days.push_back(target("visits", kTeam, "2026-W50", 50));
  sum += 50;
  auto c = store_->db().acquire();
  {
    Transaction tx(*c, true);
    bulk_insert_targets(*c, org_, days);
    tx.commit();
  }
  TargetQuery q;
  const auto all = list_targets(*c, org_, q);
  ASSERT_EQ(all.size(), days.size());
  std::int64_t read = 0;
  for (const goals::Target& t : all) read += t.value;
  EXPECT_EQ(read, sum);
  q.scope = kBo;
  q.from = day(2026, 12, 31);
  q.to = day(2027, 1, 1);
  const auto last = list_targets(*c, org_, q);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].period.label, "2026-12-31");
  EXPECT_EQ(last[0].period.start, day(2026, 12, 31));
  EXPECT_EQ(last[0].period.end, day(2027, 1, 1));
  EXPECT_EQ(last[0].value, 1000 + 300 + 8);
  EXPECT_EQ(last[0].original_value, last[0].value);
  EXPECT_EQ(last[0].set_by, UserId{8});

  std::vector<goals::Target> again(70, target("payments_amount", kAnna, "2026-12-01", 1));
  for (int i = 0; i < 70; ++i) again[i].scope = {ScopeRef::Kind::user, 100 + i};
  again[40] = days[10];  // already set, in the middle of a full statement
  {
    Transaction tx(*c, true);
    try {
      bulk_insert_targets(*c, org_, again);
      FAIL() << "a target already set was inserted again";
    } catch (const StoreError& e) {
      EXPECT_EQ(e.kind(), StoreError::Kind::unique);
    }
  }
  EXPECT_EQ(list_targets(*c, org_, {}).size(), days.size());
}

INSTANTIATE_TEST_SUITE_P(Drivers, TargetStoreTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace fupan::store
