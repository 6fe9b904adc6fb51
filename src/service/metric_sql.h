// The metrics of docs/metrics.md computed by plain SQL over the store, one base metric for one
// period at a time, written independently of the engine (its own scope resolution, by recursive
// SQL over teams and memberships) so that the differential tests mean something. Slow by design.
#pragma once

#include "core/ids.h"
#include "domain/metric_query.h"
#include "store/database.h"

namespace fupan::service {

// Returns base metric `m` of `q` (its scopes, segment, pipeline) over `period`, for `org`.
MetricValue metric_by_sql(store::Connection& c, OrgId org, const MetricSettings& settings, Metric m,
                          const MetricQuery& q, const Period& period);

}  // namespace fupan::service
