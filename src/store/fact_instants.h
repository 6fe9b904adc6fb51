// Every instant the CRM facts are dated by (when orders were placed, payments received,
// activities started, customers and opportunities created, opportunities closed), read for the
// question a change of the org's time zone raises: which of them fall on another local day.
#pragma once

#include <cstdint>
#include <functional>

#include "core/ids.h"
#include "store/database.h"

namespace fupan::store {

// Calls `fn(ms)` for each dated fact of `org`.
void for_each_fact_instant(Connection& c, OrgId org, const std::function<void(std::int64_t)>& fn);

}  // namespace fupan::store
