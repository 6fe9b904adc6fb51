// Customer tiers A/B/C (SPEC section 2), recomputed from the trailing 12 months of orders by the
// org's rule (ABC or RFM, domain/customer_tier.h): nightly by the scheduler, or when an admin asks.
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "service/platform/context.h"

namespace fupan::service {

struct TierCounts {
  std::string rule;  // "abc" or "rfm"
  std::int64_t a = 0, b = 0, c = 0;
  std::int64_t changed = 0;  // customers whose tier changed
};

// Recomputes every customer's tier in `org` as of `today` (in the org's time zone) from its
// non-cancelled orders with ordered_at in [today − 12 months, today]; writes the tiers that
// changed and one audit row by `by` (null: the system), in one transaction.
Result<TierCounts> recompute_tiers(const Context& ctx, OrgId org, LocalDate today,
                                   std::optional<UserId> by = std::nullopt, std::string ip = "");
// The same for the actor's org as of the actor's today; admins only.
Result<TierCounts> recompute_tiers(const Context& ctx, const Actor& actor);

}  // namespace fupan::service
