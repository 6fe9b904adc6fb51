#include "core/time.h"

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
