#include "core/text_parse.h"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <limits>

namespace fupan {
namespace {

using std::chrono::minutes;

TEST(TextParse, DatesInTheFormsPeopleWrite) {
  struct Case {
    std::string_view text, date;
  };
  const Case cases[] = {
      {"2026-11-23", "2026-11-23"},
      {"2026/11/23", "2026-11-23"},
      {"2026/1/5", "2026-01-05"},
      {"2026.1.5", "2026-01-05"},
      {"2026-1-05", "2026-01-05"},
      {"2026年11月23日", "2026-11-23"},
      {"2026年1月5日", "2026-01-05"},
      {"2026年1月5", "2026-01-05"},
      {"2026-11-23 00:00:00", "2026-11-23"},
      {"2026/1/5 0:00", "2026-01-05"},
      {"2026-11-23T00:00:00.000", "2026-11-23"},
      {"  2026-11-23\t", "2026-11-23"},
      {"\xC2\xA0"
       "2026-11-23\xE3\x80\x80",
       "2026-11-23"},  // no-break and ideographic spaces
      {"2024-02-29", "2024-02-29"},
  };
  for (const auto& c : cases) {
    auto d = parse_date_text(c.text);
    ASSERT_TRUE(d.has_value()) << c.text;
    EXPECT_EQ(format_date(*d), c.date) << c.text;
  }
}

TEST(TextParse, RejectsWhatIsNotADate) {
  const std::string_view bad[] = {
      "",
      "2026",
      "2026-11",
      "2026-02-29",  // not a leap year
      "2026-13-01",
      "2026-00-10",
      "2026-11-31",
      "2026-11-00",
      "2026-11/23",  // mixed separators
      "2026/11-23",
      "26-11-23",  // two-digit year
      "02026-11-23",
      "2026-111-23",
      "2026-11-233",
      "2026年11-23",
      "2026-11-23 09:30",  // a time that is not midnight
      "2026-11-23 00:00:01",
      "2026-11-23 00:00:00.5",
      "2026-11-23x",
      "23/11/2026",
      "2026-11-23T",
  };
  for (std::string_view text : bad) {
    EXPECT_FALSE(parse_date_text(text).has_value()) << text;
  }
}

TEST(TextParse, DateTimes) {
  struct Case {
    std::string_view text, date;
    int minute_of_day;
  };
  const Case cases[] = {
      {"2026-11-23", "2026-11-23", 0},
      {"2026-11-23 09:30", "2026-11-23", 9 * 60 + 30},
      {"2026/1/5 9:05", "2026-01-05", 9 * 60 + 5},
      {"2026.1.5 23:59:59", "2026-01-05", 23 * 60 + 59},  // seconds dropped
      {"2026-11-23T14:00", "2026-11-23", 14 * 60},
      {"2026-11-23T14:00:30.250", "2026-11-23", 14 * 60},
      {"2026年11月23日 08:15", "2026-11-23", 8 * 60 + 15},
      {"2026-11-23   08:15", "2026-11-23", 8 * 60 + 15},
  };
  for (const auto& c : cases) {
    auto dt = parse_datetime_text(c.text);
    ASSERT_TRUE(dt.has_value()) << c.text;
    EXPECT_EQ(format_date(dt->date), c.date) << c.text;
    EXPECT_EQ(dt->time_of_day, minutes{c.minute_of_day}) << c.text;
  }
  const std::string_view bad[] = {
      "2026-11-23 24:00",  "2026-11-23 12:60", "2026-11-23 12:30:60", "2026-11-23 123:00",
      "2026-11-23 12",     "2026-11-23 12:3",  "2026-11-23 12:30:",   "2026-11-23 12:30:00.",
      "2026-11-23T12:30Z", "2026-11-23 noon",  "2026-02-30 12:00",    "2026-11-2312:00",
  };
  for (std::string_view text : bad) {
    EXPECT_FALSE(parse_datetime_text(text).has_value()) << text;
  }
}

TEST(TextParse, InstantsWithAndWithoutZones) {
  const date::time_zone* shanghai = date::locate_zone("Asia/Shanghai");
  struct Case {
    std::string_view text;
    const date::time_zone* tz;
    std::string_view utc;
  };
  const Case cases[] = {
      {"2026-11-23T09:18:29.000Z", shanghai, "2026-11-23T09:18:29.000Z"},
      {"2026-11-23T09:18:29Z", nullptr, "2026-11-23T09:18:29.000Z"},
      {"2026-11-23T09:18:29.5z", shanghai, "2026-11-23T09:18:29.500Z"},
      {"2026-11-23T09:18:29.123456Z", shanghai, "2026-11-23T09:18:29.123Z"},
      {"2026-11-23T17:18:29+08:00", nullptr, "2026-11-23T09:18:29.000Z"},
      {"2026-11-23T17:18:29+0800", nullptr, "2026-11-23T09:18:29.000Z"},
      {"2026-11-23T17:18+08", nullptr, "2026-11-23T09:18:00.000Z"},
      {"2026-11-23T00:30:00-05:30", shanghai, "2026-11-23T06:00:00.000Z"},
      {"2026-11-23 09:18:29 +08:00", nullptr, "2026-11-23T01:18:29.000Z"},
      // Local times are in the given zone (Shanghai is UTC+8 all year).
      {"2026-11-23 09:18:29", shanghai, "2026-11-23T01:18:29.000Z"},
      {"2026/11/23 9:18", shanghai, "2026-11-23T01:18:00.000Z"},
      {"2026年11月23日", shanghai, "2026-11-22T16:00:00.000Z"},
      {"2026-11-23 09:18:29.042", shanghai, "2026-11-23T01:18:29.042Z"},
      {"2026-11-23 09:18", nullptr, "2026-11-23T09:18:00.000Z"},  // no zone: UTC
  };
  for (const auto& c : cases) {
    auto t = parse_instant_text(c.text, c.tz);
    ASSERT_TRUE(t.has_value()) << c.text;
    EXPECT_EQ(format_rfc3339(*t), c.utc) << c.text;
  }
  const std::string_view bad[] = {
      "",
      "2026-11-23Z",  // a zone needs a time
      "2026-11-23+08:00",
      "2026-11-23T09:18:29+8:00",
      "2026-11-23T09:18:29+24:00",
      "2026-11-23T09:18:29+08:60",
      "2026-11-23T09:18:29+08:0",
      "2026-11-23T09:18:29 UTC",
      "2026-11-23T09:18:29ZZ",
      "yesterday",
  };
  for (std::string_view text : bad) {
    EXPECT_FALSE(parse_instant_text(text, shanghai).has_value()) << text;
  }
}

TEST(TextParse, InstantsAcrossDaylightSavingTime) {
  const date::time_zone* new_york = date::locate_zone("America/New_York");
  // EDT (UTC−4) in summer, EST (UTC−5) in winter.
  EXPECT_EQ(format_rfc3339(*parse_instant_text("2026-07-01 12:00", new_york)),
            "2026-07-01T16:00:00.000Z");
  EXPECT_EQ(format_rfc3339(*parse_instant_text("2026-12-01 12:00", new_york)),
            "2026-12-01T17:00:00.000Z");
  // 01:30 on 2026-11-01 happens twice; the earlier (EDT) one is taken.
  EXPECT_EQ(format_rfc3339(*parse_instant_text("2026-11-01 01:30", new_york)),
            "2026-11-01T05:30:00.000Z");
  // 02:30 on 2026-03-08 does not exist; it maps to the transition at 07:00Z.
  EXPECT_EQ(format_rfc3339(*parse_instant_text("2026-03-08 02:30", new_york)),
            "2026-03-08T07:00:00.000Z");
}

TEST(TextParse, Booleans) {
  for (std::string_view yes : {"true", "TRUE", "True", "1", "yes", "YES", "y", "Y", "是", " 是 "}) {
    EXPECT_EQ(parse_bool_text(yes), true) << yes;
  }
  for (std::string_view no : {"false", "FALSE", "0", "no", "No", "n", "N", "否", "\tfalse"}) {
    EXPECT_EQ(parse_bool_text(no), false) << no;
  }
  for (std::string_view bad : {"", "2", "t", "f", "yep", "nope", "truee", "是的", "对", "-1"}) {
    EXPECT_EQ(parse_bool_text(bad), std::nullopt) << bad;
  }
}

TEST(TextParse, Integers) {
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  struct Case {
    std::string_view text;
    std::int64_t value;
  };
  const Case cases[] = {
      {"0", 0},
      {"12", 12},
      {" 12 ", 12},
      {"+12", 12},
      {"-12", -12},
      {"-0", 0},
      {"007", 7},
      {"12.0", 12},
      {"12.000", 12},
      {"-3.0", -3},
      {"1,234", 1234},
      {"12,345,678", 12345678},
      {"-1,234.00", -1234},
      {"9223372036854775807", kMax},
      {"-9223372036854775808", kMin},
      {"9,223,372,036,854,775,807", kMax},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(parse_int_text(c.text), c.value) << c.text;
  }
  for (std::string_view bad : {"",
                               " ",
                               "-",
                               "+",
                               "12.5",
                               "12.01",
                               "12.",
                               ".0",
                               "1e3",
                               "12a",
                               "a12",
                               "1 2",
                               "--1",
                               "+-1",
                               "1,23",
                               "1234,567",
                               ",123",
                               "1,234,",
                               "1,,234",
                               "0x10",
                               "9223372036854775808",
                               "-9223372036854775809",
                               "99999999999999999999999"}) {
    EXPECT_EQ(parse_int_text(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace fupan
