// The metrics of docs/metrics.md computed by plain SQL over the store, one base metric for one
// period at a time, written independently of the engine (its own scope resolution, by recursive
// SQL over teams and memberships) so that the differential tests mean something. Slow by design.
#pragma once

#include "core/ids.h"
#include "domain/metric_query.h"
#include "service/platform/context.h"
#include "store/database.h"

namespace fupan::testkit {

// Returns base metric `m` of `q` (its scopes, segment, pipeline) over `period`, for `org`.
MetricValue metric_by_sql(store::Connection& c, OrgId org, const MetricSettings& settings, Metric m,
                          const MetricQuery& q, const Period& period);

// Answers `q` for `org` as service::answer_metric does, every base value by metric_by_sql and the
// targets as the service reads them: what the engine's answers are checked against.
MetricAnswer answer_metric_by_sql(const service::Context& ctx, OrgId org, const MetricQuery& q);

enum class MetricSource { engine, sql };

// The engine's answer (service::answer_metric) or the reference's, for tests that ask both.
MetricAnswer answer_metric(const service::Context& ctx, OrgId org, const MetricQuery& q,
                           MetricSource source);

}  // namespace fupan::testkit
