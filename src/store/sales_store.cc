#include "store/sales_store.h"

namespace fupan::store {
namespace {

const char* kLockOrder = "UPDATE orders SET paid = paid WHERE org_id = ? AND id = ?";
const char* kPaymentsTotal =
    "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM payments "
    "WHERE org_id = ? AND order_id = ? AND id <> ?";
const char* kAnyPayment = "SELECT 1 FROM payments WHERE org_id = ? AND order_id = ? LIMIT 1";
const char* kRefreshPaid =
    "UPDATE orders SET paid = (SELECT CAST(COALESCE(SUM(p.amount), 0) AS BIGINT) FROM payments p "
    "WHERE p.org_id = ? AND p.order_id = ?) WHERE org_id = ? AND id = ?";

const char* kLockQuote = "UPDATE quotes SET version = version WHERE org_id = ? AND id = ?";
const char* kSelectProduct =
    "SELECT name, list_price, price_a, price_b, price_c FROM products WHERE org_id = ? AND id = ?";
const char* kSelectCustomerTier = "SELECT tier FROM customers WHERE org_id = ? AND id = ?";

}  // namespace

void lock_order(Connection& c, OrgId org, OrderId order_id) {
  c.exec(kLockOrder, {org.value, order_id.value});
}

Fen payments_total(Connection& c, OrgId org, OrderId order_id, PaymentId except_payment) {
  return Fen{c.query(kPaymentsTotal, {org.value, order_id.value, except_payment.value}).i64(0, 0)};
}

bool has_payments(Connection& c, OrgId org, OrderId order_id) {
  return !c.query(kAnyPayment, {org.value, order_id.value}).empty();
}

void refresh_paid(Connection& c, OrgId org, OrderId order_id) {
  c.exec(kRefreshPaid, {org.value, order_id.value, org.value, order_id.value});
}

void lock_quote(Connection& c, OrgId org, QuoteId quote_id) {
  c.exec(kLockQuote, {org.value, quote_id.value});
}

std::optional<ProductPrices> find_product_prices(Connection& c, OrgId org, ProductId id) {
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

std::optional<std::string> find_customer_tier(Connection& c, OrgId org, CustomerId id) {
  auto rows = c.query(kSelectCustomerTier, {org.value, id.value});
  if (rows.empty()) return std::nullopt;
  return rows.opt_str(0, 0).value_or("");
}

}  // namespace fupan::store
