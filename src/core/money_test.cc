#include "core/money.h"

#include <gtest/gtest.h>

#include <limits>

namespace fupan {
namespace {

struct ParseCase {
  std::string_view text;
  Fen fen;
};

TEST(Money, ParsesYuanAsTypedByPeople) {
  const ParseCase cases[] = {
      {"1234", 123400},
      {"1,234.5", 123450},
      {"1234.56", 123456},
      {"¥1,234.56", 123456},
      {"￥12", 1200},
      {" 12.30 ", 1230},
      {"-3.00", -300},
      {"1234.50元", 123450},
      {"1234.50 元", 123450},
      {"¥ 8", 800},
      {"-¥3.5", -350},
      {"¥-3.5", -350},
      {"+7", 700},
      {"0", 0},
      {"-0.00", 0},
      {"0.05", 5},
      {"-0.05", -5},
      {"1.2300", 123},
      {"12,345,678.90", 1234567890},
      {"\t1\xE3\x80\x80", 100},  // tab before, ideographic space after
      {"\xC2\xA0"
       "2.5",
       250},  // no-break space
      {"92233720368547758.07", std::numeric_limits<Fen>::max()},
      {"-92233720368547758.08", std::numeric_limits<Fen>::min()},
  };
  for (const auto& c : cases) {
    auto fen = parse_yuan(c.text, "amount");
    ASSERT_TRUE(fen.ok()) << c.text << ": " << english(fen.error().detail);
    EXPECT_EQ(*fen, c.fen) << c.text;
  }
}

TEST(Money, RejectsWhatIsNotAnAmount) {
  const std::string_view bad[] = {
      "",
      " ",
      "abc",
      "12a",
      "1.234",
      "0.001",
      "1,23",
      "1234,5",
      ",123",
      "1,2345",
      "12.",
      ".5",
      "--1",
      "-+1",
      "1 234",
      "¥",
      "元",
      "1.2.3",
      "1e5",
      "¥-",
      "12元元",
      "NaN",
      "1,234,56",
      "1234,567",
      "+-¥1",
      "92233720368547758.08",
      "-92233720368547758.09",
      "99999999999999999999999999999",
  };
  for (std::string_view text : bad) {
    auto fen = parse_yuan(text, "amount");
    ASSERT_FALSE(fen.ok()) << text << " parsed as " << *fen;
    EXPECT_EQ(fen.error().code, ErrorCode::invalid_field) << text;
    EXPECT_EQ(fen.error().field, "amount") << text;
    EXPECT_FALSE(fen.error().detail.empty()) << text;
  }
}

TEST(Money, ReasonsNameTheProblem) {
  EXPECT_EQ(english(parse_yuan("", "price").error().detail), "must not be empty");
  EXPECT_EQ(english(parse_yuan("1.234", "price").error().detail), "at most 2 decimal places");
  EXPECT_EQ(parse_yuan("1e99", "price").error().field, "price");
  EXPECT_EQ(english(parse_yuan("99999999999999999999", "price").error().detail),
            "amount is out of range");
}

TEST(Money, FormatsTwoDecimals) {
  EXPECT_EQ(format_yuan(123456), "1234.56");
  EXPECT_EQ(format_yuan(-5), "-0.05");
  EXPECT_EQ(format_yuan(0), "0.00");
  EXPECT_EQ(format_yuan(100), "1.00");
  EXPECT_EQ(format_yuan(-123450), "-1234.50");
  EXPECT_EQ(format_yuan(std::numeric_limits<Fen>::max()), "92233720368547758.07");
  EXPECT_EQ(format_yuan(std::numeric_limits<Fen>::min()), "-92233720368547758.08");
}

TEST(Money, FormatThenParseRoundTrips) {
  for (Fen fen : {Fen{0}, Fen{1}, Fen{-1}, Fen{99}, Fen{-100}, Fen{123456789012}}) {
    auto back = parse_yuan(format_yuan(fen), "amount");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, fen);
  }
}

}  // namespace
}  // namespace fupan
