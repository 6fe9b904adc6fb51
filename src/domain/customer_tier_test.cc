#include "domain/customer_tier.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fupan {
namespace {

const LocalDate kToday = *parse_date("2026-11-23");

// Returns the tiers as a string, e.g. "ABC", for compact expectations.
std::string tiers(const std::vector<CustomerSales>& customers, TierRule rule) {
  auto t = assign_tiers(customers, rule, kToday);
  return std::string(t.begin(), t.end());
}

CustomerSales buyer(std::int64_t id, std::int64_t revenue, std::int64_t orders,
                    std::string_view last) {
  return {id, Fen{revenue}, orders, parse_date(last)};
}

TEST(CustomerTier, ParsesRuleNames) {
  EXPECT_EQ(parse_tier_rule("abc"), TierRule::abc);
  EXPECT_EQ(parse_tier_rule("rfm"), TierRule::rfm);
  EXPECT_EQ(parse_tier_rule("ABC"), std::nullopt);
  EXPECT_EQ(parse_tier_rule(""), std::nullopt);
  EXPECT_EQ(parse_tier_rule("xyz"), std::nullopt);
}

TEST(CustomerTier, AbcByCumulativeRevenueBeforeTheCustomer) {
  // Total 1000. Sorted: 500 (0% before) A, 300 (50%) A, 100 (80%) B, 60 (90%) C, 40 (96%) C.
  std::vector<CustomerSales> customers = {
      {3, Fen{100}}, {5, Fen{40}},  {1, Fen{500}}, {6, Fen{0}},
      {2, Fen{300}}, {7, Fen{-10}}, {4, Fen{60}},
  };
  EXPECT_EQ(tiers(customers, TierRule::abc), "BCACACC");
}

TEST(CustomerTier, AbcBreaksTiesByCustomerId) {
  // Total 100. Sorted: 60 A, then the 10s by id: id 1 (60% before) A, id 2 (70%) B, id 3 (80%) B,
  // id 4 (90%) C.
  std::vector<CustomerSales> customers = {
      {4, Fen{10}}, {2, Fen{10}}, {9, Fen{60}}, {3, Fen{10}}, {1, Fen{10}}};
  EXPECT_EQ(tiers(customers, TierRule::abc), "CBABA");
  // Total 1000: id 2 (0%) A, id 5 (35%) A, id 9 (70% exactly, not below) B.
  std::vector<CustomerSales> at_boundary = {{9, Fen{300}}, {5, Fen{350}}, {2, Fen{350}}};
  EXPECT_EQ(tiers(at_boundary, TierRule::abc), "BAA");
}

TEST(CustomerTier, AbcEdgeCases) {
  EXPECT_EQ(tiers({}, TierRule::abc), "");
  EXPECT_EQ(tiers({{1, Fen{5}}}, TierRule::abc), "A");
  EXPECT_EQ(tiers({{1, Fen{0}}}, TierRule::abc), "C");
  EXPECT_EQ(tiers({{1, Fen{0}}, {2, Fen{0}}, {3, Fen{0}}}, TierRule::abc), "CCC");
  // Revenues whose sum exceeds int64 still split exactly: 3 equal customers, 0%, 33%, 67% before.
  const std::int64_t big = 4'000'000'000'000'000'000;
  EXPECT_EQ(tiers({{1, Fen{big}}, {2, Fen{big}}, {3, Fen{big}}}, TierRule::abc), "AAA");
}

TEST(CustomerTier, RfmScoresTertilesOfRank) {
  // Six buyers (n = 6): 0 or 1 strictly better → 3, 2 or 3 → 2, 4 or 5 → 1.
  //        days  R | orders F | revenue M | sum
  // id 1     3   3 |   10   3 |   9000  3 |  9 A
  // id 2    22   2 |    8   3 |   5000  2 |  7 B
  // id 3    53   2 |    2   1 |   7000  3 |  6 B
  // id 4   175   1 |    1   1 |    100  1 |  3 C
  // id 5     3   3 |    3   2 |    200  1 |  6 B
  // id 6   326   1 |    5   2 |   5000  2 |  5 C
  // id 7, id 8: no orders → C
  std::vector<CustomerSales> customers = {
      buyer(1, 9000, 10, "2026-11-20"), buyer(2, 5000, 8, "2026-11-01"),
      buyer(3, 7000, 2, "2026-10-01"),  buyer(4, 100, 1, "2026-06-01"),
      buyer(5, 200, 3, "2026-11-20"),   buyer(6, 5000, 5, "2026-01-01"),
      {7, Fen{0}, 0, std::nullopt},     {8, Fen{300}, 2, std::nullopt},
  };
  EXPECT_EQ(tiers(customers, TierRule::rfm), "ABBCBCCC");
}

TEST(CustomerTier, RfmEdgeCases) {
  EXPECT_EQ(tiers({}, TierRule::rfm), "");
  // One buyer is best at everything.
  EXPECT_EQ(tiers({buyer(1, 100, 1, "2020-01-01")}, TierRule::rfm), "A");
  // Two buyers: the better one scores 3+3+3, the other 2+2+2.
  EXPECT_EQ(tiers({buyer(1, 100, 1, "2026-01-01"), buyer(2, 200, 2, "2026-11-01")}, TierRule::rfm),
            "BA");
  // Ties share the better score.
  EXPECT_EQ(tiers({buyer(1, 100, 2, "2026-11-01"), buyer(2, 100, 2, "2026-11-01"),
                   buyer(3, 100, 2, "2026-11-01")},
                  TierRule::rfm),
            "AAA");
  // All zero: nobody ordered.
  EXPECT_EQ(tiers({{1, Fen{0}, 0, std::nullopt}, {2, Fen{0}, 0, std::nullopt}}, TierRule::rfm),
            "CC");
}

}  // namespace
}  // namespace fupan
