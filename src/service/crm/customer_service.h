// The customer use cases beyond generic CRUD: transfer to another owner (one customer, or many
// at once when a rep leaves), with the history kept; and the duplicate check (查重) across the
// whole org, which tells a rep a customer exists without showing what they may not see.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/entity_record.h"
#include "service/platform/context.h"
#include "store/database.h"

namespace fupan::service {

struct TransferInput {
  std::int64_t to_user_id = 0;
  std::string reason;               // 1..200 characters
  std::int64_t version = 0;         // the customer's version as read (single transfer only)
  bool with_opportunities = false;  // also move the customer's open opportunities
};

// Gives customer `id` to `in.to_user_id`: the actor must see and be able to change the customer
// and see the new owner, who must be active. Version-checked; writes the transfer history row
// and the audit rows in one transaction. Returns the customer as stored.
Result<EntityRecord> transfer_customer(const Context& ctx, const Actor& actor, std::int64_t id,
                                       const TransferInput& in);

struct BulkTransferResult {
  std::int64_t customers = 0;      // customers that changed owner
  std::int64_t opportunities = 0;  // open opportunities moved with them
};

// Gives every customer of `ids` (1..500, each visible) to `in.to_user_id`, all or nothing.
// `in.version` is ignored: see customer_service.cc.
Result<BulkTransferResult> transfer_customers(const Context& ctx, const Actor& actor,
                                              const std::vector<std::int64_t>& ids,
                                              const TransferInput& in);

// A customer of the org that looks like the one being typed.
struct DuplicateMatch {
  std::optional<std::int64_t> id;  // null when the actor may not see it
  std::string name;
  std::optional<std::string> phone;  // null when the actor may not see it
  std::optional<std::int64_t> owner_id;
  std::string owner_name;
  bool visible = false;
};

// Returns up to 20 customers of the whole org whose normalised name equals that of `name`, or
// whose normalised phone equals that of `phone`, other than `exclude_id`. Records outside the
// actor's scope carry only their name and owner's name.
std::vector<DuplicateMatch> find_duplicates(store::Connection& c, const Actor& actor,
                                            std::string_view name, std::string_view phone,
                                            std::optional<std::int64_t> exclude_id);
// The same on a connection of its own.
std::vector<DuplicateMatch> find_duplicates(const Context& ctx, const Actor& actor,
                                            std::string_view name, std::string_view phone,
                                            std::optional<std::int64_t> exclude_id);

// The duplicate keys of a customer's name and phone; nullopt when there is nothing to compare.
std::optional<std::string> customer_name_key(std::string_view name);
std::optional<std::string> customer_phone_key(std::string_view phone);
// Stores the duplicate keys of customer `r` (the generic write does not know them).
void write_customer_keys(store::Connection& c, OrgId org, const EntityRecord& r);
// Fills the keys of every customer of `org` that has none (after a bulk import); returns how many.
std::int64_t fill_missing_customer_keys(store::Connection& c, OrgId org);

}  // namespace fupan::service
