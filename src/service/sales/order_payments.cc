#include "service/sales/order_payments.h"

namespace fupan::service {
namespace {

const char* kLockOrder = "UPDATE orders SET paid = paid WHERE org_id = ? AND id = ?";
const char* kPaymentsTotal =
    "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM payments "
    "WHERE org_id = ? AND order_id = ? AND id <> ?";
const char* kAnyPayment = "SELECT 1 FROM payments WHERE org_id = ? AND order_id = ? LIMIT 1";
const char* kRefreshPaid =
    "UPDATE orders SET paid = (SELECT CAST(COALESCE(SUM(p.amount), 0) AS BIGINT) FROM payments p "
    "WHERE p.org_id = ? AND p.order_id = ?) WHERE org_id = ? AND id = ?";

}  // namespace

void lock_order(store::Connection& c, OrgId org, OrderId order_id) {
  c.exec(kLockOrder, {org.value, order_id.value});
}

Fen payments_total(store::Connection& c, OrgId org, OrderId order_id, PaymentId except_payment) {
  return Fen{c.query(kPaymentsTotal, {org.value, order_id.value, except_payment.value}).i64(0, 0)};
}

bool has_payments(store::Connection& c, OrgId org, OrderId order_id) {
  return !c.query(kAnyPayment, {org.value, order_id.value}).empty();
}

void refresh_paid(store::Connection& c, OrgId org, OrderId order_id) {
  c.exec(kRefreshPaid, {org.value, order_id.value, org.value, order_id.value});
}

}  // namespace fupan::service
