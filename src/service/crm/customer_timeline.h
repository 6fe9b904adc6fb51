// A customer's story in one list, newest first: when it was created, its activities, its
// opportunities opened and won or lost, its orders and payments, and its changes of owner — each
// within the viewer's data scope (a rep sees their own activities on it, a manager the team's).
#pragma once

#include <string>

#include "core/error.h"
#include "service/platform/context.h"

namespace fupan::service {

// Renders {customer_id, next_follow_up, follow_up_overdue, items:[{kind, event, at, record?, ...}]}
// with at most 300 items: kind customer (event created), activity (event: its type), opportunity
// (created, won, lost), order (ordered), payment (received), each with its `record` as the API
// writes it; transfer (event transferred) with from/to/by user ids and names and the reason.
// 404 when the actor does not see the customer.
Result<std::string> customer_timeline(const Context& ctx, const Actor& actor, std::int64_t id);

}  // namespace fupan::service
