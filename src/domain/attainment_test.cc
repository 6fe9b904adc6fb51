#include "domain/attainment.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

LocalDate day(int y, unsigned m, unsigned d) {
  return LocalDate{std::chrono::year{y} / m / d};
}

Period period(std::string_view text) {
  auto p = parse_period(text);
  return *p;
}

const TargetPeriod kNovember{day(2026, 11, 1), day(2026, 12, 1), 2'100'000};  // 21 working days
const TargetPeriod kQ4{day(2026, 10, 1), day(2027, 1, 1), 6'000'000};

TEST(Attainment, APeriodsOwnTargetWins) {
  const Period nov = period("2026-11");
  EXPECT_EQ(target_for({kQ4, kNovember}, nov, {}), 2'100'000.0);
}

TEST(Attainment, AWeekTakesItsShareOfTheSmallestEnclosingTargetByWorkingDays) {
  // 2026-W47 (16–22 November) has 5 working days of November's 21.
  const Period week = period("2026-W47");
  EXPECT_DOUBLE_EQ(*target_for({kQ4, kNovember}, week, {}), 2'100'000.0 * 5 / 21);
  // A holiday on the Friday: 4 of 20.
  const std::vector<LocalDate> holidays{day(2026, 11, 20)};
  EXPECT_DOUBLE_EQ(*target_for({kQ4, kNovember}, week, holidays), 2'100'000.0 * 4 / 20);
}

TEST(Attainment, NoTargetOrNoWorkingDayGivesNone) {
  const Period week = period("2026-W47");
  EXPECT_FALSE(target_for({}, week, {}));
  // A week across two months has no enclosing month target; the quarter encloses it.
  const Period across = period("2026-W49");  // 30 Nov – 6 Dec
  EXPECT_DOUBLE_EQ(*target_for({kQ4, kNovember}, across, {}), 6'000'000.0 * 5 / 66);
  // A weekend's own target stands; a part of a period without working days has none.
  const TargetPeriod weekend{day(2026, 11, 21), day(2026, 11, 23), 10};
  EXPECT_EQ(target_for({weekend}, period("2026-11-21..2026-11-22"), {}), 10.0);
  EXPECT_FALSE(target_for({weekend}, period("2026-11-21"), {}));
}

// ISO week 53 of 2026 (28 December – 3 January) crosses the year: no quarter or year target
// encloses it, so it has no target of its own to compare with (SPEC §6: the smallest *enclosing*
// period); a target spanning both years does, by working days (5 of its 130).
TEST(Attainment, AWeekAcrossTheYearIsProratedOnlyFromATargetThatEnclosesIt) {
  const Period w53 = period("2026-W53");
  ASSERT_EQ(w53.start, day(2026, 12, 28));
  ASSERT_EQ(w53.end, day(2027, 1, 4));
  const TargetPeriod q1{day(2027, 1, 1), day(2027, 4, 1), 6'300'000};
  EXPECT_FALSE(target_for({kQ4, q1}, w53, {}));
  const TargetPeriod winter{day(2026, 10, 1), day(2027, 4, 1), 13'000'000};  // 130 working days
  EXPECT_DOUBLE_EQ(*target_for({kQ4, q1, winter}, w53, {}), 13'000'000.0 * 5 / 130);
  // A week across a month inside the quarter takes the quarter's share, not a month's.
  const Period w44 = period("2026-W44");  // 26 October – 1 November
  EXPECT_DOUBLE_EQ(*target_for({kQ4, kNovember}, w44, {}), 6'000'000.0 * 5 / 66);
}

// Money targets: the same shares, rounded half-even to whole 分.
TEST(Attainment, AMoneyTargetsShareIsRoundedHalfEvenToWholeFen) {
  const Period nov = period("2026-11");
  EXPECT_EQ(money_target_for({kQ4, kNovember}, nov, {}), Fen{2'100'000});
  const Period week = period("2026-W47");
  EXPECT_EQ(money_target_for({kQ4, kNovember}, week, {}), Fen{500'000});  // exact
  const std::vector<LocalDate> holidays{day(2026, 11, 20)};
  EXPECT_EQ(money_target_for({kQ4, kNovember}, week, holidays), Fen{420'000});  // exact
  // 6,000,000 × 5 / 66 = 454,545.45… → 454,545.
  EXPECT_EQ(money_target_for({kQ4, kNovember}, period("2026-W49"), {}), Fen{454'545});
  // October's share of Q4 with a holiday: 6,000,000 × 22 / 65 = 2,030,769.23… → 2,030,769.
  EXPECT_EQ(money_target_for({kQ4}, period("2026-10"), holidays), Fen{2'030'769});
  // Halves go to the even 分: Monday's share of a Monday–Tuesday target.
  const TargetPeriod two_days_5{day(2026, 11, 16), day(2026, 11, 18), 5};
  const TargetPeriod two_days_7{day(2026, 11, 16), day(2026, 11, 18), 7};
  EXPECT_EQ(money_target_for({two_days_5}, period("2026-11-16"), {}), Fen{2});  // 2.5 → 2
  EXPECT_EQ(money_target_for({two_days_7}, period("2026-11-16"), {}), Fen{4});  // 3.5 → 4
  EXPECT_FALSE(money_target_for({}, week, {}));
  const TargetPeriod weekend{day(2026, 11, 21), day(2026, 11, 23), 10};
  EXPECT_FALSE(money_target_for({weekend}, period("2026-11-21"), {}));
}

}  // namespace
}  // namespace fupan
