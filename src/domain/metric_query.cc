#include "domain/metric_query.h"

#include <algorithm>

namespace fupan {

std::optional<SegmentDim> parse_segment_dim(std::string_view text) {
  for (SegmentDim d : {SegmentDim::industry, SegmentDim::channel, SegmentDim::tier,
                       SegmentDim::region, SegmentDim::product}) {
    if (segment_dim_name(d) == text) return d;
  }
  return std::nullopt;
}

std::string_view segment_dim_name(SegmentDim d) {
  switch (d) {
    case SegmentDim::industry:
      return "industry";
    case SegmentDim::channel:
      return "channel";
    case SegmentDim::tier:
      return "tier";
    case SegmentDim::region:
      return "region";
    case SegmentDim::product:
      return "product";
  }
  return "";
}

Status check_segment(const MetricName& metric, const std::optional<Segment>& segment) {
  if (!segment) return {};
  if (metric.base == Metric::cac || metric.base == Metric::clv) {
    return Error::invalid("segment", detail::no_customer_segment);
  }
  if (segment->dim == SegmentDim::product && metric.base != Metric::orders_amount &&
      metric.base != Metric::orders_count) {
    return Error::invalid("segment", detail::no_product_segment);
  }
  return {};
}

MetricAnswer answer(const MetricQuery& q, const MetricSettings& settings, const BaseMetricFn& base,
                    const TargetFn& target) {
  const int fsm = settings.fiscal_start_month;
  MetricAnswer a;
  a.previous_period = previous_period(q.period, fsm);
  a.yoy_period = same_period_last_year(q.period, fsm);
  a.compared = comparison_of(q.period, q.compare);
  if (a.compared == Comparison::to_date) {
    a.elapsed = elapsed_in(q.period, *q.compare.today, q.compare.basis, settings.holidays);
  }
  // The days a figure of period `p` counts: all of them; or, to date, q's period through today
  // and any other period as far as q's has run.
  auto days_of = [&](const Period& p) {
    if (a.compared != Comparison::to_date) return p;
    if (p == q.period) {
      Period out = p;
      out.end = std::min(p.end, *q.compare.today + std::chrono::days{1});
      return out;
    }
    return part_to_date(p, a.elapsed, settings.holidays);
  };
  a.value_days = days_of(q.period);
  a.previous_days = days_of(a.previous_period);
  a.yoy_days = days_of(a.yoy_period);
  auto actual = [&](Metric m, const Period& p) { return base(m, days_of(p)); };
  const bool future = a.compared == Comparison::future;

  const Metric m = q.metric.base;
  switch (q.metric.transform) {
    case MetricTransform::none:
      if (!future) a.value = actual(m, q.period);
      a.previous = actual(m, a.previous_period);
      a.yoy = actual(m, a.yoy_period);
      break;
    case MetricTransform::growth: {
      // growth in P, in the previous period, and in the same period last year, each against the
      // period just before it.
      auto growth_in = [&](const Period& p) {
        return growth_of(actual(m, p), actual(m, previous_period(p, fsm)));
      };
      if (!future) a.value = growth_in(q.period);
      a.previous = growth_in(a.previous_period);
      a.yoy = growth_in(a.yoy_period);
      break;
    }
    case MetricTransform::target:
    case MetricTransform::attainment: {
      const bool attainment = q.metric.transform == MetricTransform::attainment;
      // The whole period's target: attainment to date is how much of it is done so far.
      auto in = [&](const Period& p) -> MetricValue {
        const std::optional<double> t = target ? target(p) : std::nullopt;
        if (!t) return std::monostate{};
        if (!attainment) return *t;
        const auto done = as_number(actual(m, p));
        return done ? ratio(*done, *t) : MetricValue{};
      };
      if (!future || !attainment) a.value = in(q.period);
      a.previous = in(a.previous_period);
      a.yoy = in(a.yoy_period);
      break;
    }
    case MetricTransform::yoy_growth: {
      auto yoy_growth_in = [&](const Period& p) {
        return growth_of(actual(m, p), actual(m, same_period_last_year(p, fsm)));
      };
      if (!future) a.value = yoy_growth_in(q.period);
      a.previous = yoy_growth_in(a.previous_period);
      a.yoy = yoy_growth_in(a.yoy_period);
      break;
    }
  }
  return a;
}

}  // namespace fupan
