// The rules of the payment kind (see entity_rules.h). A payment belongs to an order the actor
// sees (the generic reference check) that is not cancelled; it copies the order's customer and
// owner (its data scope follows the order's); all the payments of an order may not add up to
// more than the order's total; and every write and delete brings the order's `paid` up to date
// (order_payments.h).
#include "service/crm/entity_rules.h"
#include "store/entity_store.h"
#include "store/sales_store.h"

namespace fupan::service {
namespace {

class PaymentRules final : public EntityRules {
 public:
  // Each new payment refreshes its order's paid amount, which needs the row written first.
  bool insert_in_bulk() const override { return false; }

  Status prepare(WriteScope& ws, const EntityRecord*, EntityRecord& after) const override {
    const OrgId org = ws.actor.org;
    const OrderId order_id = *after.ref<OrderId>("order_id");
    store::lock_order(ws.conn, org, order_id);
    auto order = store::find_entity(ws.conn, org, *find_entity_kind("order"), order_id.value);
    if (!order) return Error::invalid("order_id", detail::no_such_record);
    if (order->text("status") == "cancelled")
      return Error::invalid("order_id", detail::order_cancelled);
    after.set("customer_id", order->get("customer_id"));
    after.set("owner_id", order->get("owner_id"));
    const Fen others = store::payments_total(ws.conn, org, order_id, PaymentId{after.id});
    const Fen total = order->money("total").value_or(Fen{0});
    // Both are ≥ 0, so total − others cannot overflow.
    if (*after.money("amount") > total - others)
      return Error::invalid("amount", detail::over_outstanding);
    return {};
  }

  void after_write(WriteScope& ws, const EntityRecord* before,
                   const EntityRecord& after) const override {
    const OrderId order_id = *after.ref<OrderId>("order_id");
    store::refresh_paid(ws.conn, ws.actor.org, order_id);
    if (before && before->ref<OrderId>("order_id") != order_id) {
      store::refresh_paid(ws.conn, ws.actor.org, *before->ref<OrderId>("order_id"));
    }
  }

  Status before_delete(WriteScope& ws, const EntityRecord& r) const override {
    store::lock_order(ws.conn, ws.actor.org, *r.ref<OrderId>("order_id"));
    return {};
  }

  void after_delete(WriteScope& ws, const EntityRecord& r) const override {
    store::refresh_paid(ws.conn, ws.actor.org, *r.ref<OrderId>("order_id"));
  }
};

}  // namespace

const EntityRules& payment_rules() {
  static const PaymentRules rules;
  return rules;
}

}  // namespace fupan::service
