// What is owed on the org's orders as of a cutoff (SPEC §2 应收): orders made before it and not
// cancelled, less the payments received before it; grouped into aging buckets by due date, or
// listed order by order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "core/time.h"
#include "store/database.h"
#include "store/record_lookup.h"

namespace fupan::store {

struct OwedQuery {
  Instant cutoff;           // orders and payments before it count
  Condition scope;          // over orders aliased `t`
  bool by_customer = true;  // else by owner
  // The earliest due date (YYYY-MM-DD) of the 0–30, 31–60 and 61–90 day buckets; older is 90+.
  std::string from_0_30, from_31_60, from_61_90;
  std::int64_t limit = 20, offset = 0;
};
// One group with something owed, or (is_sum) the totals over every group, `key` then being the
// number of groups.
struct OwedRow {
  bool is_sum = false;
  std::int64_t key = 0;             // the customer or owner id
  std::optional<std::string> name;  // the customer's, by customer
  Fen d0_30, d31_60, d61_90, d90_plus;
  std::int64_t orders = 0;
};
// The page of groups, most owed first, and last the totals row.
std::vector<OwedRow> owed_by_group(Connection& c, OrgId org, const OwedQuery& q);

struct OpenOrderQuery {
  Instant cutoff;
  Condition scope;  // over orders aliased `t`
  std::optional<CustomerId> customer_id;
  std::optional<UserId> owner_id;
  std::int64_t limit = 20, offset = 0;
};
struct OpenOrderRow {
  std::int64_t id = 0, customer_id = 0, owner_id = 0, ordered_ms = 0;
  std::string customer_name;
  std::optional<std::string> due_date;  // YYYY-MM-DD
  Fen total, paid;
};
// How many orders have something outstanding.
std::int64_t count_open_orders(Connection& c, OrgId org, const OpenOrderQuery& q);
// A page of them, the earliest due first (none last).
std::vector<OpenOrderRow> open_orders(Connection& c, OrgId org, const OpenOrderQuery& q);

}  // namespace fupan::store
