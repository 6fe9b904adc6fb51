// Commission statements computed by hand. The plan of most cases: target ¥100,000.00; 0–60 %
// nothing, 60–100 % 3 %, from 100 % 5 %; a ¥1,000.00 bonus on reaching the target.
#include "domain/performance/commission_statement.h"

#include <gtest/gtest.h>

namespace fupan::performance {
namespace {

constexpr Fen yuan(std::int64_t y) {
  return Fen{y * 100};
}

CommissionPlan plan(TierMode mode) {
  CommissionPlan p;
  p.name = "提成";
  p.effective_from = *parse_date("2026-01-01");
  p.mode = mode;
  p.bands = {{0, 6000, 0}, {6000, 10000, 300}, {10000, std::nullopt, 500}};
  p.target_bonus = yuan(1'000);
  return p;
}

Credit order(std::int64_t id, const char* day, Fen amount) {
  return {CreditKind::order, id, *parse_date(day), amount, std::nullopt};
}

// ¥50,000 + ¥40,000 + ¥30,000 = ¥120,000 in November: 120 % of the target.
StatementInput november() {
  StatementInput in;
  in.target = yuan(100'000);
  in.credits = {order(1, "2026-11-03", yuan(50'000)), order(2, "2026-11-12", yuan(40'000)),
                order(3, "2026-11-25", yuan(30'000))};
  return in;
}

Fen sum_of(const Statement& s) {
  Fen sum{0};
  for (const auto& l : s.lines) sum += l.amount;
  return sum;
}

TEST(CommissionStatement, RetroactivePaysEveryYuanAtTheFinalBand) {
  const Statement s = compute_statement(plan(TierMode::retroactive), november());
  EXPECT_EQ(s.credited, yuan(120'000));
  EXPECT_EQ(s.band, 2u);
  EXPECT_TRUE(s.target_reached);
  // 5 % of each order: 2,500 + 2,000 + 1,500; then the bonus.
  ASSERT_EQ(s.lines.size(), 4u);
  EXPECT_EQ(s.lines[0].amount, yuan(2'500));
  EXPECT_EQ(s.lines[1].amount, yuan(2'000));
  EXPECT_EQ(s.lines[2].amount, yuan(1'500));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(s.lines[i].rate_bp, 500);
  EXPECT_EQ(s.lines[3].kind, LineKind::bonus);
  EXPECT_EQ(s.total, yuan(7'000));
  EXPECT_EQ(s.total, sum_of(s));
}

TEST(CommissionStatement, MarginalSplitsAnOrderWhereItCrossesABand) {
  const Statement s = compute_statement(plan(TierMode::marginal), november());
  // Order 1: ¥0–50,000, all in 0–60 % → 0.
  // Order 2: ¥50,000–90,000: ¥10,000 in 0–60 % → 0; ¥30,000 in 60–100 % at 3 % → 900.
  // Order 3: ¥90,000–120,000: ¥10,000 at 3 % → 300; ¥20,000 from 100 % at 5 % → 1,000.
  // Commission 2,200 + bonus 1,000 = 3,200.
  ASSERT_EQ(s.lines.size(), 6u);
  struct Want {
    std::int64_t id;
    Fen base;
    std::size_t band;
    Fen amount;
  };
  const Want want[] = {{1, yuan(50'000), 0, yuan(0)},
                       {2, yuan(10'000), 0, yuan(0)},
                       {2, yuan(30'000), 1, yuan(900)},
                       {3, yuan(10'000), 1, yuan(300)},
                       {3, yuan(20'000), 2, yuan(1'000)}};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(s.lines[i].record_id, want[i].id) << i;
    EXPECT_EQ(s.lines[i].base, want[i].base) << i;
    EXPECT_EQ(s.lines[i].band, want[i].band) << i;
    EXPECT_EQ(s.lines[i].amount, want[i].amount) << i;
  }
  EXPECT_EQ(s.lines[5].kind, LineKind::bonus);
  EXPECT_EQ(s.total, yuan(3'200));
}

TEST(CommissionStatement, TheAcceleratorAppliesOnlyAboveTheTargetUnderMarginal) {
  auto in = november();
  in.credits.push_back(order(4, "2026-11-28", yuan(100'000)));  // to 220 %
  const Statement s = compute_statement(plan(TierMode::marginal), in);
  // 2,200 as before + 5 % of ¥100,000 = 5,000 → 7,200; bonus 1,000 → 8,200.
  EXPECT_EQ(s.total, yuan(8'200));
  // Retroactive: 5 % of ¥220,000 = 11,000 + 1,000.
  EXPECT_EQ(compute_statement(plan(TierMode::retroactive), in).total, yuan(12'000));
}

TEST(CommissionStatement, TheCapLimitsCommissionAndBonusTogether) {
  auto p = plan(TierMode::marginal);
  p.cap = yuan(2'500);
  const Statement s = compute_statement(p, november());
  // 2,200 + 1,000 = 3,200 earned; the cap takes 700 back.
  ASSERT_EQ(s.lines.back().kind, LineKind::cap);
  EXPECT_EQ(s.lines.back().base, yuan(3'200));
  EXPECT_EQ(s.lines.back().amount, yuan(-700));
  EXPECT_EQ(s.total, yuan(2'500));
  p.cap = yuan(5'000);  // not reached: no line
  EXPECT_NE(compute_statement(p, november()).lines.back().kind, LineKind::cap);
}

TEST(CommissionStatement, EachLineIsRoundedHalfToEvenOnce) {
  auto p = plan(TierMode::retroactive);
  p.bands = {{0, std::nullopt, 100}};  // 1 % of everything
  p.target_bonus = Fen{0};
  StatementInput in;
  in.target = yuan(1);
  // 1 % of 50 分 = 0.5 → 0; of 150 分 = 1.5 → 2; of 250 分 = 2.5 → 2; of 333 分 = 3.33 → 3.
  in.credits = {order(1, "2026-11-01", Fen{50}), order(2, "2026-11-01", Fen{150}),
                order(3, "2026-11-01", Fen{250}), order(4, "2026-11-01", Fen{333})};
  const Statement s = compute_statement(p, in);
  EXPECT_EQ(s.lines[0].amount, Fen{0});
  EXPECT_EQ(s.lines[1].amount, Fen{2});
  EXPECT_EQ(s.lines[2].amount, Fen{2});
  EXPECT_EQ(s.lines[3].amount, Fen{3});
  // 7 分, not 1 % of the 783 分 together (7.83 → 8): the rule rounds lines, then adds.
  EXPECT_EQ(s.total, Fen{7});
}

TEST(CommissionStatement, AnOrderBelowTheMinimumMarginCountsButEarnsNothing) {
  auto p = plan(TierMode::retroactive);
  p.min_margin_bp = 2000;  // 20 %
  auto in = november();
  in.credits[2].margin_bp = 1500;  // order 3 at 15 %
  in.credits[1].margin_bp = 2000;  // order 2 exactly at the minimum earns
  const Statement s = compute_statement(p, in);
  EXPECT_EQ(s.band, 2u);  // still 120 %
  EXPECT_EQ(s.lines[2].note, LineNote::below_min_margin);
  EXPECT_EQ(s.lines[2].rate_bp, 0);
  EXPECT_EQ(s.lines[2].amount, Fen{0});
  EXPECT_EQ(s.lines[1].amount, yuan(2'000));
  EXPECT_EQ(s.total, yuan(2'500 + 2'000 + 1'000));
}

TEST(CommissionStatement, WithoutATargetEverythingIsInTheFirstBandAndNoBonus) {
  auto in = november();
  in.target.reset();
  auto p = plan(TierMode::marginal);
  p.bands[0].rate_bp = 100;  // 1 % below 60 %
  const Statement s = compute_statement(p, in);
  EXPECT_FALSE(s.target_reached);
  ASSERT_EQ(s.lines.size(), 3u);
  for (const auto& l : s.lines) {
    EXPECT_EQ(l.band, 0u);
    EXPECT_EQ(l.note, LineNote::no_target);
  }
  EXPECT_EQ(s.total, yuan(1'200));
}

TEST(CommissionStatement, ClawbacksAndAdjustmentsComeAfterTheCap) {
  auto p = plan(TierMode::marginal);
  p.cap = yuan(2'500);
  auto in = november();
  in.clawbacks = {
      {CreditKind::order, 77, *parse_date("2026-11-20"), ClawbackReason::cancelled, yuan(450)}};
  in.adjustments = {{yuan(-100), "客户退货补扣", UserId{9}, Instant{}}};
  const Statement s = compute_statement(p, in);
  const auto& back = s.lines[s.lines.size() - 2];
  EXPECT_EQ(back.kind, LineKind::clawback);
  EXPECT_EQ(back.record_id, 77);
  EXPECT_EQ(back.amount, yuan(-450));
  EXPECT_EQ(s.lines.back().kind, LineKind::adjustment);
  EXPECT_EQ(s.lines.back().reason, "客户退货补扣");
  EXPECT_EQ(s.total, yuan(2'500 - 450 - 100));
  EXPECT_EQ(s.total, sum_of(s));
}

TEST(CommissionStatement, ABandStartingMidFenIsRoundedToTheFen) {
  auto p = plan(TierMode::marginal);
  p.target_bonus = Fen{0};
  StatementInput in;
  in.target = Fen{333};  // 60 % = 199.8 分 → 200; 100 % = 333
  in.credits = {order(1, "2026-11-01", Fen{400})};
  const Statement s = compute_statement(p, in);
  ASSERT_EQ(s.lines.size(), 3u);
  EXPECT_EQ(s.lines[0].base, Fen{200});
  EXPECT_EQ(s.lines[1].base, Fen{133});
  EXPECT_EQ(s.lines[2].base, Fen{67});
  // 3 % of 133 = 3.99 → 4; 5 % of 67 = 3.35 → 3.
  EXPECT_EQ(s.total, Fen{7});
}

}  // namespace
}  // namespace fupan::performance
