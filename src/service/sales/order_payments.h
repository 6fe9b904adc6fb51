// An order's `paid` (SPEC §2 回款): the sum of its payments, kept on the order by every payment
// write. Payment writes and order changes lock the order's row first, so that on PostgreSQL two
// transactions never both read the payments, then both write a sum that misses the other's.
#pragma once

#include <cstdint>

#include "core/ids.h"
#include "core/money.h"
#include "store/database.h"

namespace fupan::service {

// Locks the row of order `order_id` until the transaction ends (a no-op update: portable to
// SQLite, whose write transactions are serial anyway).
void lock_order(store::Connection& c, OrgId org, OrderId order_id);
// Returns the sum of the payments of order `order_id`, leaving out payment `except_payment` (none
// when it is not valid()).
Fen payments_total(store::Connection& c, OrgId org, OrderId order_id,
                   PaymentId except_payment = PaymentId{});
// Returns true iff order `order_id` has payments.
bool has_payments(store::Connection& c, OrgId org, OrderId order_id);
// Sets orders.paid of `order_id` to the sum of its payments. The order's version stays: paid is
// not something a person edits, so recording a payment must not turn an open edit of the order
// (its notes, status or due date) into a version conflict; order writes recompute paid under the
// row lock instead of trusting what they read.
void refresh_paid(store::Connection& c, OrgId org, OrderId order_id);

}  // namespace fupan::service
