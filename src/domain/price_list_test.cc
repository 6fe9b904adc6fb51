#include "domain/price_list.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

TEST(PriceList, TierPriceWhenSetElseListPrice) {
  const TierPrices p{
      .list_price = Fen{10000}, .price_a = Fen{8000}, .price_b = std::nullopt, .price_c = Fen{0}};
  EXPECT_EQ(price_for_tier(p, "A").value(), 8000);
  EXPECT_EQ(price_for_tier(p, "B").value(), 10000);  // no tier B price
  EXPECT_EQ(price_for_tier(p, "C").value(), 0);      // a price of 0 is a price, not "unset"
  EXPECT_EQ(price_for_tier(p, "").value(), 10000);   // customer without a tier
  EXPECT_EQ(price_for_tier(p, "a").value(), 10000);  // tiers are upper-case letters
  EXPECT_EQ(price_for_tier(p, "D").value(), 10000);
}

TEST(PriceList, ListPriceOnly) {
  const TierPrices p{.list_price = Fen{4999}};
  for (std::string_view tier : {"A", "B", "C", ""})
    EXPECT_EQ(price_for_tier(p, tier).value(), 4999);
}

}  // namespace
}  // namespace fupan
