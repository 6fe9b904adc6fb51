#include "core/time.h"

#include <date/tz.h>
#include <gtest/gtest.h>

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

TEST(Time, FormatsPadDigits) {
  EXPECT_EQ(format_rfc3339(instant_from_ms(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(instant_from_ms(951782400007)), "2000-02-29T00:00:00.007Z");
  EXPECT_EQ(format_date(*parse_date("0999-01-09")), "0999-01-09");
}

}  // namespace
}  // namespace fupan
