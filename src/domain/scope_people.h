// Who a scope's records belong to over a period: the people whose work the lists of a data block
// or a fact pack show (the won and lost deals, the activity per rep). Pure.
#pragma once

#include <vector>

#include "domain/metric_scope.h"
#include "domain/period.h"

namespace fupan {

// A user scope's user; the members of a team and its sub-teams, or of a region's teams, whose
// membership overlaps `p`; every user of the org for the org. Ascending ids.
std::vector<std::int64_t> people_of(const OrgSnapshot& org, const ScopeRef& scope, const Period& p);

}  // namespace fupan
