#include "domain/reports/report_period.h"

#include <gtest/gtest.h>

namespace fupan::reports {
namespace {

Period week(std::string_view label) {
  return parse_report_period(ReportKind::week, label).value();
}

std::string utc(Instant t) {
  return format_rfc3339(t);
}

TEST(ReportPeriod, AKindTakesOnlyItsOwnPeriods) {
  EXPECT_TRUE(parse_report_period(ReportKind::week, "2026-W49").ok());
  EXPECT_TRUE(parse_report_period(ReportKind::day, "2026-12-07").ok());
  EXPECT_TRUE(parse_report_period(ReportKind::month, "2026-12").ok());
  for (auto [kind, text] :
       {std::pair{ReportKind::week, "2026-12"}, std::pair{ReportKind::month, "2026-W49"},
        std::pair{ReportKind::day, "2026-W49"}, std::pair{ReportKind::week, "2026-W54"},
        std::pair{ReportKind::week, "2026-12-01..2026-12-07"}}) {
    auto p = parse_report_period(kind, text);
    ASSERT_FALSE(p.ok()) << text;
    EXPECT_EQ(p.error().field, "period");
    EXPECT_EQ(p.error().detail.code, detail::report_period);
  }
}

TEST(ReportDeadline, FridayEighteenInShanghaiIsTenInTheMorningUtc) {
  // 2026-W49 is Monday 30 November to Sunday 6 December; Friday is 4 December.
  const Period p = week("2026-W49");
  EXPECT_EQ(format_date(deadline_day(p, {})), "2026-12-04");
  const Instant d = deadline_instant(p, {}, zone_of("Asia/Shanghai"));
  EXPECT_EQ(utc(d), "2026-12-04T10:00:00.000Z");
  EXPECT_FALSE(is_late(d, d));  // at the deadline is on time
  EXPECT_TRUE(is_late(d + std::chrono::milliseconds{1}, d));
}

TEST(ReportDeadline, TheSameLocalTimeIsAnotherInstantInAnotherZone) {
  const Period p = week("2026-W49");
  EXPECT_EQ(utc(deadline_instant(p, {}, zone_of("America/Los_Angeles"))),
            "2026-12-05T02:00:00.000Z");
  EXPECT_EQ(utc(deadline_instant(p, {}, zone_of("Europe/London"))), "2026-12-04T18:00:00.000Z");
  // Next Monday 10:00 in Tokyo (UTC+9): one day after the Sunday.
  EXPECT_EQ(utc(deadline_instant(p, {1, 10 * 60}, zone_of("Asia/Tokyo"))),
            "2026-12-07T01:00:00.000Z");
}

TEST(ReportDeadline, AcrossTheIsoYearBoundary) {
  // 2026-W53 runs from Monday 28 December 2026 to Sunday 3 January 2027: its Friday is New Year's
  // day 2027, and the week after it is 2027-W01.
  const Period w53 = week("2026-W53");
  EXPECT_EQ(format_date(w53.start), "2026-12-28");
  EXPECT_EQ(format_date(deadline_day(w53, {})), "2027-01-01");
  EXPECT_EQ(utc(deadline_instant(w53, {}, zone_of("Asia/Shanghai"))), "2027-01-01T10:00:00.000Z");
  EXPECT_EQ(next_report_period(ReportKind::week, w53).label, "2027-W01");
  // 2025-W01 starts on Monday 30 December 2024: its deadline is 3 January 2025.
  const Period w01 = week("2025-W01");
  EXPECT_EQ(format_date(w01.start), "2024-12-30");
  EXPECT_EQ(format_date(deadline_day(w01, {})), "2025-01-03");
  EXPECT_EQ(report_period_of(ReportKind::week, *parse_date("2024-12-31")).label, "2025-W01");
  // A week's report due on the next Monday of a new year.
  EXPECT_EQ(format_date(deadline_day(week("2024-W52"), {1, 600})), "2024-12-30");
}

TEST(ReportDeadline, ADayAndAMonth) {
  const Period day = parse_report_period(ReportKind::day, "2028-02-29").value();
  EXPECT_EQ(utc(deadline_instant(day, {0, 21 * 60}, zone_of("Asia/Shanghai"))),
            "2028-02-29T13:00:00.000Z");
  const Period feb = parse_report_period(ReportKind::month, "2028-02").value();
  EXPECT_EQ(format_date(deadline_day(feb, {0, 0})), "2028-02-29");
  EXPECT_EQ(next_report_period(ReportKind::month, feb).label, "2028-03");
}

TEST(ReportDeadline, ALocalTimeSkippedByDaylightSavingIsTheGapsEnd) {
  // 8 March 2026: New York skips 02:00–03:00. A deadline at 02:30 that Sunday is 03:00 EDT.
  const Period p = week("2026-W10");
  EXPECT_EQ(format_date(p.end - std::chrono::days{1}), "2026-03-08");
  EXPECT_EQ(utc(deadline_instant(p, {0, 150}, zone_of("America/New_York"))),
            "2026-03-08T07:00:00.000Z");
}

TEST(TimeOfDay, ParsesAndFormats) {
  EXPECT_EQ(parse_time_of_day("18:00"), 1080);
  EXPECT_EQ(parse_time_of_day("00:00"), 0);
  EXPECT_EQ(parse_time_of_day("23:59"), 1439);
  for (auto bad : {"24:00", "8:00", "18:60", "18-00", "", "18:0a"}) {
    EXPECT_FALSE(parse_time_of_day(bad)) << bad;
  }
  EXPECT_EQ(format_time_of_day(1080), "18:00");
  EXPECT_EQ(format_time_of_day(65), "01:05");
}

}  // namespace
}  // namespace fupan::reports

#include "domain/reports/reminder_schedule.h"

namespace fupan::reports {
namespace {

TEST(ReminderSchedule, BeforeAndAfterTheDeadline) {
  const Period p = week("2026-W53");  // due Friday 1 January 2027 18:00 in Shanghai
  const Instant d = deadline_instant(p, {}, zone_of("Asia/Shanghai"));
  EXPECT_EQ(due_stage(d, d - std::chrono::minutes{121}), std::nullopt);
  EXPECT_EQ(due_stage(d, d - std::chrono::minutes{120}), ReminderStage::before);
  EXPECT_EQ(due_stage(d, d - std::chrono::milliseconds{1}), ReminderStage::before);
  EXPECT_EQ(due_stage(d, d), std::nullopt);
  EXPECT_EQ(due_stage(d, d + std::chrono::minutes{59}), std::nullopt);
  EXPECT_EQ(due_stage(d, d + std::chrono::minutes{60}), ReminderStage::after);
  EXPECT_EQ(due_stage(d, d + std::chrono::hours{24} + std::chrono::minutes{59}),
            ReminderStage::after);
  EXPECT_EQ(due_stage(d, d + std::chrono::hours{25}), std::nullopt);
  EXPECT_EQ(format_rfc3339(d - std::chrono::minutes{120}), "2027-01-01T08:00:00.000Z");
}

std::vector<std::string> labels(const std::vector<Period>& periods) {
  std::vector<std::string> out;
  for (const auto& p : periods) out.push_back(p.label);
  return out;
}

TEST(ReminderSchedule, PeriodsWhoseDeadlineIsNear) {
  const LocalDate fri{std::chrono::year{2027} / 1 / 1};  // Friday of 2026-W53
  // Friday 18:00 (two days before Sunday): on Friday, the week ending that Sunday.
  EXPECT_EQ(labels(periods_to_remind(ReportKind::week, {{}}, fri)),
            std::vector<std::string>{"2026-W53"});
  // Until Sunday the after stage may still be due (a deadline late on Friday); on Monday not.
  EXPECT_EQ(labels(periods_to_remind(ReportKind::week, {{}}, fri + std::chrono::days{2})),
            std::vector<std::string>{"2026-W53"});
  EXPECT_TRUE(periods_to_remind(ReportKind::week, {{}}, fri + std::chrono::days{3}).empty());
  // Thursday: the Friday deadline is the day after (a before stage from 22:00 on Thursday).
  EXPECT_EQ(labels(periods_to_remind(ReportKind::week, {{}}, fri - std::chrono::days{1})),
            std::vector<std::string>{"2026-W53"});
  // A team's Monday 10:00 after the week (offset +1) beside the org's Friday: on Sunday both
  // are near, for the same week; on Friday a team's Friday a week late (+5) is the week before.
  EXPECT_EQ(labels(periods_to_remind(ReportKind::week, {{}, {1, 600}}, fri + std::chrono::days{2})),
            std::vector<std::string>{"2026-W53"});
  EXPECT_EQ(labels(periods_to_remind(ReportKind::week, {{5, 600}, {}}, fri)),
            (std::vector<std::string>{"2026-W52", "2026-W53"}));
  // A day due the same evening: the day before yesterday to tomorrow.
  EXPECT_EQ(labels(periods_to_remind(ReportKind::day, {{0, 21 * 60}}, fri)),
            (std::vector<std::string>{"2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"}));
  // A month due on its 1st after it: on 1 March of a leap year, February.
  EXPECT_EQ(labels(periods_to_remind(ReportKind::month, {{1, 600}},
                                     LocalDate{std::chrono::year{2028} / 3 / 1})),
            std::vector<std::string>{"2028-02"});
  EXPECT_TRUE(
      periods_to_remind(ReportKind::month, {{1, 600}}, LocalDate{std::chrono::year{2028} / 3 / 4})
          .empty());
}

TEST(ReportPeriod, ADayHasAReportOnlyOnAWorkingDay) {
  const auto day = [](int m, int d) {
    return report_period_of(ReportKind::day, LocalDate{std::chrono::year{2027} / m / d});
  };
  const std::vector<LocalDate> holidays{LocalDate{std::chrono::year{2027} / 1 / 1}};
  EXPECT_FALSE(has_report(ReportKind::day, day(1, 1), holidays));  // a holiday
  EXPECT_FALSE(has_report(ReportKind::day, day(1, 2), holidays));  // Saturday
  EXPECT_TRUE(has_report(ReportKind::day, day(1, 4), holidays));   // Monday
  EXPECT_TRUE(
      has_report(ReportKind::week, report_period_of(ReportKind::week, day(1, 2).start), holidays));
  EXPECT_EQ(report_kind_zh(ReportKind::month), "月报");
}

}  // namespace
}  // namespace fupan::reports
