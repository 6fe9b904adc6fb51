// Targets (SPEC §3): the value set for a metric, a scope and a period. The goals capability will
// write them; the metrics read them for attainment.
#pragma once

#include <string_view>
#include <vector>

#include "core/ids.h"
#include "domain/attainment.h"
#include "store/database.h"

namespace fupan::store {

// The targets of `metric` for the scope (`scope_type` org/region/team/user, `scope_id` 0 for org).
std::vector<TargetPeriod> read_targets(Connection& c, OrgId org, std::string_view metric,
                                       std::string_view scope_type, std::int64_t scope_id);

}  // namespace fupan::store
