// The demo team's last two quarterly 复盘, so the review pages and the library have true content
// on a first start: each closed, its fact pack frozen from the demo's facts as the review page
// assembles it, with cards, its largest won and lost deals as cases, and action items — the
// earlier quarter's all followed up (so the later one's PDCA check shows them done), the later
// one's partly open, one past its due date.
#pragma once

#include "core/ids.h"
#include "core/time.h"
#include "service/platform/context.h"

namespace fupan::demo {

// Adds the reviews to `org` (made by create_demo_org, its history, goals and reports added);
// `ctx` has the analytics index over the store.
void add_demo_reviews(const service::Context& ctx, OrgId org, Instant now);

}  // namespace fupan::demo
