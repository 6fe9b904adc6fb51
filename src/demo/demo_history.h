// Two years of CRM history for the demo org, so that every page has something true to show:
// customers (lead → prospect → customer, some churned) with contacts, opportunities moving
// through the default pipeline with their stage history, activities on working days, products,
// quotes, orders (won deals, renewals, add-ons; some cancelled), payments (some overdue, in every
// aging bucket) and monthly costs per channel and region.
#pragma once

#include <cstdint>

#include "core/ids.h"
#include "core/time.h"
#include "service/platform/context.h"

namespace fupan::demo {

// The seed `fupan demo` uses.
inline constexpr std::uint64_t kDemoSeed = 20261123;

// Adds the history of the last 24 months before `now` to the demo org `org` (made by
// create_demo_org, with no CRM records yet), in one transaction, through the store's bulk loads.
// Records belong to the org's active reps; derived columns (opportunity status and closed_at,
// stage history, order paid, payment owner and customer, customer tier by the ABC rule as of
// `now`) are what the service rules would produce. The same seed and `now` give the same data.
// Throws store::StoreError when the store fails.
void add_demo_history(const service::Context& ctx, OrgId org, Instant now, std::uint64_t seed);

}  // namespace fupan::demo
