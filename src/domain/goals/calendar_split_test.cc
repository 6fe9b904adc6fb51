#include "domain/goals/calendar_split.h"

#include <gtest/gtest.h>

namespace fupan::goals {
namespace {

LocalDate day(const char* text) {
  return *parse_date(text);
}

std::vector<std::int64_t> values(const std::vector<PeriodShare>& parts) {
  std::vector<std::int64_t> out;
  for (const PeriodShare& p : parts) out.push_back(p.value);
  return out;
}

// 2026's National Day holidays that fall on weekdays (1–7 October; Thursday the 1st).
const std::vector<LocalDate> kHolidays = {day("2026-10-01"), day("2026-10-02"), day("2026-10-05"),
                                          day("2026-10-06"), day("2026-10-07")};

// 12,000,000 元 for 2026, by a seasonality in percent, to October; October by working days to its
// weeks; the week with the holiday to its days. Worked by hand in the comments.
TEST(CalendarSplit, AYearToMonthsToWeeksToWorkingDays) {
  const Period year = parse_period("2026").value();
  const std::int64_t season[] = {5, 6, 8, 8, 8, 9, 8, 8, 9, 9, 10, 12};  // Σ 100
  auto months = split_by_seasonality(1'200'000'000, year, season);       // 12,000,000 元 in 分
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(months->size(), 12u);
  EXPECT_EQ((*months)[0].period.label, "2026-01");
  EXPECT_EQ((*months)[0].value, 60'000'000);  // 5 %: 600,000 元
  const PeriodShare& october = (*months)[9];
  EXPECT_EQ(october.period.label, "2026-10");
  EXPECT_EQ(october.value, 108'000'000);  // 9 %: 1,080,000 元

  // October has 22 weekdays, 5 of them holidays: 17 working days. Its ISO weeks, clipped: W40
  // (1–4 Oct) 0, W41 (5–11) 2, W42 5, W43 5, W44 (26–31) 5. 108,000,000 × 2/17 = 12,705,882.35;
  // × 5/17 = 31,764,705.88 each. The floors leave 3 分, one each to the largest remainders: the
  // three 5/17 weeks (.88 > .35).
  auto weeks = split_by_working_days(october.value, october.period, PeriodKind::week, kHolidays);
  ASSERT_TRUE(weeks.ok());
  ASSERT_EQ(weeks->size(), 5u);
  EXPECT_EQ((*weeks)[0].period.label, "2026-W40");
  EXPECT_EQ(values(*weeks),
            (std::vector<std::int64_t>{0, 12'705'882, 31'764'706, 31'764'706, 31'764'706}));
  std::int64_t sum = 0;
  for (const PeriodShare& w : *weeks) sum += w.value;
  EXPECT_EQ(sum, october.value);

  // W41: Monday 5 to Wednesday 7 are holidays; Thursday 8 and Friday 9 take half each.
  const PeriodShare& w41 = (*weeks)[1];
  auto days = split_by_working_days(w41.value, w41.period, PeriodKind::day, kHolidays);
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(values(*days), (std::vector<std::int64_t>{0, 0, 0, 6'352'941, 6'352'941, 0, 0}));
}

TEST(CalendarSplit, AWeeksCountsBecomeDailyQuotas) {
  // 10 new leads in a plain week: 2 a working day, none at the weekend.
  const Period week = parse_period("2026-W49").value();
  auto days = split_by_working_days(10, week, PeriodKind::day, {});
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(values(*days), (std::vector<std::int64_t>{2, 2, 2, 2, 2, 0, 0}));
  // 12 calls: the earlier days take the two left over.
  EXPECT_EQ(values(split_by_working_days(12, week, PeriodKind::day, {}).value()),
            (std::vector<std::int64_t>{3, 3, 2, 2, 2, 0, 0}));
}

TEST(CalendarSplit, RefusesAPeriodWithoutWorkAndASeasonalityOfTheWrongLength) {
  const Period weekend = parse_period("2026-12-05..2026-12-06").value();
  EXPECT_EQ(split_by_working_days(100, weekend, PeriodKind::day, {}).error().detail,
            Detail(detail::no_working_days));
  const std::int64_t eleven[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  EXPECT_EQ(split_by_seasonality(100, parse_period("2026").value(), eleven).error().detail,
            Detail(detail::twelve_months));
}

TEST(CalendarSplit, AFiscalYearsMonthsInItsOrder) {
  // A fiscal year from April: its first month is April.
  const Period fy = parse_period("FY2026", 4).value();
  const std::int64_t flat[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  auto months = split_by_seasonality(1200, fy, flat, 4);
  ASSERT_TRUE(months.ok());
  EXPECT_EQ((*months)[0].period.label, "2026-04");
  EXPECT_EQ((*months)[0].value, 100);
}

}  // namespace
}  // namespace fupan::goals
