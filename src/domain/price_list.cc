#include "domain/price_list.h"

namespace fupan {

Fen price_for_tier(const TierPrices& prices, std::string_view tier) {
  std::optional<Fen> tier_price;
  if (tier == "A") tier_price = prices.price_a;
  if (tier == "B") tier_price = prices.price_b;
  if (tier == "C") tier_price = prices.price_c;
  return tier_price.value_or(prices.list_price);
}

}  // namespace fupan
