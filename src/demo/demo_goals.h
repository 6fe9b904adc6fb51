// This year's goals for the demo org, so the goals pages show something true on a first start:
// the year's sales target for the org at this year's run-rate + 5 %, decomposed to the regions,
// teams and reps by their share of this year's sales (one rep's lowered with a reason, so their
// team's tree shows a gap; one region left to split) and down the calendar (the org's months by a
// typical seasonality, each rep's months by working days); weekly activity targets for every rep
// for this week and the next; commitments, an adjustment with its reason, and a few tasks in the
// demo rep's day plan.
#pragma once

#include "core/ids.h"
#include "core/time.h"
#include "service/platform/context.h"

namespace fupan::demo {

// Adds the goals to `org` (made by create_demo_org, its history added), in one transaction.
void add_demo_goals(const service::Context& ctx, OrgId org, Instant now);

}  // namespace fupan::demo
