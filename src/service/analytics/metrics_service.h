// Metric questions (SPEC §6, docs/metrics.md): parsed from the API's text, checked against the
// viewer's data scope, answered by the in-memory engine (the plain-SQL reference the tests compare
// it with is testkit/metric_sql.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/metric_query.h"
#include "service/platform/context.h"

namespace fupan::service {

// The text of a question as the API and the command line take it.
struct MetricRequest {
  std::string metric, scope, period;
  std::optional<std::int64_t> pipeline_id;
  std::optional<std::string> segment_dim, segment_key;
  std::optional<std::string> compare;  // "to_date" (the default) or "full"
};

// Parses `req` for the org of `snapshot`; errors name the field (metric, scope, period, ...).
// With `today` (the asker's, in the org's zone) a period in progress is compared to date unless
// `compare` is "full"; without it every period is compared whole.
Result<MetricQuery> parse_metric_request(const MetricRequest& req, const OrgSnapshot& snapshot,
                                         std::optional<LocalDate> today = std::nullopt);

// Answers `q` for `org` with no viewer check (the command line, tests); needs ctx.analytics.
MetricAnswer answer_metric(const Context& ctx, OrgId org, const MetricQuery& q);

// The targets of `q`'s metric for `scope` (the question's own when absent), for target:M and
// attainment:M: a money target in whole 分 (a prorated share rounded half-even), a count's share
// unrounded; empty for the other questions.
TargetFn target_fn(const Context& ctx, OrgId org, const MetricQuery& q,
                   std::optional<ScopeRef> scope = std::nullopt);

// Answers `req` for `actor`, within their data scope (forbidden / not_found otherwise).
Result<std::pair<MetricQuery, MetricAnswer>> ask_metric(const Context& ctx, const Actor& actor,
                                                        const MetricRequest& req);

// Answers every metric for every scope over one period, metric-major (the dashboards' batch);
// each scope is checked and resolved once. The first question refused refuses the batch.
Result<std::vector<std::pair<MetricQuery, MetricAnswer>>> ask_metric_batch(
    const Context& ctx, const Actor& actor, const std::vector<std::string>& metrics,
    const std::vector<std::string>& scopes, const std::string& period,
    const std::optional<std::string>& compare = std::nullopt);

// One row of a breakdown: a child scope, a period within the period, or a segment.
struct BreakdownRow {
  std::string key;    // "team:3", "2026-W47", "制造业", "7" (a region or product id), "" (none)
  std::string label;  // what people read: a name, the period's label, "（未填写）" for ""
  MetricAnswer answer;
};

// By: "child" (regions of the org, sub-teams and direct members of a team, teams of a region),
// "team", "user", "day" / "week" / "month" / "quarter", or a segment (industry, channel, tier,
// region_of_customer → "region" segment, product). Rows of users and teams count only what counts
// for the asked scope (a rep's row in a team holds his days in that team).
Result<std::vector<BreakdownRow>> breakdown_metric(const Context& ctx, const Actor& actor,
                                                   const MetricRequest& req, std::string_view by);

}  // namespace fupan::service
