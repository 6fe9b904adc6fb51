// OrgIndex's answers for commissions (docs/performance.md): the orders or payments credited to a
// scope's users in a period, and an order's state when a statement looks back at it (cancelled,
// or paid by a day).
#include <algorithm>

#include "engine/org_index.h"

namespace fupan::engine {

std::vector<OrgIndex::CreditRow> OrgIndex::credits(bool payments, const ResolvedScope& scope,
                                                   const Period& p) const {
  const Day from = DayClock::day_number(p.start), to = DayClock::day_number(p.end);
  std::vector<CreditRow> out;
  if (payments) {
    scan(user_payments_, scope, from, to, [&](Slot s) {
      const PaymentFact& f = payments_[s];
      if (!f.alive) return;
      const std::int64_t order = f.order == kNone ? 0 : orders_[f.order].id;
      out.push_back({payment_ids_.id_of(s), order, user_ids_[f.user], f.day, f.amount});
    });
  } else {
    scan(user_orders_, scope, from, to, [&](Slot o) {
      const OrderFact& f = orders_[o];
      out.push_back({f.id, f.id, user_ids_[f.user], f.day, f.total});
    });
  }
  std::sort(out.begin(), out.end(), [](const CreditRow& a, const CreditRow& b) {
    return a.day != b.day ? a.day < b.day : a.record_id < b.record_id;
  });
  return out;
}

std::optional<OrgIndex::OrderState> OrgIndex::order_state(std::int64_t id, Day paid_before) const {
  const Slot o = order_ids_.find(id);
  if (o == kNone || !orders_[o].alive) return std::nullopt;
  const OrderFact& f = orders_[o];
  OrderState out{user_ids_[f.user], f.day, f.total, 0, f.cancelled};
  for (Slot s = f.first_payment; s != kNone; s = payments_[s].next_of_order) {
    if (payments_[s].alive && payments_[s].day < paid_before) out.paid += payments_[s].amount;
  }
  return out;
}

}  // namespace fupan::engine
