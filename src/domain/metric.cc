#include "domain/metric.h"

#include <algorithm>

namespace fupan {

const std::vector<MetricInfo>& all_metrics() {
  using enum Metric;
  using U = MetricUnit;
  static const std::vector<MetricInfo> metrics = {
      {orders_amount, "orders_amount", "销售额", "Sales", U::fen, true},
      {orders_count, "orders_count", "订单数", "Orders", U::count, true},
      {aov, "aov", "平均客单价", "Average order value", U::fen, false},
      {payments_amount, "payments_amount", "回款额", "Payments", U::fen, true},
      {new_leads, "new_leads", "新增客户", "New leads", U::count, true},
      {new_buyers, "new_buyers", "新成交客户", "New buyers", U::count, true},
      {lead_conversion, "lead_conversion", "客户转化率", "Lead conversion", U::ratio, false},
      {win_rate, "win_rate", "赢单率", "Win rate", U::ratio, false},
      {stage_conversion, "stage_conversion", "阶段转化率", "Stage conversion", U::stages, false},
      {sales_cycle_days, "sales_cycle_days", "销售周期（中位数）", "Sales cycle (median)", U::days,
       false},
      {sales_cycle_days_mean, "sales_cycle_days_mean", "销售周期（平均）", "Sales cycle (mean)",
       U::days, false},
      {activities, "activities", "活动数", "Activities", U::count, true},
      {visits, "visits", "拜访", "Visits", U::count, true},
      {calls, "calls", "电话", "Calls", U::count, true},
      {emails, "emails", "邮件", "Emails", U::count, true},
      {meetings, "meetings", "会议", "Meetings", U::count, true},
      {activities_per_day, "activities_per_day", "日均活动", "Activities per day", U::per_day,
       false},
      {satisfaction, "satisfaction", "满意度", "Satisfaction", U::score, false},
      {retention, "retention", "客户留存率", "Retention", U::ratio, false},
      {cac, "cac", "获客成本", "CAC", U::fen, false},
      {clv, "clv", "客户生命周期价值", "CLV", U::fen, false},
      {receivables, "receivables", "应收", "Receivables", U::fen, false},
  };
  return metrics;
}

const MetricInfo& info(Metric m) {
  return all_metrics()[static_cast<std::size_t>(m)];
}

std::string MetricName::text() const {
  const std::string name(info(base).name);
  switch (transform) {
    case MetricTransform::growth:
      return "growth:" + name;
    case MetricTransform::yoy_growth:
      return "yoy_growth:" + name;
    case MetricTransform::target:
      return "target:" + name;
    case MetricTransform::attainment:
      return "attainment:" + name;
    case MetricTransform::none:
      break;
  }
  return name;
}

Result<MetricName> parse_metric(std::string_view text) {
  MetricName out;
  for (auto [prefix, transform] :
       {std::pair{std::string_view("growth:"), MetricTransform::growth},
        {std::string_view("yoy_growth:"), MetricTransform::yoy_growth},
        {std::string_view("target:"), MetricTransform::target},
        {std::string_view("attainment:"), MetricTransform::attainment}}) {
    if (text.starts_with(prefix)) {
      text.remove_prefix(prefix.size());
      out.transform = transform;
      break;  // one transform: "growth:yoy_growth:M" names no metric
    }
  }
  const auto& metrics = all_metrics();
  auto it = std::find_if(metrics.begin(), metrics.end(),
                         [&](const MetricInfo& m) { return m.name == text; });
  if (it == metrics.end()) {
    return Error::invalid("metric", detail::unknown_metric);
  }
  if (out.transform != MetricTransform::none && it->unit == MetricUnit::stages) {
    return Error::invalid("metric", detail::no_growth);
  }
  const bool needs_target =
      out.transform == MetricTransform::target || out.transform == MetricTransform::attainment;
  if (needs_target && !it->additive) {
    return Error::invalid("metric", detail::target_additive);
  }
  out.base = it->metric;
  return out;
}

std::optional<double> as_number(const MetricValue& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* r = std::get_if<Receivables>(&v)) return static_cast<double>(r->aging.total().value());
  return std::nullopt;
}

MetricValue ratio(double a, double b) {
  if (b == 0) return std::monostate{};
  return a / b;
}

MetricValue growth_of(const MetricValue& now, const MetricValue& before) {
  auto n = as_number(now);
  auto b = as_number(before);
  if (!n || !b) return std::monostate{};
  return ratio(*n - *b, *b);
}

}  // namespace fupan
