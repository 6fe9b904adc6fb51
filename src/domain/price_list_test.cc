#include "domain/price_list.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

TEST(PriceList, TierPriceWhenSetElseListPrice) {
  const TierPrices p{.list_price = 10000, .price_a = 8000, .price_b = std::nullopt, .price_c = 0};
  EXPECT_EQ(price_for_tier(p, "A"), 8000);
  EXPECT_EQ(price_for_tier(p, "B"), 10000);  // no tier B price
  EXPECT_EQ(price_for_tier(p, "C"), 0);      // a price of 0 is a price, not "unset"
  EXPECT_EQ(price_for_tier(p, ""), 10000);   // customer without a tier
  EXPECT_EQ(price_for_tier(p, "a"), 10000);  // tiers are upper-case letters
  EXPECT_EQ(price_for_tier(p, "D"), 10000);
}

TEST(PriceList, ListPriceOnly) {
  const TierPrices p{.list_price = 4999};
  for (std::string_view tier : {"A", "B", "C", ""}) EXPECT_EQ(price_for_tier(p, tier), 4999);
}

}  // namespace
}  // namespace fupan
