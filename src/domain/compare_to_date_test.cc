#include "domain/compare_to_date.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

LocalDate day(std::string_view text) {
  return *parse_date(text);
}

Period period(std::string_view text) {
  return parse_period(text).value();
}

// "START..LAST" of a part, both days included ("" for an empty part).
std::string days_of(const Period& p) {
  if (p.end <= p.start) return "";
  return format_date(p.start) + ".." + format_date(p.end - std::chrono::days{1});
}

const CompareRule kOn6December{CompareMode::to_date, day("2026-12-06"),
                               ElapsedBasis::calendar_days};

TEST(CompareToDate, APeriodInProgressIsComparedToDateAnEndedOneWholeAFutureOneNot) {
  EXPECT_EQ(comparison_of(period("2026-12"), kOn6December), Comparison::to_date);
  EXPECT_EQ(comparison_of(period("2026-Q4"), kOn6December), Comparison::to_date);
  EXPECT_EQ(comparison_of(period("2026-12-06"), kOn6December), Comparison::to_date);
  EXPECT_EQ(comparison_of(period("2026-11"), kOn6December), Comparison::full);
  EXPECT_EQ(comparison_of(period("2026-12-05"), kOn6December), Comparison::full);
  EXPECT_EQ(comparison_of(period("2027-01"), kOn6December), Comparison::future);
  EXPECT_EQ(comparison_of(period("2026-12-07"), kOn6December), Comparison::future);
  // Asked whole, or with no today: whole.
  EXPECT_EQ(comparison_of(period("2026-12"), {CompareMode::full, day("2026-12-06")}),
            Comparison::full);
  EXPECT_EQ(comparison_of(period("2026-12"), {CompareMode::to_date, std::nullopt}),
            Comparison::full);
}

TEST(CompareToDate, CountsElapsedDaysTodayIncluded) {
  const std::vector<LocalDate> none;
  EXPECT_EQ(
      elapsed_in(period("2026-12"), day("2026-12-06"), ElapsedBasis::calendar_days, none).count, 6);
  // 1–4 December 2026 are Tuesday to Friday; the 5th and 6th a weekend.
  EXPECT_EQ(
      elapsed_in(period("2026-12"), day("2026-12-06"), ElapsedBasis::working_days, none).count, 4);
  EXPECT_EQ(elapsed_in(period("2026"), day("2026-12-06"), ElapsedBasis::calendar_days, none).count,
            340);
  EXPECT_EQ(
      elapsed_in(period("2026-Q4"), day("2026-12-06"), ElapsedBasis::calendar_days, none).count,
      67);
}

TEST(CompareToDate, CalendarDaysTakeTheSameNumberOfDaysFromEachStart) {
  const std::vector<LocalDate> none;
  const Elapsed six{ElapsedBasis::calendar_days, 6};
  EXPECT_EQ(days_of(part_to_date(period("2026-11"), six, none)), "2026-11-01..2026-11-06");
  EXPECT_EQ(days_of(part_to_date(period("2025-12"), six, none)), "2025-12-01..2025-12-06");
  // 67 days of Q4 against 67 days of Q3: 1 July to 5 September.
  EXPECT_EQ(days_of(part_to_date(period("2026-Q3"), {ElapsedBasis::calendar_days, 67}, none)),
            "2026-07-01..2026-09-05");
  // 31 March to date against February: all of it, no more.
  EXPECT_EQ(days_of(part_to_date(period("2026-02"), {ElapsedBasis::calendar_days, 31}, none)),
            "2026-02-01..2026-02-28");
  // Kind and label stay the period's.
  const Period part = part_to_date(period("2026-11"), six, none);
  EXPECT_EQ(part.kind, PeriodKind::month);
  EXPECT_EQ(part.label, "2026-11");
}

TEST(CompareToDate, WorkingDaysRunThroughTheSameCountOfWorkingDays) {
  const std::vector<LocalDate> none;
  const Elapsed four{ElapsedBasis::working_days, 4};
  // November 2026 begins on a Sunday: its 4th working day is Thursday the 5th.
  EXPECT_EQ(days_of(part_to_date(period("2026-11"), four, none)), "2026-11-01..2026-11-05");
  // December 2025 begins on a Monday.
  EXPECT_EQ(days_of(part_to_date(period("2025-12"), four, none)), "2025-12-01..2025-12-04");
  // A holiday is skipped like a weekend: with 3 November off, the 4th working day is the 6th.
  EXPECT_EQ(days_of(part_to_date(period("2026-11"), four, {day("2026-11-03")})),
            "2026-11-01..2026-11-06");
}

TEST(CompareToDate, APeriodStartingOnAHoliday) {
  // 1 January 2027 (a Friday) is a holiday; on that day no working day has run.
  const std::vector<LocalDate> holidays{day("2026-01-01"), day("2027-01-01")};
  const Elapsed none =
      elapsed_in(period("2027-01"), day("2027-01-01"), ElapsedBasis::working_days, holidays);
  EXPECT_EQ(none.count, 0);
  // The days before the first working day: none in December 2026 (1 December is a Tuesday), the
  // holiday itself in January 2026 (2 January 2026 is a Friday).
  EXPECT_EQ(days_of(part_to_date(period("2026-12"), none, holidays)), "");
  EXPECT_EQ(days_of(part_to_date(period("2026-01"), none, holidays)), "2026-01-01..2026-01-01");
  // On Monday 4 January 2027 one working day has run.
  const Elapsed one =
      elapsed_in(period("2027-01"), day("2027-01-04"), ElapsedBasis::working_days, holidays);
  EXPECT_EQ(one.count, 1);
  EXPECT_EQ(days_of(part_to_date(period("2026-12"), one, holidays)), "2026-12-01..2026-12-01");
  EXPECT_EQ(days_of(part_to_date(period("2026-01"), one, holidays)), "2026-01-01..2026-01-02");
}

TEST(CompareToDate, ParsesItsWords) {
  EXPECT_EQ(parse_compare_mode("to_date"), CompareMode::to_date);
  EXPECT_EQ(parse_compare_mode("full"), CompareMode::full);
  EXPECT_EQ(parse_compare_mode("mtd"), std::nullopt);
  EXPECT_EQ(parse_elapsed_basis("working_days"), ElapsedBasis::working_days);
  EXPECT_EQ(parse_elapsed_basis("calendar_days"), ElapsedBasis::calendar_days);
  EXPECT_EQ(parse_elapsed_basis("days"), std::nullopt);
  EXPECT_EQ(elapsed_basis_name(ElapsedBasis::working_days), "working_days");
  EXPECT_EQ(comparison_name(Comparison::future), "future");
}

}  // namespace
}  // namespace fupan
