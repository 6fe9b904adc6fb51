// One metric question (metric, scopes, period, optional segment) and the org settings every answer
// depends on; how a question's value, previous-period and last-year values are put together from
// base metric values, whoever computes those (the engine or the SQL reference). Pure.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/compare_to_date.h"
#include "domain/metric.h"
#include "domain/metric_scope.h"
#include "domain/period.h"

namespace fupan {

// What the customer of an event is grouped by in a segment breakdown (docs/metrics.md).
enum class SegmentDim { industry, channel, tier, region, product };
std::optional<SegmentDim> parse_segment_dim(std::string_view text);
std::string_view segment_dim_name(SegmentDim d);

// Only events whose customer's `dim` is `key` ("" = empty; for region the region id as text; for
// product the product id as text, "" for orders without lines).
struct Segment {
  SegmentDim dim = SegmentDim::industry;
  std::string key;
};

struct MetricQuery {
  MetricName metric;
  std::vector<ScopeRef> scopes;
  Period period;
  std::optional<std::int64_t> pipeline_id;  // stage_conversion; default pipeline when absent
  std::optional<Segment> segment;
  CompareRule compare;  // whole periods unless to date is asked and today is known
};

// The org's settings the metrics read.
struct MetricSettings {
  std::string timezone{kDefaultTimeZone};
  int fiscal_start_month = 1;
  int gross_margin_bp = 10000;      // clv's gross margin in basis points
  std::vector<LocalDate> holidays;  // sorted
};

// value, previous (环比) and yoy (同比) of one question, and the days each covers: the whole
// periods, or their parts to date (docs/metrics.md, "Periods in progress").
struct MetricAnswer {
  MetricValue value, previous, yoy;
  Period previous_period, yoy_period;  // the whole periods compared with
  Comparison compared = Comparison::full;
  Elapsed elapsed;                             // to_date: how far the period has run
  Period value_days, previous_days, yoy_days;  // the days each figure counts
};

// Computes a base metric for a period; the rest of the question is fixed.
using BaseMetricFn = std::function<MetricValue(Metric, const Period&)>;
// The target of the question's metric and scope for a period (domain/attainment.h), if any.
using TargetFn = std::function<std::optional<double>(const Period&)>;

// Answers `q` from `base`: for a plain metric its value in the period, the previous period and the
// same period last year; for growth:M / yoy_growth:M the growth in each of those three periods;
// for target:M and attainment:M the target and actual / target in each, from `target` (none when
// it is empty). A period in progress (q.compare) counts each of them to date, the targets
// whole; one that has not begun has no value (but its target).
MetricAnswer answer(const MetricQuery& q, const MetricSettings& settings, const BaseMetricFn& base,
                    const TargetFn& target = {});

// Returns an error unless `q.metric` may break down by `q.segment` (docs/metrics.md, Segments).
Status check_segment(const MetricName& metric, const std::optional<Segment>& segment);

}  // namespace fupan
