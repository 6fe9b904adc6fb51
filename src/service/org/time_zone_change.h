// A change of the org's time zone moves every fact to the local day it has in the new zone: an
// order placed "on 21 November" (midnight in Shanghai) falls on 20 November in New York. The
// change is made only once the caller has seen how many records move (docs/crm.md).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/ids.h"
#include "store/database.h"

namespace fupan::service {

// How many dated facts of `org` fall on another local day in zone `to` than in zone `from`.
std::int64_t facts_changing_day(store::Connection& c, OrgId org, std::string_view from,
                                std::string_view to);

}  // namespace fupan::service
