// The reverse funnel (SPEC §3): from a revenue target, the orders, opportunities and visits it
// takes at the rep's own rates (or the team's, when the rep has no history of their own). Pure.
#pragma once

#include <cstdint>
#include <optional>

#include "core/money.h"

namespace fupan::goals {

// A rep's (or team's) history over a trailing window.
struct FunnelHistory {
  std::int64_t orders = 0;                 // orders booked
  Fen orders_amount;                       // their total
  std::int64_t won = 0, lost = 0;          // opportunities closed
  std::int64_t opportunities_created = 0;  // opportunities opened
  std::int64_t visits = 0;                 // visits made
};

struct FunnelRates {
  Fen average_order;                  // orders_amount / orders, rounded half to even
  double win_rate = 0;                // won / (won + lost)
  double visits_per_opportunity = 0;  // visits / opportunities created
};

// The rates of `h`; nullopt when it cannot give all three (no order, no closed opportunity, no
// opportunity created or no visit): too little history to plan from.
std::optional<FunnelRates> funnel_rates(const FunnelHistory& h);

// What a revenue target takes: every count rounded up (half an order is still an order).
struct ActivityNeed {
  std::int64_t orders = 0;
  std::int64_t opportunities = 0;  // to win `orders` at the win rate
  std::int64_t visits = 0;         // to open `opportunities`
};

// The activity needed for `revenue` at `rates` (average order > 0, win rate > 0).
ActivityNeed reverse_funnel(Fen revenue, const FunnelRates& rates);

}  // namespace fupan::goals
