#include "domain/goals/progress.h"

#include <gtest/gtest.h>

namespace fupan::goals {
namespace {

// October 2026 has 17 working days (the National Day week off). On Friday the 16th, 7 are over
// and the 16th is the 8th.
TEST(Progress, HandComputedMidMonth) {
  const Progress p = progress_of(
      {.target = 1'700'000, .actual = 600'000, .days = 17, .over = 7, .today_counts = true});
  EXPECT_DOUBLE_EQ(p.expected, 700'000);  // 7 days' worth
  ASSERT_TRUE(p.attainment);
  EXPECT_NEAR(*p.attainment, 600'000.0 / 1'700'000.0, 1e-12);
  EXPECT_EQ(p.gap, 1'100'000);
  ASSERT_TRUE(p.run_rate);
  EXPECT_DOUBLE_EQ(*p.run_rate, 600'000.0 * 17 / 8);  // 1,275,000: short of the target
  EXPECT_EQ(p.remaining, 10);                         // today and 9 more
  ASSERT_TRUE(p.daily_needed);
  EXPECT_EQ(*p.daily_needed, 110'000);
  EXPECT_EQ(p.status, PaceStatus::behind);
}

// At nine on a Monday nothing is done and nothing is yet expected.
TEST(Progress, NobodyIsBehindOnAMondayMorning) {
  const Progress p =
      progress_of({.target = 10, .actual = 0, .days = 5, .over = 0, .today_counts = true});
  EXPECT_DOUBLE_EQ(p.expected, 0);
  EXPECT_EQ(p.status, PaceStatus::on_pace);
  EXPECT_EQ(*p.daily_needed, 2);
  EXPECT_DOUBLE_EQ(*p.run_rate, 0);
}

TEST(Progress, OnPaceAtExactlyTheExpectedShare) {
  const Progress p =
      progress_of({.target = 10, .actual = 4, .days = 5, .over = 2, .today_counts = true});
  EXPECT_DOUBLE_EQ(p.expected, 4);
  EXPECT_EQ(p.status, PaceStatus::on_pace);
  EXPECT_EQ(*p.daily_needed, 2);  // 6 left over 3 days, today's included
}

TEST(Progress, DoneOnceTheTargetIsReachedEvenEarly) {
  const Progress p =
      progress_of({.target = 10, .actual = 12, .days = 5, .over = 1, .today_counts = true});
  EXPECT_EQ(p.status, PaceStatus::done);
  EXPECT_EQ(p.gap, 0);
  EXPECT_EQ(*p.daily_needed, 0);
  EXPECT_DOUBLE_EQ(*p.attainment, 1.2);
}

// A weekend day inside a week: no day of the period is today, four are over.
TEST(Progress, AWeekendDayDoesNotCountAsADayRun) {
  const Progress p =
      progress_of({.target = 10, .actual = 6, .days = 5, .over = 5, .today_counts = false});
  EXPECT_EQ(p.status, PaceStatus::missed);
  EXPECT_EQ(p.remaining, 0);
  EXPECT_FALSE(p.daily_needed);
  EXPECT_DOUBLE_EQ(*p.run_rate, 6);
}

TEST(Progress, NotStartedHasNoRunRateAndNeedsTheWholeTargetSpread) {
  const Progress p = progress_of({.target = 10, .actual = 0, .days = 5, .started = false});
  EXPECT_EQ(p.status, PaceStatus::not_started);
  EXPECT_DOUBLE_EQ(p.expected, 0);
  EXPECT_FALSE(p.run_rate);
  EXPECT_EQ(*p.daily_needed, 2);
}

TEST(Progress, AZeroTargetHasNoAttainment) {
  const Progress p =
      progress_of({.target = 0, .actual = 3, .days = 5, .over = 2, .today_counts = true});
  EXPECT_FALSE(p.attainment);
  EXPECT_EQ(p.status, PaceStatus::done);
}

TEST(Progress, DaysOverAreClampedToThePeriod) {
  const Progress p = progress_of({.target = 10, .actual = 0, .days = 5, .over = 9});
  EXPECT_EQ(p.remaining, 0);
  EXPECT_DOUBLE_EQ(p.expected, 10);
}

}  // namespace
}  // namespace fupan::goals
