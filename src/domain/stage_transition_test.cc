#include "domain/stage_transition.h"

#include <gtest/gtest.h>

#include <limits>

namespace fupan {
namespace {

const Instant kEarlier = instant_from_ms(1'700'000'000'000);
const Instant kNow = instant_from_ms(1'800'000'000'000);

TEST(StageOutcome, ANewOpportunityInAnOpenStageIsOpenAndNotClosed) {
  const StageOutcome o = stage_outcome(std::nullopt, std::nullopt, StageKind::open, kNow);
  EXPECT_EQ(o.status, StageKind::open);
  EXPECT_EQ(o.closed_at, std::nullopt);
}

TEST(StageOutcome, EnteringWonOrLostClosesItNow) {
  for (StageKind kind : {StageKind::won, StageKind::lost}) {
    const StageOutcome o = stage_outcome(StageKind::open, std::nullopt, kind, kNow);
    EXPECT_EQ(o.status, kind);
    EXPECT_EQ(o.closed_at, kNow);
    // Created straight into a closed stage.
    EXPECT_EQ(stage_outcome(std::nullopt, std::nullopt, kind, kNow).closed_at, kNow);
  }
}

TEST(StageOutcome, StayingClosedKeepsTheCloseTime) {
  const StageOutcome o = stage_outcome(StageKind::won, kEarlier, StageKind::won, kNow);
  EXPECT_EQ(o.status, StageKind::won);
  EXPECT_EQ(o.closed_at, kEarlier);
}

TEST(StageOutcome, TurningFromWonToLostClosesItAgain) {
  const StageOutcome o = stage_outcome(StageKind::won, kEarlier, StageKind::lost, kNow);
  EXPECT_EQ(o.status, StageKind::lost);
  EXPECT_EQ(o.closed_at, kNow);
}

TEST(StageOutcome, ReopeningClearsTheCloseTime) {
  const StageOutcome o = stage_outcome(StageKind::lost, kEarlier, StageKind::open, kNow);
  EXPECT_EQ(o.status, StageKind::open);
  EXPECT_EQ(o.closed_at, std::nullopt);
}

TEST(StageOutcome, AClosedRecordWithoutACloseTimeGetsOne) {
  EXPECT_EQ(stage_outcome(StageKind::won, std::nullopt, StageKind::won, kNow).closed_at, kNow);
}

TEST(FirstOpenStage, IsTheOpenStageWithTheLowestPosition) {
  std::vector<StageDef> stages = {
      {7, "赢单", 1, 100, StageKind::won},
      {8, "谈判", 5, 80, StageKind::open},
      {9, "初步接触", 3, 10, StageKind::open},
      {10, "输单", 2, 0, StageKind::lost},
  };
  const StageDef* first = first_open_stage(stages);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->id, 9);
  EXPECT_EQ(first_open_stage(default_stages())->name, "初步接触");
}

TEST(FirstOpenStage, IsNullWithoutOpenStages) {
  std::vector<StageDef> stages = {{1, "赢单", 1, 100, StageKind::won}};
  EXPECT_EQ(first_open_stage(stages), nullptr);
  EXPECT_EQ(first_open_stage({}), nullptr);
}

TEST(WeightedAmount, IsAmountTimesProbabilityRoundedHalfAwayFromZero) {
  EXPECT_EQ(weighted_amount(Fen{100000}, 30).value(), 30000);
  EXPECT_EQ(weighted_amount(Fen{0}, 60).value(), 0);
  EXPECT_EQ(weighted_amount(Fen{12345}, 0).value(), 0);
  EXPECT_EQ(weighted_amount(Fen{12345}, 100).value(), 12345);
  EXPECT_EQ(weighted_amount(Fen{15}, 10).value(), 2);     // 1.5 → 2
  EXPECT_EQ(weighted_amount(Fen{14}, 10).value(), 1);     // 1.4 → 1
  EXPECT_EQ(weighted_amount(Fen{-15}, 10).value(), -2);   // −1.5 → −2
  EXPECT_EQ(weighted_amount(Fen{333}, 33).value(), 110);  // 109.89 → 110
  EXPECT_EQ(weighted_amount(Fen{25}, 10).value(), 2);     // 2.5 → 2, the even one
}

TEST(WeightedAmount, DoesNotOverflowForTheLargestAmounts) {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(weighted_amount(Fen{big}, 100).value(), big);
  EXPECT_EQ(weighted_amount(Fen{big}, 50).value(), big / 2 + 1);  // …807 / 2 = …403.5 → …404
}

}  // namespace
}  // namespace fupan
