#include "service/sales/price_service.h"

#include "service/crm/entity_access.h"
#include "store/sales_store.h"

namespace fupan::service {

Result<ProductPrice> product_price(const Context& ctx, const Actor& actor, ProductId product_id,
                                   CustomerId customer_id) {
  auto conn = ctx.db.acquire();
  const EntityKind* customers = find_entity_kind("customer");
  if (!is_visible(*conn, actor, *customers, customer_id.value)) return Error::not_found();
  auto tier = store::find_customer_tier(*conn, actor.org, customer_id);
  auto product = store::find_product_prices(*conn, actor.org, product_id);
  if (!tier || !product) return Error::not_found();
  return ProductPrice{product_id.value, customer_id.value, *tier,
                      price_for_tier(product->prices, *tier)};
}

}  // namespace fupan::service
