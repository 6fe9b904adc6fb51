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

// The price one customer pays for one product.
struct ProductPrice {
  std::int64_t product_id = 0;
  std::int64_t customer_id = 0;
  std::string tier;  // "A", "B", "C", or "" when the customer has none
  Fen unit_price;
};

// The price of product `product_id` for customer `customer_id`; not_found when either does not
// exist or the customer is outside the actor's scope.
Result<ProductPrice> product_price(const Context& ctx, const Actor& actor, ProductId product_id,
                                   CustomerId customer_id);

}  // namespace fupan::service
