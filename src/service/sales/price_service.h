// Prices by customer tier (SPEC §2 差异化定价): what a customer pays for a product, for
// GET /api/products/{id}/price and for the default unit price of quote and order lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"
#include "domain/price_list.h"
#include "service/platform/context.h"
#include "store/database.h"

namespace fupan::service {

// A product's name and prices as stored.
struct ProductPrices {
  std::string name;
  TierPrices prices;
};

// The price one customer pays for one product.
struct ProductPrice {
  std::int64_t product_id = 0;
  std::int64_t customer_id = 0;
  std::string tier;  // "A", "B", "C", or "" when the customer has none
  Fen unit_price;
};

// Returns product `id` of the org, nullopt when there is none.
std::optional<ProductPrices> find_product_prices(store::Connection& c, OrgId org, ProductId id);
// Returns the tier of customer `id` of the org ("" when it has none), nullopt when there is none.
// Does not check the data scope.
std::optional<std::string> find_customer_tier(store::Connection& c, OrgId org, CustomerId id);

// The price of product `product_id` for customer `customer_id`; not_found when either does not
// exist or the customer is outside the actor's scope.
Result<ProductPrice> product_price(const Context& ctx, const Actor& actor, ProductId product_id,
                                   CustomerId customer_id);

}  // namespace fupan::service
