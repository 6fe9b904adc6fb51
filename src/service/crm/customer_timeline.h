// A customer's story in one list, newest first: when it was created, its activities, its
// opportunities opened and won or lost, its orders and payments, and its changes of owner — each
// within the viewer's data scope (a rep sees their own activities on it, a manager the team's).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/entity_json.h"
#include "domain/entity_record.h"
#include "service/platform/context.h"
#include "store/customer_store.h"

namespace fupan::service {

// One event of the story: kind customer (event created), activity (event: its type),
// opportunity (created, won, lost), order (ordered), payment (received), each with its record;
// transfer (event transferred) with the transfer.
struct TimelineItem {
  Instant at;
  std::string kind, event;
  std::optional<EntityRecord> record;
  std::optional<store::CustomerTransfer> transfer;
};

struct CustomerTimeline {
  std::int64_t customer_id = 0;
  std::string next_follow_up;  // "" when none
  bool follow_up_overdue = false;
  std::vector<TimelineItem> items;  // newest first, at most 300
  RefNames names;                   // of the records' references
};

// The story of customer `id`; 404 when the actor does not see the customer.
Result<CustomerTimeline> customer_timeline(const Context& ctx, const Actor& actor, std::int64_t id);

}  // namespace fupan::service
