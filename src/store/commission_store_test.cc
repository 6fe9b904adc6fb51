// Commissions' store on SQLite always, and on PostgreSQL when FUPAN_TEST_PG_URL is set: a plan
// reads back as written (its bands too) and changes by version; an approved statement keeps its
// lines; what approved statements paid on each order, net of what they took back; adjustments.
#include "store/commission_store.h"

#include <gtest/gtest.h>

#include "store/migrations.h"
#include "testkit/test_store.h"

namespace fupan::store {
namespace {

using performance::ClawbackReason;
using performance::CreditKind;
using performance::LineKind;
using performance::StatementLine;

LocalDate day(int y, unsigned m, unsigned d) {
  return LocalDate{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

class CommissionStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = testkit::TestStore::open(GetParam(), "commission_store_" + std::to_string(++counter_));
    if (!store_) GTEST_SKIP() << "FUPAN_TEST_PG_URL not set";
    auto c = store_->db().acquire();
    OrgRecord org;
    org.name = "提成公司";
    org_ = insert_org(*c, org);
    for (const char* name : {"director", "anna"}) {
      UserRecord u;
      u.username = name;
      u.display_name = name;
      users_.push_back(insert_user(*c, org_, u, "x"));
    }
  }

  static performance::CommissionPlan plan() {
    performance::CommissionPlan p;
    p.name = "2026 提成";
    p.effective_from = day(2026, 1, 1);
    p.effective_to = day(2026, 12, 31);
    p.base = performance::CommissionBase::payments;
    p.mode = performance::TierMode::marginal;
    p.bands = {{0, 6000, 0}, {6000, 10000, 300}, {10000, std::nullopt, 500}};
    p.target_bonus = Fen{100'000};
    p.cap = Fen{5'000'000};
    p.min_margin_bp = 1500;
    p.clawback_unpaid_days = 90;
    p.credit_manager = true;
    p.created_at = p.updated_at = instant_from_ms(1'800'000'000'000);
    return p;
  }

  static StatementLine line(LineKind kind, std::int64_t order, Fen amount) {
    StatementLine l;
    l.kind = kind;
    l.record_kind = CreditKind::order;
    l.record_id = order;
    l.day = day(2026, 10, 3);
    l.base = Fen{amount.value() * 20};
    l.band = 1;
    l.rate_bp = 500;
    l.amount = amount;
    if (kind == LineKind::clawback) l.clawback = ClawbackReason::cancelled;
    return l;
  }

  ApprovedStatement approved(const std::string& period, LocalDate start, std::int64_t plan_id,
                             std::vector<StatementLine> lines) const {
    ApprovedStatement s;
    s.user = users_[1];
    s.period = period;
    s.start = start;
    s.plan_id = plan_id;
    s.plan_version = 1;
    s.statement.target = Fen{1'000'000};
    s.statement.credited = Fen{1'200'000};
    s.statement.band = 2;
    s.statement.target_reached = true;
    for (const auto& l : lines) s.statement.total += l.amount;
    s.statement.lines = std::move(lines);
    s.approved_by = users_[0];
    s.approved_at = instant_from_ms(1'800'000'000'000);
    return s;
  }

  static inline int counter_ = 0;
  std::unique_ptr<testkit::TestStore> store_;
  OrgId org_;
  std::vector<UserId> users_;
};

TEST_P(CommissionStoreTest, APlanReadsBackAsWrittenAndChangesByVersion) {
  auto c = store_->db().acquire();
  auto p = plan();
  p.id = insert_commission_plan(*c, org_, p, users_[0]);
  EXPECT_EQ(find_commission_plan(*c, org_, p.id).value(), p);
  auto open = plan();
  open.effective_from = day(2027, 1, 1);
  open.effective_to.reset();
  open.cap.reset();
  open.min_margin_bp.reset();
  open.clawback_unpaid_days.reset();
  open.bands = {{0, std::nullopt, 250}};
  open.id = insert_commission_plan(*c, org_, open, std::nullopt);
  EXPECT_EQ(find_commission_plan(*c, org_, open.id).value(), open);
  EXPECT_EQ(list_commission_plans(*c, org_).size(), 2u);

  p.name = "2026 提成（修订）";
  p.version = 2;
  EXPECT_EQ(update_commission_plan(*c, org_, p, 1), WriteOutcome::done);
  EXPECT_EQ(find_commission_plan(*c, org_, p.id)->name, "2026 提成（修订）");
  EXPECT_EQ(update_commission_plan(*c, org_, p, 1), WriteOutcome::stale);
}

TEST_P(CommissionStoreTest, AnApprovedStatementKeepsItsLinesAndWhatItPaidPerOrder) {
  auto c = store_->db().acquire();
  auto p = plan();
  p.id = insert_commission_plan(*c, org_, p, users_[0]);
  EXPECT_FALSE(plan_has_approved_statements(*c, org_, p.id));
  StatementLine adj;
  adj.kind = LineKind::adjustment;
  adj.amount = Fen{-500};
  adj.reason = "退货补扣";
  adj.by = users_[0];
  const auto october = approved(
      "2026-10", day(2026, 10, 1), p.id,
      {line(LineKind::commission, 7, Fen{4'000}), line(LineKind::commission, 8, Fen{2'500}), adj});
  insert_approved_statement(*c, org_, october);
  EXPECT_TRUE(plan_has_approved_statements(*c, org_, p.id));
  auto back = find_approved_statement(*c, org_, users_[1], "2026-10").value();
  EXPECT_EQ(back.statement.lines.size(), 3u);
  EXPECT_EQ(back.statement.lines[0].record_id, 7);
  EXPECT_EQ(back.statement.lines[0].day, day(2026, 10, 3));
  EXPECT_EQ(back.statement.lines[2].reason, "退货补扣");
  EXPECT_EQ(back.statement.lines[2].by, users_[0]);
  EXPECT_EQ(back.statement.total, Fen{6'000});
  EXPECT_FALSE(find_approved_statement(*c, org_, users_[1], "2026-11"));
  // November took order 7's back.
  insert_approved_statement(
      *c, org_,
      approved("2026-11", day(2026, 11, 1), p.id, {line(LineKind::clawback, 7, Fen{-4'000})}));
  auto paid = paid_on_orders(*c, org_, users_[1], day(2026, 11, 1));
  ASSERT_EQ(paid.size(), 2u);
  EXPECT_EQ(paid[0].paid, Fen{4'000});  // before November: not yet taken back
  EXPECT_EQ(paid[0].last_paid, day(2026, 10, 1));
  paid = paid_on_orders(*c, org_, users_[1], day(2026, 12, 1));
  EXPECT_EQ(paid[0].paid, Fen{0});
  EXPECT_EQ(paid[1].paid, Fen{2'500});
  EXPECT_EQ(list_approved_statements(*c, org_, "2026-11").size(), 1u);
  EXPECT_EQ(approved_periods(*c, org_, users_[1]), (std::set<std::string>{"2026-10", "2026-11"}));
  EXPECT_TRUE(approved_periods(*c, org_, users_[0]).empty());
  // One statement per person and period.
  EXPECT_THROW(insert_approved_statement(*c, org_, october), StoreError);
}

TEST_P(CommissionStoreTest, AnOrderOfACappedStatementCountsForItsShareOfWhatItPaid) {
  auto c = store_->db().acquire();
  auto p = plan();
  p.id = insert_commission_plan(*c, org_, p, users_[0]);
  StatementLine cap;
  cap.kind = LineKind::cap;
  cap.base = Fen{3'000};
  cap.amount = Fen{-2'000};
  // Orders 9 and 10 earned 2,000 and 1,000; the cap let 1,000 of the 3,000 through.
  insert_approved_statement(*c, org_,
                            approved("2026-10", day(2026, 10, 1), p.id,
                                     {line(LineKind::commission, 9, Fen{2'000}),
                                      line(LineKind::commission, 10, Fen{1'000}), cap}));
  auto paid = paid_on_orders(*c, org_, users_[1], day(2026, 11, 1));
  ASSERT_EQ(paid.size(), 2u);
  EXPECT_EQ(paid[0].paid, Fen{667});  // 2,000 × 1,000 / 3,000, half to even
  EXPECT_EQ(paid[1].paid, Fen{333});
  EXPECT_EQ(paid_on_orders_of_all(*c, org_, day(2026, 11, 1)).at(users_[1].value).size(), 2u);
  EXPECT_EQ(paid_records(*c, org_, "order"), (std::set<std::int64_t>{9, 10}));
  EXPECT_TRUE(paid_records(*c, org_, "payment").empty());
  EXPECT_EQ(last_period_under(*c, org_, p.id), "2026-10");
  EXPECT_EQ(approved_periods_of_all(*c, org_).at(users_[1].value),
            (std::set<std::string>{"2026-10"}));
}

TEST_P(CommissionStoreTest, AdjustmentsByPeriodAndPerson) {
  auto c = store_->db().acquire();
  insert_commission_adjustment(
      *c, org_, {0, users_[1], "2026-11", {Fen{20'000}, "补发", users_[0], instant_from_ms(1)}});
  insert_commission_adjustment(
      *c, org_, {0, users_[0], "2026-11", {Fen{-100}, "扣", users_[1], instant_from_ms(2)}});
  EXPECT_EQ(list_commission_adjustments(*c, org_, "2026-11", std::nullopt).size(), 2u);
  auto anna = list_commission_adjustments(*c, org_, "2026-11", users_[1]);
  ASSERT_EQ(anna.size(), 1u);
  EXPECT_EQ(anna[0].adjustment.amount, Fen{20'000});
  EXPECT_EQ(anna[0].adjustment.reason, "补发");
  EXPECT_TRUE(list_commission_adjustments(*c, org_, "2026-12", std::nullopt).empty());
}

INSTANTIATE_TEST_SUITE_P(Drivers, CommissionStoreTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace fupan::store
