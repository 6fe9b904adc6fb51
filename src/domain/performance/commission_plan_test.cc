#include "domain/performance/commission_plan.h"

#include <gtest/gtest.h>

namespace fupan::performance {
namespace {

// 0–60 %: nothing, 60–100 %: 3 %, from 100 %: 5 %.
CommissionPlan three_bands() {
  CommissionPlan p;
  p.name = "销售提成 2026";
  p.effective_from = *parse_date("2026-01-01");
  p.bands = {{0, 6000, 0}, {6000, 10000, 300}, {10000, std::nullopt, 500}};
  return p;
}

std::string field_of(const CommissionPlan& p) {
  Status s = check_plan(p);
  return s.ok() ? "" : s.error().field;
}

TEST(CommissionPlan, AGoodPlanPasses) {
  EXPECT_TRUE(check_plan(three_bands()).ok());
}

TEST(CommissionPlan, BandsStartAtZeroAndFollowEachOtherWithoutGapOrOverlap) {
  auto p = three_bands();
  p.bands[0].from_bp = 100;
  EXPECT_EQ(field_of(p), "bands[0].from_bp");
  p = three_bands();
  p.bands[1].from_bp = 5000;  // overlaps the first
  EXPECT_EQ(field_of(p), "bands[1].from_bp");
  EXPECT_EQ(check_plan(p).error().detail.code, DetailCode::band_follows_previous);
  p = three_bands();
  p.bands[2].from_bp = 11000;  // a gap
  EXPECT_EQ(field_of(p), "bands[2].from_bp");
  p = three_bands();
  p.bands[1].to_bp = 6000;  // empty
  p.bands[2].from_bp = 6000;
  EXPECT_EQ(field_of(p), "bands[1].to_bp");
  p = three_bands();
  p.bands[2].to_bp = 20000;  // the last must be open
  EXPECT_EQ(field_of(p), "bands[2].to_bp");
  p = three_bands();
  p.bands[1].to_bp.reset();  // only the last is open
  EXPECT_EQ(field_of(p), "bands[1].to_bp");
  p = three_bands();
  p.bands[2].rate_bp = 10001;
  EXPECT_EQ(field_of(p), "bands[2].rate_bp");
  p.bands.clear();
  EXPECT_EQ(field_of(p), "bands");
}

TEST(CommissionPlan, DatesMoneyAndLimits) {
  auto p = three_bands();
  p.effective_to = *parse_date("2025-12-31");
  EXPECT_EQ(field_of(p), "effective_to");
  p = three_bands();
  p.cap = Fen{-1};
  EXPECT_EQ(field_of(p), "cap");
  p = three_bands();
  p.target_bonus = Fen{-1};
  EXPECT_EQ(field_of(p), "target_bonus");
  p = three_bands();
  p.min_margin_bp = 12000;
  EXPECT_EQ(field_of(p), "min_margin_bp");
  p = three_bands();
  p.clawback_unpaid_days = 0;
  EXPECT_EQ(field_of(p), "clawback_unpaid_days");
  p = three_bands();
  p.name = "  ";
  EXPECT_EQ(field_of(p), "name");
  p = three_bands();  // paid on what was collected: nothing unpaid to take back
  p.base = CommissionBase::payments;
  p.clawback_unpaid_days = 30;
  EXPECT_EQ(field_of(p), "clawback_unpaid_days");
}

TEST(CommissionPlan, TheBandOfAnAttainmentIncludesItsLowerEnd) {
  const auto bands = three_bands().bands;
  const Fen target{1'000'000};
  EXPECT_EQ(band_of(bands, Fen{599'999}, target), 0u);
  EXPECT_EQ(band_of(bands, Fen{600'000}, target), 1u);  // exactly 60 %
  EXPECT_EQ(band_of(bands, Fen{999'999}, target), 1u);
  EXPECT_EQ(band_of(bands, Fen{1'000'000}, target), 2u);
  EXPECT_EQ(band_of(bands, Fen{5'000'000}, std::nullopt), 0u);  // no target: the first band
  EXPECT_EQ(band_of(bands, Fen{5'000'000}, Fen{0}), 0u);
}

TEST(CommissionPlan, InEffectFromItsFirstToItsLastDay) {
  auto p = three_bands();
  p.effective_to = *parse_date("2026-06-30");
  EXPECT_FALSE(in_effect(p, *parse_date("2025-12-31")));
  EXPECT_TRUE(in_effect(p, *parse_date("2026-01-01")));
  EXPECT_TRUE(in_effect(p, *parse_date("2026-06-30")));
  EXPECT_FALSE(in_effect(p, *parse_date("2026-07-01")));
}

}  // namespace
}  // namespace fupan::performance
