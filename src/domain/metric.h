// The metrics of SPEC section 6 by name, what kind of number each is, and the value a metric
// takes. docs/metrics.md defines each one exactly; the engine and the SQL reference both follow it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.h"
#include "domain/receivable_aging.h"

namespace fupan {

enum class Metric {
  orders_amount,
  orders_count,
  aov,
  payments_amount,
  new_leads,
  new_buyers,
  lead_conversion,
  win_rate,
  stage_conversion,
  sales_cycle_days,
  sales_cycle_days_mean,
  activities,
  visits,
  calls,
  emails,
  meetings,
  activities_per_day,
  satisfaction,
  retention,
  cac,
  clv,
  receivables,
};

enum class MetricUnit { fen, count, ratio, days, per_day, score, stages };

struct MetricInfo {
  Metric metric;
  std::string_view name;  // as in the API: "orders_amount"
  std::string_view zh;
  std::string_view en;
  MetricUnit unit;
  bool additive;  // sums over users and days (so a target may be set on it, SPEC §3)
};

// Every metric, in the order of SPEC section 6.
const std::vector<MetricInfo>& all_metrics();
const MetricInfo& info(Metric m);

// A metric as asked: a base metric, or its growth over the previous period ("growth:M") or over
// the same period last year ("yoy_growth:M"), or for an additive M its target ("target:M") and
// attainment 达成率 ("attainment:M" = M / target).
enum class MetricTransform { none, growth, yoy_growth, target, attainment };
struct MetricName {
  Metric base = Metric::orders_amount;
  MetricTransform transform = MetricTransform::none;
  std::string text() const;
  friend bool operator==(const MetricName&, const MetricName&) = default;
};
Result<MetricName> parse_metric(std::string_view text);

// stage_conversion: one row per stage of the pipeline in order (lost stages excluded).
struct StageReach {
  std::int64_t stage_id = 0;
  std::string name;
  std::int64_t reached = 0;
  std::optional<double> conversion;  // reached / reached of the stage before; null for the first
  friend bool operator==(const StageReach&, const StageReach&) = default;
};

// receivables: what is owed as of the end of the period, by aging bucket.
struct Receivables {
  Aging aging;
  std::int64_t orders = 0;  // orders that still owe
  friend bool operator==(const Receivables& a, const Receivables& b) {
    return a.orders == b.orders && a.aging.d0_30 == b.aging.d0_30 &&
           a.aging.d31_60 == b.aging.d31_60 && a.aging.d61_90 == b.aging.d61_90 &&
           a.aging.d90_plus == b.aging.d90_plus;
  }
};

// null (a zero denominator, no data for a mean), an exact integer (分 or a count), a real (a
// ratio or mean, unrounded), the stages of a funnel, or receivables.
using MetricValue =
    std::variant<std::monostate, std::int64_t, double, std::vector<StageReach>, Receivables>;

// Returns the number a value stands for, for growth and sorting: the integer, the real, the total
// owed; nullopt for null and for stages.
std::optional<double> as_number(const MetricValue& v);

// (now − before) / before; null when either is null or before is 0.
MetricValue growth_of(const MetricValue& now, const MetricValue& before);

// Returns a / b, or null when b is 0.
MetricValue ratio(double a, double b);

}  // namespace fupan
