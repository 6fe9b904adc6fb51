// The reverse funnel for a revenue target (SPEC §3): from the target's value, the orders,
// opportunities and visits it takes at the scope's own rates over the twelve months before the
// period (a rep with too little history of their own plans at their team's rates, then the
// org's), and the weekly activity quota that suggests.
#pragma once

#include <optional>

#include "core/error.h"
#include "domain/goals/reverse_funnel.h"
#include "domain/goals/target.h"
#include "service/platform/context.h"

namespace fupan::service {

struct FunnelPlan {
  goals::Target target;
  std::optional<ScopeRef> basis;  // whose history gave the rates; none when nobody's could
  Period window;                  // the history's days
  std::optional<goals::FunnelRates> rates;
  std::optional<goals::ActivityNeed> need, per_week;
  int working_days = 0;  // in the target's period
};

// The plan for target `id` (orders_amount or payments_amount); not_found unless the actor sees it.
Result<FunnelPlan> funnel_plan(const Context& ctx, const Actor& actor, std::int64_t id);

}  // namespace fupan::service
