#include "domain/order_math.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace fupan {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

struct LineCase {
  LineAmount line;
  std::int64_t total;
};

TEST(OrderMath, LineTotalRoundsHalfAwayFromZero) {
  const LineCase cases[] = {
      {{3, Fen{1000}, 0}, 3000},                // no discount
      {{3, Fen{1000}, 1000}, 2700},             // 10% off
      {{1, Fen{999}, 10000}, 0},                // free
      {{0, Fen{999}, 500}, 0},                  // nothing ordered
      {{1, Fen{1}, 5000}, 1},                   // 0.5 分 rounds up
      {{1, Fen{3}, 5000}, 2},                   // 1.5 分 rounds up
      {{1, Fen{1}, 5001}, 0},                   // 0.4999 分 rounds down
      {{1, Fen{1}, 4999}, 1},                   // 0.5001 分 rounds up
      {{7, Fen{333}, 1500}, 1981},              // 1981.35 → 1981
      {{2, Fen{1999}, 2500}, 2999},             // 2998.5 → 2999
      {{-1, Fen{3}, 5000}, -2},                 // -1.5 → -2, away from zero
      {{1, Fen{-1}, 5000}, -1},                 // -0.5 → -1
      {{123456, Fen{78901}, 333}, 9416433154},  // 9740801856 × 0.9667 = 9416433154.1952
  };
  for (const auto& c : cases) {
    EXPECT_EQ(line_total(c.line).value(), c.total)
        << c.line.quantity << " × " << c.line.unit_price.value() << " − " << c.line.discount_bp
        << "bp";
  }
}

TEST(OrderMath, LineTotalIsExactForHugeProducts) {
  // 10^12 × 10^6 = 10^18 fits in int64 only after the products are taken in 128 bits.
  EXPECT_EQ(line_total({1'000'000'000'000, Fen{1'000'000}, 0}).value(), 1'000'000'000'000'000'000);
  EXPECT_EQ(line_total({1'000'000'000'000, Fen{1'000'000}, 5000}).value(), 500'000'000'000'000'000);
  // The product overflows int64 but the discounted amount does not.
  EXPECT_EQ(line_total({kMax, Fen{2}, 5000}).value(), kMax);
  EXPECT_EQ(line_total({kMax, Fen{kMax}, 10000}).value(), 0);
  // Results beyond int64 saturate; out-of-range discounts are clamped.
  EXPECT_EQ(line_total({kMax, Fen{kMax}, 0}).value(), kMax);
  EXPECT_EQ(line_total({kMin, Fen{kMax}, 0}).value(), kMin);
  EXPECT_EQ(line_total({2, Fen{100}, -500}).value(), 200);
  EXPECT_EQ(line_total({2, Fen{100}, 20000}).value(), 0);
}

TEST(OrderMath, OrderTotalSumsLines) {
  std::vector<LineAmount> lines = {{3, Fen{1000}, 1000}, {1, Fen{3}, 5000}, {10, Fen{1999}, 0}};
  auto total = order_total(lines);
  ASSERT_TRUE(total.ok());
  EXPECT_EQ(total->value(), 2700 + 2 + 19990);
  EXPECT_EQ(order_total({}).value().value(), 0);
  // Each line rounds on its own: two half-fen lines make 2 分, not 1.
  std::vector<LineAmount> halves = {{1, Fen{1}, 5000}, {1, Fen{1}, 5000}};
  EXPECT_EQ(order_total(halves).value().value(), 2);
}

TEST(OrderMath, OrderTotalRejectsBadLines) {
  struct Case {
    std::vector<LineAmount> lines;
    std::string detail;
  };
  const Case cases[] = {
      {{{1, Fen{100}, 0}, {-1, Fen{100}, 0}}, "line 2: quantity must not be negative"},
      {{{1, Fen{-100}, 0}}, "line 1: unit price must not be negative"},
      {{{1, Fen{100}, -1}}, "line 1: discount must be 0..10000 basis points"},
      {{{1, Fen{100}, 10001}}, "line 1: discount must be 0..10000 basis points"},
      {{{kMax, Fen{2}, 0}}, "line 1: amount is out of range"},
      {{{1, Fen{kMax}, 0}, {1, Fen{1}, 0}}, "order total is out of range"},
  };
  for (const auto& c : cases) {
    auto total = order_total(c.lines);
    ASSERT_FALSE(total.ok()) << c.detail;
    EXPECT_EQ(total.error().code, ErrorCode::invalid_field);
    EXPECT_EQ(total.error().field, "lines");
    EXPECT_EQ(english(total.error().detail), c.detail);
  }
  std::vector<LineAmount> at_limit = {{1, Fen{kMax - 1}, 0}, {1, Fen{1}, 0}};
  EXPECT_EQ(order_total(at_limit).value().value(), kMax);
}

}  // namespace
}  // namespace fupan
