#include "core/time.h"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <type_traits>

namespace fupan {
namespace {

TEST(Time, ParsesRealDatesOnly) {
  EXPECT_EQ(format_date(*parse_date("2026-11-23")), "2026-11-23");
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2026-02-29"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("2026-1-01"));
  EXPECT_FALSE(parse_date("20261101xx"));
  EXPECT_FALSE(parse_date(""));
}

TEST(Time, LocalDateFollowsTheOrgTimeZone) {
  // 2026-11-22T16:30Z is Monday 00:30 in Shanghai but still Sunday in UTC.
  Instant t = instant_from_ms(1795365000000);
  EXPECT_EQ(format_rfc3339(t), "2026-11-22T16:30:00.000Z");
  EXPECT_EQ(format_date(local_date(t, "Asia/Shanghai")), "2026-11-23");
  EXPECT_EQ(format_date(local_date(t, "UTC")), "2026-11-22");
}

TEST(Time, KnowsIanaZones) {
  EXPECT_TRUE(is_known_time_zone("Asia/Shanghai"));
  EXPECT_FALSE(is_known_time_zone("Mars/Olympus"));
}

TEST(Time, OneZoneLookupWithOneFallback) {
  EXPECT_EQ(zone_of("UTC")->name(), "UTC");
  EXPECT_EQ(zone_of("America/New_York")->name(), "America/New_York");
  EXPECT_EQ(zone_of("Mars/Olympus"), zone_of(kDefaultTimeZone));
  EXPECT_EQ(zone_of(""), zone_of("Asia/Shanghai"));
  // An unknown name's local day is the default zone's.
  const Instant t = instant_from_ms(1795365000000);  // 2026-11-22T16:30Z
  EXPECT_EQ(format_date(local_date(t, "Mars/Olympus")), "2026-11-23");
  EXPECT_EQ(local_date(t, zone_of("UTC")), *parse_date("2026-11-22"));
}

TEST(Time, ALocalDateBecomesAnInstantOnlyInAZone) {
  const LocalDate d = *parse_date("2026-11-23");
  EXPECT_EQ(format_rfc3339(start_of(d, zone_of("Asia/Shanghai"))), "2026-11-22T16:00:00.000Z");
  EXPECT_EQ(format_rfc3339(start_of(d, zone_of("UTC"))), "2026-11-23T00:00:00.000Z");
  EXPECT_EQ(
      format_rfc3339(instant_at(d, std::chrono::minutes{9 * 60 + 30}, zone_of("Asia/Shanghai"))),
      "2026-11-23T01:30:00.000Z");
  const date::time_zone* ny = zone_of("America/New_York");
  // 2026-03-08: 02:00–03:00 does not exist; 02:30 is the instant the gap ends (03:00 EDT).
  EXPECT_EQ(format_rfc3339(instant_at(*parse_date("2026-03-08"), std::chrono::minutes{150}, ny)),
            "2026-03-08T07:00:00.000Z");
  EXPECT_EQ(format_rfc3339(start_of(*parse_date("2026-03-08"), ny)), "2026-03-08T05:00:00.000Z");
  // 2026-11-01: 01:30 happens twice; the earlier is 01:30 EDT.
  EXPECT_EQ(format_rfc3339(instant_at(*parse_date("2026-11-01"), std::chrono::minutes{90}, ny)),
            "2026-11-01T05:30:00.000Z");
  // A day and the instant it starts agree in every zone.
  for (const char* tz : {"Asia/Shanghai", "America/New_York", "Pacific/Chatham", "UTC"}) {
    EXPECT_EQ(local_date(start_of(d, zone_of(tz)), zone_of(tz)), d) << tz;
  }
}

}  // namespace
}  // namespace fupan

namespace fupan {
namespace {

// A local date is made from a calendar date, text or an instant in a zone: never silently from a
// day counted in UTC (floor<days> of an instant) nor from an instant.
static_assert(!std::is_convertible_v<std::chrono::sys_days, LocalDate>);
static_assert(!std::is_convertible_v<Instant, LocalDate>);
static_assert(!std::is_constructible_v<LocalDate, std::chrono::sys_days>);
static_assert(!std::is_constructible_v<LocalDate, Instant>);
static_assert(!std::is_constructible_v<LocalDate, date::sys_days>);
static_assert(!std::is_convertible_v<LocalDate, std::chrono::sys_days>);
static_assert(!std::is_convertible_v<LocalDate, Instant>);
static_assert(!std::is_convertible_v<std::chrono::year_month_day, LocalDate>);
static_assert(std::is_trivially_copyable_v<LocalDate>);
static_assert(LocalDate{std::chrono::year{2026} / 11 / 23} + std::chrono::days{8} ==
              LocalDate{std::chrono::year{2026} / 12 / 1});

TEST(Time, LocalDateArithmetic) {
  using std::chrono::days;
  const LocalDate d{std::chrono::year{2024} / 2 / 28};
  EXPECT_EQ(format_date(d + days{1}), "2024-02-29");
  EXPECT_EQ(format_date(d + days{2}), "2024-03-01");
  EXPECT_EQ(format_date(days{2} + d), "2024-03-01");
  EXPECT_EQ(format_date(d - days{59}), "2023-12-31");
  EXPECT_EQ(*parse_date("2025-01-01") - d, days{308});
  EXPECT_EQ(d - *parse_date("2025-01-01"), days{-308});
  LocalDate e = d;
  ++e;
  EXPECT_EQ(e, *parse_date("2024-02-29"));
  e += days{366};
  EXPECT_EQ(e, *parse_date("2025-03-01"));
  --e;
  e -= days{28};
  EXPECT_EQ(e, *parse_date("2025-01-31"));
  EXPECT_LT(d, e);
  EXPECT_GT(e, d);
  EXPECT_NE(d, e);
  EXPECT_EQ(std::min(d, e), d);
  EXPECT_LT(LocalDate::min(), d);
  EXPECT_LT(d, LocalDate::max());
  EXPECT_EQ(format_date(LocalDate{}), "1970-01-01");
}

TEST(Time, LocalDateCalendarAndDayCount) {
  const LocalDate d = *parse_date("2026-11-23");
  EXPECT_EQ(d.ymd(), std::chrono::year{2026} / 11 / 23);
  EXPECT_EQ(d.weekday(), std::chrono::Monday);
  EXPECT_EQ(d.days().time_since_epoch().count(), 20780);
  EXPECT_EQ(LocalDate::from_days(d.days()), d);
  EXPECT_EQ(LocalDate{d.ymd()}, d);
  // Formatting and parsing round-trip over leap days and year ends.
  for (LocalDate day = *parse_date("2023-12-25"); day < *parse_date("2025-01-10");
       day += std::chrono::days{1}) {
    ASSERT_EQ(parse_date(format_date(day)), day) << day;
  }
  std::ostringstream out;
  out << d;
  EXPECT_EQ(out.str(), "2026-11-23");
}

TEST(Time, LocalDateOfAUtcDayTakesAZone) {
  // 2026-11-22T16:30Z: the UTC day is the 22nd, the local day in Shanghai the 23rd.
  const Instant t = instant_from_ms(1795365000000);
  const auto utc_day = std::chrono::floor<std::chrono::days>(t);
  EXPECT_EQ(local_date(t, zone_of("Asia/Shanghai")), *parse_date("2026-11-23"));
  EXPECT_EQ(LocalDate::from_days(utc_day), *parse_date("2026-11-22"));  // only when asked for
}

TEST(Time, FormatsPadDigits) {
  EXPECT_EQ(format_rfc3339(instant_from_ms(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(instant_from_ms(951782400007)), "2000-02-29T00:00:00.007Z");
  EXPECT_EQ(format_date(*parse_date("0999-01-09")), "0999-01-09");
}

}  // namespace
}  // namespace fupan
