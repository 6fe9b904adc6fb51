// Receivables 应收/外欠 (SPEC §2, §6): what customers still owe on their orders as of a day, aged
// from each order's due date (domain/receivable_aging.h), grouped by customer or by owner, within
// the actor's data scope; and the open orders behind one group (the drill-down).
//
// An order counts when it is not cancelled and was ordered on or before as_of (in the org's time
// zone); it owes its total less the payments received on or before as_of, and only what is owed
// (> 0) counts. An order without a due date counts as not yet due.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/ids.h"
#include "core/time.h"
#include "domain/receivable_aging.h"
#include "service/platform/context.h"
#include "service/platform/paging.h"

namespace fupan::service {

enum class ReceivableGroup { customer, owner };

struct ReceivableRequest {
  ReceivableGroup group_by = ReceivableGroup::owner;
  std::optional<LocalDate> as_of;  // default: the actor's today
  PageRequest page;                // page and page_size only
};

// One group: a customer or an owner, with what is owed by bucket and the number of open orders.
struct ReceivableRow {
  std::int64_t id = 0;
  std::string name;
  Aging aging;
  std::int64_t orders = 0;
};

struct ReceivableReport {
  LocalDate as_of{};
  ReceivableGroup group_by = ReceivableGroup::owner;
  Page<ReceivableRow> page;  // sorted by total owed, largest first (ties by id)
  ReceivableRow totals;      // over every group, not just the page (id 0, no name)
};

// The receivables of the orders in the actor's scope, grouped as asked: one SQL aggregate.
Result<ReceivableReport> receivables(const Context& ctx, const Actor& actor,
                                     const ReceivableRequest& req);

struct OpenOrdersRequest {
  // Both absent: every open order in scope.
  std::optional<CustomerId> customer_id;
  std::optional<UserId> owner_id;
  std::optional<LocalDate> as_of;
  PageRequest page;
};

// An order that still owes money as of the day asked.
struct OpenOrder {
  std::int64_t id = 0;
  std::int64_t customer_id = 0;
  std::string customer_name;
  std::int64_t owner_id = 0;
  Instant ordered_at{};
  std::optional<LocalDate> due_date;
  Fen total;
  Fen paid;  // received on or before as_of
  Fen outstanding;
  std::int64_t days_past_due = 0;  // negative before the due date; 0 without one
  AgingBucket bucket = AgingBucket::d0_30;
};

struct OpenOrdersReport {
  LocalDate as_of{};
  Page<OpenOrder> page;  // by due date, oldest first (none last), then id
};

// The open orders in the actor's scope of one customer and/or owner (the drill-down of a row).
Result<OpenOrdersReport> open_orders(const Context& ctx, const Actor& actor,
                                     const OpenOrdersRequest& req);

// Returns "d0_30", "d31_60", "d61_90" or "d90_plus".
std::string_view bucket_name(AgingBucket b);

}  // namespace fupan::service
