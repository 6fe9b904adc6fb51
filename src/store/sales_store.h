// The sales tables' small statements: row locks, an order's `paid` (SPEC §2 回款: the sum of its
// payments, kept on the order by every payment write), a product's prices and a customer's tier.
// Payment writes and order changes lock the order's row first, so that on PostgreSQL two
// transactions never both read the payments, then both write a sum that misses the other's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.h"
#include "core/money.h"
#include "domain/price_list.h"
#include "store/database.h"

namespace fupan::store {

// Locks the row of order `order_id` until the transaction ends (a no-op update: portable to
// SQLite, whose write transactions are serial anyway).
void lock_order(Connection& c, OrgId org, OrderId order_id);
// Returns the sum of the payments of order `order_id`, leaving out payment `except_payment` (none
// when it is not valid()).
Fen payments_total(Connection& c, OrgId org, OrderId order_id,
                   PaymentId except_payment = PaymentId{});
// Returns true iff order `order_id` has payments.
bool has_payments(Connection& c, OrgId org, OrderId order_id);
// Sets orders.paid of `order_id` to the sum of its payments. The order's version stays: paid is
// not something a person edits, so recording a payment must not turn an open edit of the order
// (its notes, status or due date) into a version conflict; order writes recompute paid under the
// row lock instead of trusting what they read.
void refresh_paid(Connection& c, OrgId org, OrderId order_id);

// Locks the row of quote `quote_id` until the transaction ends.
void lock_quote(Connection& c, OrgId org, QuoteId quote_id);

// A product's name and prices as stored.
struct ProductPrices {
  std::string name;
  TierPrices prices;
};
// Returns product `id` of the org, nullopt when there is none.
std::optional<ProductPrices> find_product_prices(Connection& c, OrgId org, ProductId id);
// Returns the tier of customer `id` of the org ("" when it has none), nullopt when there is none.
// Does not check the data scope.
std::optional<std::string> find_customer_tier(Connection& c, OrgId org, CustomerId id);

}  // namespace fupan::store
