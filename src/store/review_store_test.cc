// 复盘's store on SQLite always, and on PostgreSQL when FUPAN_TEST_PG_URL is set: a review with
// its participants, versioned updates, the previous review of a scope, cards, action items by
// owner and overdue, and the org's root causes.
#include "store/review_store.h"

#include <gtest/gtest.h>

#include "store/migrations.h"
#include "testkit/test_store.h"

namespace fupan::store {
namespace {

LocalDate day(int y, unsigned m, unsigned d) {
  return LocalDate{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

class ReviewStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = testkit::TestStore::open(GetParam(), "review_store_" + std::to_string(++counter_));
    if (!store_) GTEST_SKIP() << "FUPAN_TEST_PG_URL not set";
    auto c = store_->db().acquire();
    OrgRecord org;
    org.name = "复盘公司";
    org_ = insert_org(*c, org);
    for (const char* name : {"manager", "anna", "bo"}) {
      UserRecord u;
      u.username = name;
      u.display_name = name;
      users_.push_back(insert_user(*c, org_, u, "x"));
    }
  }

  reviews::Review review(const std::string& period) const {
    reviews::Review r;
    r.scope = {ScopeRef::Kind::team, 3};
    r.period = reviews::parse_review_period(period).value();
    r.title = period + " 复盘";
    r.owner = users_[0];
    r.participants = {users_[1], users_[2]};
    r.created_at = r.updated_at = instant_from_ms(1'800'000'000'000);
    return r;
  }

  static inline int counter_ = 0;
  std::unique_ptr<testkit::TestStore> store_;
  OrgId org_;
  std::vector<UserId> users_;
};

TEST_P(ReviewStoreTest, AReviewKeepsItsParticipantsAndChangesByVersion) {
  auto c = store_->db().acquire();
  const auto id = insert_review(*c, org_, review("2026-11"));
  auto r = find_review(*c, org_, id).value();
  EXPECT_EQ(r.period.label, "2026-11");
  EXPECT_EQ(r.period.kind, PeriodKind::month);
  EXPECT_EQ(r.period.end, day(2026, 12, 1));
  EXPECT_EQ(r.participants, (std::vector<UserId>{users_[1], users_[2]}));
  EXPECT_EQ(r.status, reviews::ReviewStatus::preparing);

  r.status = reviews::ReviewStatus::meeting;
  r.facts_json = R"({"trend":[]})";
  r.started_at = instant_from_ms(1'800'000'100'000);
  r.participants = {users_[2]};
  r.version = 2;
  EXPECT_EQ(update_review(*c, org_, r, 1), WriteOutcome::done);
  const auto stale = update_review(*c, org_, r, 1);
  EXPECT_EQ(stale, WriteOutcome::stale);
  EXPECT_EQ(stale.current_version, 2);
  const auto again = find_review(*c, org_, id).value();
  EXPECT_EQ(again.facts_json, r.facts_json);
  EXPECT_EQ(again.participants, std::vector<UserId>{users_[2]});
  EXPECT_EQ(again.started_at, r.started_at);

  // The previous review of the scope: the latest that starts before, never the review itself.
  insert_review(*c, org_, review("2026-09"));
  const auto october = insert_review(*c, org_, review("2026-10"));
  auto other = review("2026-10");
  other.scope = {ScopeRef::Kind::team, 4};
  insert_review(*c, org_, other);
  EXPECT_EQ(previous_review(*c, org_, r.scope, r.period.start, id)->id, october);
  EXPECT_EQ(previous_review(*c, org_, r.scope, day(2026, 9, 1), id), std::nullopt);
  EXPECT_EQ(list_reviews(*c, org_).front().period.label, "2026-11");
}

TEST_P(ReviewStoreTest, CardsAndActionItems) {
  auto c = store_->db().acquire();
  const auto id = insert_review(*c, org_, review("2026-Q4"));
  reviews::Card card;
  card.review_id = id;
  card.author = users_[1];
  card.section = "funnel";
  card.tone = reviews::CardTone::went_wrong;
  card.text = "方案阶段转化低";
  card.why = "报价慢";
  const auto card_id = insert_card(*c, org_, card);
  card = find_card(*c, org_, card_id).value();
  EXPECT_EQ(card.tone, reviews::CardTone::went_wrong);
  EXPECT_EQ(card.why, "报价慢");
  card.text = "方案阶段转化率 30%";
  card.version = 2;
  EXPECT_EQ(update_card(*c, org_, card, 1), WriteOutcome::done);
  EXPECT_EQ(list_cards(*c, org_, id).at(0).text, card.text);
  EXPECT_EQ(delete_card(*c, org_, card_id, 1), WriteOutcome::stale);
  EXPECT_EQ(delete_card(*c, org_, card_id, 2), WriteOutcome::done);
  EXPECT_TRUE(list_cards(*c, org_, id).empty());

  auto item = [&](UserId owner, LocalDate due) {
    reviews::ActionItem a;
    a.review_id = id;
    a.owner = owner;
    a.title = "跟进重点客户";
    a.due = due;
    a.metric = "visits";
    a.created_by = users_[0];
    return insert_action_item(*c, org_, a);
  };
  const auto late = item(users_[1], day(2027, 1, 15));
  const auto later = item(users_[1], day(2027, 2, 1));
  item(users_[2], day(2027, 1, 10));
  auto done = find_action_item(*c, org_, later).value();
  EXPECT_EQ(done.metric, "visits");
  ASSERT_TRUE(reviews::mark_done(done, instant_from_ms(1'800'000'000'000), "已完成").ok());
  done.version = 2;
  EXPECT_EQ(update_action_item(*c, org_, done, 1), WriteOutcome::done);

  EXPECT_EQ(list_owner_action_items(*c, org_, users_[1], true).size(), 1u);
  EXPECT_EQ(list_owner_action_items(*c, org_, users_[1], false).size(), 2u);
  const auto overdue = list_overdue_action_items(*c, org_, day(2027, 1, 16));
  ASSERT_EQ(overdue.size(), 2u);
  EXPECT_EQ(overdue[1].id, late);
  EXPECT_EQ(list_review_action_items(*c, org_, id).size(), 3u);
  EXPECT_EQ(find_action_item(*c, org_, later)->status, reviews::ActionStatus::done);
}

TEST_P(ReviewStoreTest, RootCausesAsTheAdminChangedThem) {
  auto c = store_->db().acquire();
  const Instant now = instant_from_ms(1'800'000'000'000);
  EXPECT_EQ(next_root_cause_key(*c, org_), "c1");
  save_root_cause(*c, org_, {"c1", "交付能力", false, true, 7}, now);
  save_root_cause(*c, org_, {"timing", "时机", true, false, 4}, now);
  save_root_cause(*c, org_, {"timing", "时机不对", true, false, 4}, now);  // saved again: changed
  EXPECT_EQ(next_root_cause_key(*c, org_), "c2");
  const auto all = reviews::root_causes(list_root_causes(*c, org_));
  ASSERT_EQ(all.size(), 7u);
  EXPECT_EQ(all.back().key, "c1");
  EXPECT_EQ(all[3].name, "时机不对");
  EXPECT_FALSE(all[3].active);
}

INSTANTIATE_TEST_SUITE_P(Drivers, ReviewStoreTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace fupan::store
