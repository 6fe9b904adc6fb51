#include "domain/metric_query.h"

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
    return Error::invalid("segment", "cac and clv do not break down by customer");
  }
  if (segment->dim == SegmentDim::product && metric.base != Metric::orders_amount &&
      metric.base != Metric::orders_count) {
    return Error::invalid("segment", "only orders_amount and orders_count break down by product");
  }
  return {};
}

MetricAnswer answer(const MetricQuery& q, int fiscal_start_month, const BaseMetricFn& base,
                    const TargetFn& target) {
  MetricAnswer a;
  a.previous_period = previous_period(q.period, fiscal_start_month);
  a.yoy_period = same_period_last_year(q.period, fiscal_start_month);
  const Metric m = q.metric.base;
  switch (q.metric.transform) {
    case MetricTransform::none:
      a.value = base(m, q.period);
      a.previous = base(m, a.previous_period);
      a.yoy = base(m, a.yoy_period);
      break;
    case MetricTransform::growth: {
      // growth in P, in the previous period, and in the same period last year, each against the
      // period just before it.
      auto growth_in = [&](const Period& p) {
        return growth_of(base(m, p), base(m, previous_period(p, fiscal_start_month)));
      };
      a.value = growth_in(q.period);
      a.previous = growth_in(a.previous_period);
      a.yoy = growth_in(a.yoy_period);
      break;
    }
    case MetricTransform::target:
    case MetricTransform::attainment: {
      const bool attainment = q.metric.transform == MetricTransform::attainment;
      auto in = [&](const Period& p) -> MetricValue {
        const std::optional<double> t = target ? target(p) : std::nullopt;
        if (!t) return std::monostate{};
        if (!attainment) return *t;
        const auto actual = as_number(base(m, p));
        return actual ? ratio(*actual, *t) : MetricValue{};
      };
      a.value = in(q.period);
      a.previous = in(a.previous_period);
      a.yoy = in(a.yoy_period);
      break;
    }
    case MetricTransform::yoy_growth: {
      auto yoy_growth_in = [&](const Period& p) {
        return growth_of(base(m, p), base(m, same_period_last_year(p, fiscal_start_month)));
      };
      a.value = yoy_growth_in(q.period);
      a.previous = yoy_growth_in(a.previous_period);
      a.yoy = yoy_growth_in(a.yoy_period);
      break;
    }
  }
  return a;
}

}  // namespace fupan
