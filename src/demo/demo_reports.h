// Twelve weeks of the demo team's weekly reports, so the report pages and their statistics are
// true on a first start: most handed in on time and reviewed, some late, one returned and
// handed in again, a few missing; last week's waiting for the manager's review; this week's
// handed in by two of the rep's teammates, the demo rep's own still to write. Each report's data
// block is assembled from the demo's facts as the report pages assemble it.
#pragma once

#include "core/ids.h"
#include "core/time.h"
#include "service/platform/context.h"

namespace fupan::demo {

// Adds the reports to `org` (made by create_demo_org, its history and goals added); `ctx` has
// the analytics index over the store.
void add_demo_reports(const service::Context& ctx, OrgId org, Instant now);

}  // namespace fupan::demo
