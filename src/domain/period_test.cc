#include "domain/period.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

LocalDate day(std::string_view text) {
  return *parse_date(text);
}

Period parsed(std::string_view text, int fiscal_start_month = 1) {
  Result<Period> p = parse_period(text, fiscal_start_month);
  EXPECT_TRUE(p.ok()) << text << ": " << (p.ok() ? "" : english(p.error().detail));
  return p.ok() ? *p : Period{};
}

// Checks kind, [start, end) and label.
void expect_period(const Period& p, PeriodKind kind, std::string_view start, std::string_view end,
                   std::string_view label) {
  EXPECT_EQ(p.kind, kind) << label;
  EXPECT_EQ(format_date(p.start), start) << label;
  EXPECT_EQ(format_date(p.end), end) << label;
  EXPECT_EQ(p.label, label);
}

TEST(Period, ParsesEveryKindAndRoundTripsItsLabel) {
  struct Case {
    std::string_view text;
    int fiscal_start_month;
    PeriodKind kind;
    std::string_view start, end, label;
  };
  const Case cases[] = {
      {"2026-11-22", 1, PeriodKind::day, "2026-11-22", "2026-11-23", "2026-11-22"},
      {"2026-W47", 1, PeriodKind::week, "2026-11-16", "2026-11-23", "2026-W47"},
      {"2026-w47", 1, PeriodKind::week, "2026-11-16", "2026-11-23", "2026-W47"},
      {"2026-11", 1, PeriodKind::month, "2026-11-01", "2026-12-01", "2026-11"},
      {"2026-02", 1, PeriodKind::month, "2026-02-01", "2026-03-01", "2026-02"},
      {"2026-Q4", 1, PeriodKind::quarter, "2026-10-01", "2027-01-01", "2026-Q4"},
      {"2026-Q1", 1, PeriodKind::quarter, "2026-01-01", "2026-04-01", "2026-Q1"},
      {"FY2026-Q1", 1, PeriodKind::fiscal_quarter, "2026-01-01", "2026-04-01", "FY2026-Q1"},
      {"FY2026-Q1", 4, PeriodKind::fiscal_quarter, "2026-04-01", "2026-07-01", "FY2026-Q1"},
      {"fy2026-q1", 4, PeriodKind::fiscal_quarter, "2026-04-01", "2026-07-01", "FY2026-Q1"},
      {"FY2026-Q4", 4, PeriodKind::fiscal_quarter, "2027-01-01", "2027-04-01", "FY2026-Q4"},
      {"FY2026-Q4", 12, PeriodKind::fiscal_quarter, "2027-09-01", "2027-12-01", "FY2026-Q4"},
      {"2026", 1, PeriodKind::year, "2026-01-01", "2027-01-01", "2026"},
      {"FY2026", 1, PeriodKind::fiscal_year, "2026-01-01", "2027-01-01", "FY2026"},
      {"FY2026", 4, PeriodKind::fiscal_year, "2026-04-01", "2027-04-01", "FY2026"},
      {"2026-11-01..2026-11-30", 1, PeriodKind::range, "2026-11-01", "2026-12-01",
       "2026-11-01..2026-11-30"},
      {"2026-11-22..2026-11-22", 1, PeriodKind::range, "2026-11-22", "2026-11-23",
       "2026-11-22..2026-11-22"},
      {"1970-01-01", 1, PeriodKind::day, "1970-01-01", "1970-01-02", "1970-01-01"},
  };
  for (const auto& c : cases) {
    const Period p = parsed(c.text, c.fiscal_start_month);
    expect_period(p, c.kind, c.start, c.end, c.label);
    EXPECT_EQ(parsed(p.label, c.fiscal_start_month), p) << c.text;
  }
  EXPECT_EQ(parsed("2026-11-01..2026-11-30").days(), 30);
  // A range may span all the data there is (no limit but the years 1970..9999).
  EXPECT_EQ(parsed("1970-01-01..9999-12-31").days(), 2'932'897);
  EXPECT_EQ(parsed("2026-Q4").days(), 92);
  EXPECT_EQ(parsed("9999-12-31").days(), 1);
  EXPECT_EQ(parsed("FY9999", 4).days(), 366);
}

TEST(Period, RejectsWhatIsNotAPeriod) {
  const std::string_view bad[] = {
      "",
      "garbage",
      "2026-W54",
      "2026-W00",
      "2025-W53",  // 2025 has 52 ISO weeks
      "2026-W5",
      "2026-13",
      "2026-00",
      "2026-1",
      "2026-Q5",
      "2026-Q0",
      "2026-02-30",
      "2025-02-29",
      "2026-11-31",
      "2026-11-30..2026-11-01",
      "2026-11-01..",
      "..2026-11-01",
      "2026-11-01...2026-11-30",
      "2026-11-01..2026-11-31",
      "1969",
      "1969-12-31",
      "0000-01-01",
      "10000",
      "FY2026-Q5",
      "FY2026Q1",
      "FY26",
      "FY",
      "FY2026-",
      " 2026",
      "2026 ",
      "2026/11",
      "2026-11-22T00:00",
      "+2026",
      "２０２６",
  };
  for (std::string_view text : bad) {
    Result<Period> p = parse_period(text);
    ASSERT_FALSE(p.ok()) << text;
    EXPECT_EQ(p.error().code, ErrorCode::invalid_field) << text;
    EXPECT_EQ(p.error().field, "period") << text;
    EXPECT_FALSE(p.error().detail.empty()) << text;
  }
  EXPECT_EQ(english(parse_period("garbage").error().detail),
            "use a day (2026-11-22), a week (2026-W47), a month (2026-11), a quarter (2026-Q4), a "
            "fiscal quarter (FY2026-Q1), a year (2026), a fiscal year (FY2026) or a range "
            "(2026-11-01..2026-11-30)");
  EXPECT_EQ(english(parse_period("2025-W53").error().detail), "this year has only 52 ISO weeks");
  EXPECT_EQ(english(parse_period("2026-13").error().detail), "the month must be 01..12");
  EXPECT_EQ(english(parse_period("2026-02-30").error().detail), "the day is not in the calendar");
  EXPECT_EQ(english(parse_period("2026-11-30..2026-11-01").error().detail),
            "the range must not end before it starts");
  EXPECT_TRUE(parse_period("2026-01-01..2036-01-08").ok());  // 3,660 days
}

TEST(Period, Week53ExistsOnlyInLongIsoYears) {
  for (int y : {2004, 2009, 2015, 2020, 2026, 2032, 2037}) {
    EXPECT_TRUE(parse_period(std::to_string(y) + "-W53").ok()) << y;
  }
  for (int y : {2021, 2022, 2023, 2024, 2025, 2027, 2028}) {
    EXPECT_FALSE(parse_period(std::to_string(y) + "-W53").ok()) << y;
  }
}

TEST(Period, IsoWeeksAcrossYearBoundaries) {
  const Period w53 = parsed("2026-W53");
  expect_period(w53, PeriodKind::week, "2026-12-28", "2027-01-04", "2026-W53");
  EXPECT_EQ(period_containing(PeriodKind::week, day("2027-01-03")), w53);
  expect_period(same_period_last_year(w53), PeriodKind::week, "2025-12-22", "2025-12-29",
                "2025-W52");

  expect_period(parsed("2027-W01"), PeriodKind::week, "2027-01-04", "2027-01-11", "2027-W01");
  EXPECT_EQ(previous_period(parsed("2027-W01")), w53);

  const Period w1 = parsed("2025-W01");
  expect_period(w1, PeriodKind::week, "2024-12-30", "2025-01-06", "2025-W01");
  EXPECT_EQ(period_containing(PeriodKind::week, day("2024-12-31")), w1);
  EXPECT_EQ(period_containing(PeriodKind::week, day("2024-12-29")).label, "2024-W52");

  expect_period(previous_period(parsed("2026-W01")), PeriodKind::week, "2025-12-22", "2025-12-29",
                "2025-W52");
  expect_period(same_period_last_year(parsed("2026-W47")), PeriodKind::week, "2025-11-17",
                "2025-11-24", "2025-W47");
  // 2021-W01 starts 2021-01-04; a year earlier, 2020-W01 starts 2019-12-30.
  expect_period(same_period_last_year(parsed("2021-W01")), PeriodKind::week, "2019-12-30",
                "2020-01-06", "2020-W01");
}

TEST(Period, PreviousPeriods) {
  expect_period(previous_period(parsed("2026-Q1")), PeriodKind::quarter, "2025-10-01", "2026-01-01",
                "2025-Q4");
  expect_period(previous_period(parsed("2026-01")), PeriodKind::month, "2025-12-01", "2026-01-01",
                "2025-12");
  expect_period(previous_period(parsed("2026-03")), PeriodKind::month, "2026-02-01", "2026-03-01",
                "2026-02");
  expect_period(previous_period(parsed("2026-03-01")), PeriodKind::day, "2026-02-28", "2026-03-01",
                "2026-02-28");
  expect_period(previous_period(parsed("2026")), PeriodKind::year, "2025-01-01", "2026-01-01",
                "2025");
  expect_period(previous_period(parsed("FY2026", 4), 4), PeriodKind::fiscal_year, "2025-04-01",
                "2026-04-01", "FY2025");
}

TEST(Period, SamePeriodLastYear) {
  expect_period(same_period_last_year(parsed("2024-02-29")), PeriodKind::day, "2023-02-28",
                "2023-03-01", "2023-02-28");
  expect_period(same_period_last_year(parsed("2025-03-01")), PeriodKind::day, "2024-03-01",
                "2024-03-02", "2024-03-01");
  expect_period(same_period_last_year(parsed("2024-02")), PeriodKind::month, "2023-02-01",
                "2023-03-01", "2023-02");
  expect_period(same_period_last_year(parsed("2026-Q4")), PeriodKind::quarter, "2025-10-01",
                "2026-01-01", "2025-Q4");
  expect_period(same_period_last_year(parsed("2026")), PeriodKind::year, "2025-01-01", "2026-01-01",
                "2025");
  expect_period(same_period_last_year(parsed("FY2026")), PeriodKind::fiscal_year, "2025-01-01",
                "2026-01-01", "FY2025");
}

TEST(Period, FiscalQuartersStartingInApril) {
  const Period q4 = parsed("FY2026-Q4", 4);
  expect_period(q4, PeriodKind::fiscal_quarter, "2027-01-01", "2027-04-01", "FY2026-Q4");
  expect_period(previous_period(q4, 4), PeriodKind::fiscal_quarter, "2026-10-01", "2027-01-01",
                "FY2026-Q3");
  expect_period(same_period_last_year(q4, 4), PeriodKind::fiscal_quarter, "2026-01-01",
                "2026-04-01", "FY2025-Q4");
  expect_period(previous_period(parsed("FY2026-Q1", 4), 4), PeriodKind::fiscal_quarter,
                "2026-01-01", "2026-04-01", "FY2025-Q4");
  EXPECT_EQ(period_containing(PeriodKind::fiscal_quarter, day("2027-02-10"), 4), q4);
  EXPECT_EQ(period_containing(PeriodKind::fiscal_year, day("2026-03-31"), 4).label, "FY2025");
  EXPECT_EQ(period_containing(PeriodKind::fiscal_year, day("2026-04-01"), 4).label, "FY2026");
}

TEST(Period, FiscalYearStartingInJanuaryIsTheCalendarYearUnderItsOwnName) {
  const Period fy = parsed("FY2026");
  const Period y = parsed("2026");
  EXPECT_EQ(fy.start, y.start);
  EXPECT_EQ(fy.end, y.end);
  EXPECT_EQ(fy.kind, PeriodKind::fiscal_year);
  EXPECT_EQ(fy.label, "FY2026");
  EXPECT_NE(fy, y);
}

TEST(Period, RangesStepBackByTheirLengthAndAYear) {
  const Period nov = parsed("2026-11-01..2026-11-30");
  expect_period(previous_period(nov), PeriodKind::range, "2026-10-02", "2026-11-01",
                "2026-10-02..2026-10-31");
  expect_period(same_period_last_year(nov), PeriodKind::range, "2025-11-01", "2025-12-01",
                "2025-11-01..2025-11-30");
  expect_period(previous_period(parsed("2024-03-01..2024-03-31")), PeriodKind::range, "2024-01-30",
                "2024-03-01", "2024-01-30..2024-02-29");
  expect_period(same_period_last_year(parsed("2024-02-01..2024-02-29")), PeriodKind::range,
                "2023-02-01", "2023-03-01", "2023-02-01..2023-02-28");
  expect_period(same_period_last_year(parsed("2024-02-29..2024-03-31")), PeriodKind::range,
                "2023-02-28", "2023-04-01", "2023-02-28..2023-03-31");
  expect_period(same_period_last_year(parsed("2024-02-29..2024-02-29")), PeriodKind::range,
                "2023-02-28", "2023-03-01", "2023-02-28..2023-02-28");
}

TEST(Period, ContainingEveryKind) {
  const LocalDate d = day("2026-11-22");
  const std::pair<PeriodKind, std::string_view> cases[] = {
      {PeriodKind::day, "2026-11-22"},
      {PeriodKind::week, "2026-W47"},
      {PeriodKind::month, "2026-11"},
      {PeriodKind::quarter, "2026-Q4"},
      {PeriodKind::fiscal_quarter, "FY2026-Q3"},
      {PeriodKind::year, "2026"},
      {PeriodKind::fiscal_year, "FY2026"},
      {PeriodKind::range, "2026-11-22..2026-11-22"},
  };
  for (const auto& [kind, label] : cases) {
    const Period p = period_containing(kind, d, 4);
    EXPECT_EQ(p.kind, kind) << label;
    EXPECT_EQ(p.label, label);
    EXPECT_TRUE(p.contains(d)) << label;
  }
}

// Every day of a few years, every kind, a few fiscal starts: the containing period holds the
// day, parses back from its label, and its previous period ends where it starts.
TEST(Period, ContainingAgreesWithParsingAndPrevious) {
  const PeriodKind kinds[] = {PeriodKind::day,        PeriodKind::week,           PeriodKind::month,
                              PeriodKind::quarter,    PeriodKind::fiscal_quarter, PeriodKind::year,
                              PeriodKind::fiscal_year};
  for (int fsm : {1, 4, 7, 12}) {
    for (LocalDate d = day("2024-12-01"); d < day("2027-02-01"); d += std::chrono::days{1}) {
      for (PeriodKind kind : kinds) {
        const Period p = period_containing(kind, d, fsm);
        ASSERT_TRUE(p.contains(d)) << p.label;
        Result<Period> back = parse_period(p.label, fsm);
        ASSERT_TRUE(back.ok()) << p.label;
        ASSERT_EQ(*back, p) << p.label;
        const Period prev = previous_period(p, fsm);
        ASSERT_EQ(prev.end, p.start) << p.label;
        ASSERT_EQ(prev.kind, kind) << p.label;
        ASSERT_EQ(same_period_last_year(p, fsm).kind, kind) << p.label;
      }
    }
  }
}

TEST(Period, WeeksWithinAQuarterAreClippedToIt) {
  const Period q4 = parsed("2026-Q4");
  const std::vector<Period> weeks = periods_within(PeriodKind::week, q4);
  ASSERT_EQ(weeks.size(), 14u);
  expect_period(weeks.front(), PeriodKind::week, "2026-10-01", "2026-10-05", "2026-W40");
  expect_period(weeks[1], PeriodKind::week, "2026-10-05", "2026-10-12", "2026-W41");
  expect_period(weeks.back(), PeriodKind::week, "2026-12-28", "2027-01-01", "2026-W53");
  int total = 0;
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    total += weeks[i].days();
    if (i > 0) {
      EXPECT_EQ(weeks[i].start, weeks[i - 1].end);
    }
  }
  EXPECT_EQ(total, 92);
  // A clipped period still steps back a whole one.
  EXPECT_EQ(previous_period(weeks.front()).label, "2026-W39");
}

TEST(Period, PeriodsWithin) {
  const Period y2026 = parsed("2026");
  EXPECT_EQ(periods_within(PeriodKind::month, y2026).size(), 12u);
  EXPECT_EQ(periods_within(PeriodKind::day, parsed("2026-11")).size(), 30u);
  EXPECT_EQ(periods_within(PeriodKind::year, y2026), std::vector<Period>{y2026});

  const std::vector<Period> fq = periods_within(PeriodKind::fiscal_quarter, y2026, 4);
  ASSERT_EQ(fq.size(), 4u);
  expect_period(fq[0], PeriodKind::fiscal_quarter, "2026-01-01", "2026-04-01", "FY2025-Q4");
  expect_period(fq[3], PeriodKind::fiscal_quarter, "2026-10-01", "2027-01-01", "FY2026-Q3");

  const std::vector<Period> months = periods_within(PeriodKind::month, parsed("FY2026", 4), 4);
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(months.front().label, "2026-04");
  EXPECT_EQ(months.back().label, "2027-03");

  const std::vector<Period> quarters = periods_within(PeriodKind::quarter, parsed("FY2026", 2), 2);
  ASSERT_EQ(quarters.size(), 5u);
  expect_period(quarters.front(), PeriodKind::quarter, "2026-02-01", "2026-04-01", "2026-Q1");
  expect_period(quarters.back(), PeriodKind::quarter, "2027-01-01", "2027-02-01", "2027-Q1");
  int total = 0;
  for (const Period& q : quarters) total += q.days();
  EXPECT_EQ(total, 365);

  const Period range = parsed("2026-11-20..2026-12-02");
  const std::vector<Period> months_of_range = periods_within(PeriodKind::month, range);
  ASSERT_EQ(months_of_range.size(), 2u);
  expect_period(months_of_range[0], PeriodKind::month, "2026-11-20", "2026-12-01", "2026-11");
  expect_period(months_of_range[1], PeriodKind::month, "2026-12-01", "2026-12-03", "2026-12");
  EXPECT_EQ(periods_within(PeriodKind::range, range), std::vector<Period>{range});
}

TEST(Period, ParsesKinds) {
  const std::pair<std::string_view, PeriodKind> cases[] = {
      {"day", PeriodKind::day},
      {"week", PeriodKind::week},
      {"month", PeriodKind::month},
      {"quarter", PeriodKind::quarter},
      {"fiscal_quarter", PeriodKind::fiscal_quarter},
      {"year", PeriodKind::year},
      {"fiscal_year", PeriodKind::fiscal_year},
  };
  for (const auto& [text, kind] : cases) EXPECT_EQ(parse_period_kind(text), kind) << text;
  for (std::string_view text : {"", "range", "Week", "weeks", "fiscal-year"}) {
    EXPECT_EQ(parse_period_kind(text), std::nullopt) << text;
  }
}

TEST(Period, WorkingDays) {
  const LocalDate nov1 = day("2026-11-01"), dec1 = day("2026-12-01");  // 1 November is a Sunday
  EXPECT_EQ(working_days(nov1, dec1, {}), 21);
  // A Monday counts off, a Saturday and a day outside do not; a duplicate counts once.
  const std::vector<LocalDate> holidays = {day("2026-10-30"), day("2026-11-02"), day("2026-11-02"),
                                           day("2026-11-07"), day("2026-12-01")};
  EXPECT_EQ(working_days(nov1, dec1, holidays), 20);
  EXPECT_EQ(working_days(day("2026-11-16"), day("2026-11-23"), {}), 5);  // a whole ISO week
  EXPECT_EQ(working_days(day("2026-11-21"), day("2026-11-23"), {}), 0);  // a weekend
  EXPECT_EQ(working_days(day("2026-11-23"), day("2026-11-24"), {}), 1);
  EXPECT_EQ(working_days(dec1, nov1, {}), 0);
  EXPECT_EQ(working_days(nov1, nov1, {}), 0);
  const Period y = parsed("2026");
  EXPECT_EQ(working_days(y.start, y.end, {}), 261);
}

TEST(Period, AddsMonthsClampingTheDay) {
  EXPECT_EQ(format_date(add_months(day("2024-03-31"), -1)), "2024-02-29");
  EXPECT_EQ(format_date(add_months(day("2026-01-31"), 1)), "2026-02-28");
  EXPECT_EQ(format_date(add_months(day("2026-11-23"), -12)), "2025-11-23");
  EXPECT_EQ(format_date(add_months(day("2026-11-23"), 14)), "2028-01-23");
  EXPECT_EQ(format_date(month_start(day("2026-11-23"))), "2026-11-01");
}

}  // namespace
}  // namespace fupan
