// SQL for what the customer kind keeps beside its generic columns: the transfer history, the
// normalised duplicate keys, and the tier with the sales it is computed from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "core/time.h"
#include "store/database.h"

namespace fupan::store {

// One change of a customer's owner.
struct CustomerTransfer {
  std::int64_t customer_id = 0;
  UserId from_user, to_user, by_user;
  std::string reason;  // "" when the owner was changed by an edit rather than a transfer
  Instant at;
};

void insert_customer_transfer(Connection& c, OrgId org, const CustomerTransfer& t);
// Returns the transfers of `customer_id`, newest first.
std::vector<CustomerTransfer> list_customer_transfers(Connection& c, OrgId org,
                                                      std::int64_t customer_id);

// Sets a customer's duplicate keys (null when there is nothing to compare).
void set_customer_keys(Connection& c, OrgId org, std::int64_t id,
                       const std::optional<std::string>& name_key,
                       const std::optional<std::string>& phone_key);

// A customer found by its duplicate keys.
struct CustomerKeyMatch {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> phone;
  UserId owner;
};

// Returns up to `limit` customers of `org` with `name_key` or `phone_key` (either may be absent),
// other than `exclude_id`, oldest first.
std::vector<CustomerKeyMatch> find_customers_by_keys(Connection& c, OrgId org,
                                                     const std::optional<std::string>& name_key,
                                                     const std::optional<std::string>& phone_key,
                                                     std::optional<std::int64_t> exclude_id,
                                                     std::int64_t limit);

// A customer whose keys were never computed (bulk-inserted).
struct CustomerWithoutKeys {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> phone;
};
std::vector<CustomerWithoutKeys> customers_without_keys(Connection& c, OrgId org);

// The ids of the open opportunities of `customer_id` owned by `owner`.
std::vector<std::int64_t> open_opportunity_ids(Connection& c, OrgId org, std::int64_t customer_id,
                                               UserId owner);

// A customer's current tier and its non-cancelled orders in a time range.
struct CustomerSalesRow {
  std::int64_t customer_id = 0;
  std::optional<std::string> tier;
  Fen revenue;
  std::int64_t orders = 0;
  std::optional<Instant> last_ordered_at;
};

// Returns every customer of `org` with its orders whose ordered_at is in [from, to), in one query.
std::vector<CustomerSalesRow> customer_sales(Connection& c, OrgId org, Instant from, Instant to);
// Sets a customer's tier without touching its version or updated_at (the tier is derived).
void set_customer_tier(Connection& c, OrgId org, std::int64_t id, const std::string& tier);

}  // namespace fupan::store
