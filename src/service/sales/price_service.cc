#include "service/sales/price_service.h"

#include "service/crm/entity_access.h"

namespace fupan::service {
namespace {

const char* kSelectProduct =
    "SELECT name, list_price, price_a, price_b, price_c FROM products WHERE org_id = ? AND id = ?";
const char* kSelectCustomerTier = "SELECT tier FROM customers WHERE org_id = ? AND id = ?";

}  // namespace

std::optional<ProductPrices> find_product_prices(store::Connection& c, OrgId org, ProductId id) {
  auto rows = c.query(kSelectProduct, {org.value, id.value});
  if (rows.empty()) return std::nullopt;
  ProductPrices p;
  p.name = rows.str(0, 0);
  p.prices.list_price = Fen{rows.i64(0, 1)};
  // A tier price may be null (the list price applies).
  auto fen = [](std::optional<std::int64_t> v) {
    return v ? std::optional(Fen{*v}) : std::nullopt;
  };
  p.prices.price_a = fen(rows.opt_i64(0, 2));
  p.prices.price_b = fen(rows.opt_i64(0, 3));
  p.prices.price_c = fen(rows.opt_i64(0, 4));
  return p;
}

std::optional<std::string> find_customer_tier(store::Connection& c, OrgId org, CustomerId id) {
  auto rows = c.query(kSelectCustomerTier, {org.value, id.value});
  if (rows.empty()) return std::nullopt;
  return rows.opt_str(0, 0).value_or("");
}

Result<ProductPrice> product_price(const Context& ctx, const Actor& actor, ProductId product_id,
                                   CustomerId customer_id) {
  auto conn = ctx.db.acquire();
  const EntityKind* customers = find_entity_kind("customer");
  if (!is_visible(*conn, actor, *customers, customer_id.value)) return Error::not_found();
  auto tier = find_customer_tier(*conn, actor.org, customer_id);
  auto product = find_product_prices(*conn, actor.org, product_id);
  if (!tier || !product) return Error::not_found();
  return ProductPrice{product_id.value, customer_id.value, *tier,
                      price_for_tier(product->prices, *tier)};
}

}  // namespace fupan::service
