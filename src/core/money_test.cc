#include "core/money.h"

#include <gtest/gtest.h>

#include <limits>
#include <type_traits>

namespace fupan {
namespace {

struct ParseCase {
  std::string_view text;
  std::int64_t fen;
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
      {"92233720368547758.07", std::numeric_limits<std::int64_t>::max()},
      {"-92233720368547758.08", std::numeric_limits<std::int64_t>::min()},
  };
  for (const auto& c : cases) {
    auto fen = parse_yuan(c.text, "amount");
    ASSERT_TRUE(fen.ok()) << c.text << ": " << english(fen.error().detail);
    EXPECT_EQ(fen->value(), c.fen) << c.text;
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
    ASSERT_FALSE(fen.ok()) << text << " parsed as " << fen->value();
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
  EXPECT_EQ(format_yuan(Fen{123456}), "1234.56");
  EXPECT_EQ(format_yuan(Fen{-5}), "-0.05");
  EXPECT_EQ(format_yuan(Fen{0}), "0.00");
  EXPECT_EQ(format_yuan(Fen{100}), "1.00");
  EXPECT_EQ(format_yuan(Fen{-123450}), "-1234.50");
  EXPECT_EQ(format_yuan(Fen::max()), "92233720368547758.07");
  EXPECT_EQ(format_yuan(Fen::min()), "-92233720368547758.08");
}

TEST(Money, FormatThenParseRoundTrips) {
  for (Fen fen : {Fen{0}, Fen{1}, Fen{-1}, Fen{99}, Fen{-100}, Fen{123456789012}}) {
    auto back = parse_yuan(format_yuan(fen), "amount");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, fen);
  }
}

// Known answers of the one rounding rule: halves go to the even neighbour, on both signs.
TEST(Money, AWeightedSumIsRoundedOnceAtTheEnd) {
  WeightedFen w;
  w.add(Fen{5}, 50);  // 2.5
  w.add(Fen{5}, 50);  // 2.5: the sum is 5; rounding each part would give 2 + 2
  EXPECT_EQ(w.divided_by(100), Fen{5});
  WeightedFen big;  // beyond int64 before the division
  big.add(Fen::max(), 100);
  big.add(Fen{-1}, 100);
  EXPECT_EQ(big.divided_by(100), Fen{Fen::max().value() - 1});
  EXPECT_EQ(big.divided_by(50), std::nullopt);  // the quotient does not fit
  EXPECT_EQ(WeightedFen{}.divided_by(100), Fen{0});
  EXPECT_EQ(WeightedFen{}.divided_by(0), std::nullopt);
  WeightedFen half;
  half.add(Fen{1}, 250);  // 2.5 → 2; 3.5 → 4
  EXPECT_EQ(half.divided_by(100), Fen{2});
  half.add(Fen{1}, 100);
  EXPECT_EQ(half.divided_by(100), Fen{4});
}

TEST(Money, RoundsHalfToEven) {
  struct Case {
    std::int64_t amount, numerator, denominator, rounded;
  };
  const Case cases[] = {
      {25, 1, 10, 2},    // 2.5 → 2
      {35, 1, 10, 4},    // 3.5 → 4
      {-25, 1, 10, -2},  // −2.5 → −2
      {-35, 1, 10, -4},  // −3.5 → −4
      {15, 1, 10, 2},    // 1.5 → 2
      {5, 1, 10, 0},     // 0.5 → 0
      {-5, 1, 10, 0},    // −0.5 → 0
      {26, 1, 10, 3},    // 2.6 → 3
      {24, 1, 10, 2},    // 2.4 → 2
      {-26, 1, 10, -3},  // −2.6 → −3
      {7, 1, 1, 7},      // whole numbers stay
      {25, -1, 10, -2},  // a negative numerator or denominator: −2.5 → −2
      {25, 1, -10, -2},
      {-25, 1, -10, 2},
      {5280000, 1, 65, 81231},                         // 81230.769… → 81231
      {240000, 22, 65, 81231},                         // October's share of Q4: 240000 × 22 / 65
      {100000, 4, 20, 20000},                          // exact
      {2100000, 5, 21, 500000},                        // exact
      {1, 1, 3, 0},                                    // 0.333…
      {2, 1, 3, 1},                                    // 0.666…
      {Fen::max().value(), 3, 3, Fen::max().value()},  // no intermediate overflow
      {Fen::min().value(), 2, 2, Fen::min().value()},
  };
  for (const Case& c : cases) {
    const auto r = round_half_even(Fen{c.amount}, c.numerator, c.denominator);
    ASSERT_TRUE(r) << c.amount << " × " << c.numerator << " / " << c.denominator;
    EXPECT_EQ(r->value(), c.rounded) << c.amount << " × " << c.numerator << " / " << c.denominator;
  }
  EXPECT_FALSE(round_half_even(Fen{1}, 1, 0));       // no denominator
  EXPECT_FALSE(round_half_even(Fen::max(), 2, 1));   // too large
  EXPECT_FALSE(round_half_even(Fen::min(), -1, 1));  // −INT64_MIN does not fit
  EXPECT_EQ(round_half_even(Fen::min(), -1, 2)->value(), std::int64_t{1} << 62);
}

TEST(Money, CheckedArithmeticReportsOverflow) {
  EXPECT_EQ(checked_add(Fen{2}, Fen{3}), Fen{5});
  EXPECT_EQ(checked_add(Fen::max(), Fen{-1}), Fen{Fen::max().value() - 1});
  EXPECT_EQ(checked_add(Fen::max(), Fen{0}), Fen::max());
  EXPECT_FALSE(checked_add(Fen::max(), Fen{1}));
  EXPECT_FALSE(checked_add(Fen::min(), Fen{-1}));
  EXPECT_EQ(checked_mul(Fen{250}, 4), Fen{1000});
  EXPECT_EQ(checked_mul(Fen{-250}, 4), Fen{-1000});
  EXPECT_EQ(checked_mul(Fen::max(), 1), Fen::max());
  EXPECT_FALSE(checked_mul(Fen::max(), 2));
  EXPECT_FALSE(checked_mul(Fen::min(), -1));
  EXPECT_FALSE(checked_mul(Fen{4'611'686'018'427'387'904}, 2));  // 2^62 × 2 = 2^63
}

TEST(Money, IsAValueWithPlainArithmetic) {
  EXPECT_EQ(Fen{300} + Fen{150}, Fen{450});
  EXPECT_EQ(Fen{300} - Fen{450}, Fen{-150});
  EXPECT_EQ(-Fen{5}, Fen{-5});
  Fen sum;
  EXPECT_EQ(sum.value(), 0);
  sum += Fen{7};
  sum -= Fen{2};
  EXPECT_EQ(sum, Fen{5});
  EXPECT_LT(Fen{-1}, Fen{0});
  static_assert(!std::is_convertible_v<std::int64_t, Fen>, "money is made explicitly");
  static_assert(!std::is_convertible_v<Fen, std::int64_t>, "and read explicitly");
  static_assert(!std::is_constructible_v<Fen, double>, "money is never a double");
}

}  // namespace
}  // namespace fupan
