// Price lists by customer tier (SPEC §2 差异化定价): a product has a list price and may set a
// price for tier A, B and C customers; a customer pays their tier's price when the product sets
// one, and the list price otherwise.
#pragma once

#include <optional>
#include <string_view>

#include "core/money.h"

namespace fupan {

struct TierPrices {
  Fen list_price;
  std::optional<Fen> price_a, price_b, price_c;
};

// Returns the tier price of `prices` for tier "A", "B" or "C" when set, else the list price (also
// for an empty or unknown tier).
Fen price_for_tier(const TierPrices& prices, std::string_view tier);

}  // namespace fupan
