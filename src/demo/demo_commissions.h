// The demo org's commissions, so the 提成 pages have true content on a first start: a standard
// plan in effect over the whole demo history (orders, 超额累进: nothing below 60 % of target, 3 %
// to 100 %, 5 % above, a ¥2,000 bonus on target, a ¥60,000 cap, commission taken back on orders
// unpaid after 90 days), the last whole quarter's months approved by the admin, and the current
// month open with one adjustment by the demo manager.
#pragma once

#include "core/ids.h"
#include "service/platform/context.h"

namespace fupan::demo {

// Adds the commissions to `org` (made by create_demo_org, its history and goals added); `ctx` has
// the analytics index over the store.
void add_demo_commissions(const service::Context& ctx, OrgId org);

}  // namespace fupan::demo
