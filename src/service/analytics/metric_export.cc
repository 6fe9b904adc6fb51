#include "service/analytics/metric_export.h"

#include "core/xlsx_writer.h"

namespace fupan::service {
namespace {

// Writes one value: money as 元, counts as integers, ratios and means as numbers, null empty.
void cell(XlsxWriter& x, const MetricValue& v, MetricUnit unit) {
  if (auto* i = std::get_if<std::int64_t>(&v)) {
    unit == MetricUnit::fen ? x.money_fen(*i) : x.integer(*i);
  } else if (auto* d = std::get_if<double>(&v)) {
    x.number(unit == MetricUnit::fen ? *d / 100.0 : *d);
  } else if (auto* r = std::get_if<Receivables>(&v)) {
    x.money_fen(r->aging.total().value());
  } else {
    x.empty();
  }
}

void growth_cell(XlsxWriter& x, const MetricValue& now, const MetricValue& before) {
  if (auto g = as_number(growth_of(now, before))) {
    x.number(*g);
  } else {
    x.empty();
  }
}

}  // namespace

Workbook breakdown_xlsx(const MetricQuery& q, std::string_view by,
                        const std::vector<BreakdownRow>& rows, bool english) {
  const MetricInfo& m = info(q.metric.base);
  const std::string name(english ? m.en : m.zh);
  XlsxWriter x(name);
  if (english) {
    x.header({std::string(by), "Key", name, "Previous period", "Change", "Same period last year",
              "Year on year"});
  } else {
    x.header({"项目", "编号", name + "（本期）", "上期", "环比", "去年同期", "同比"});
  }
  const MetricUnit unit = q.metric.transform == MetricTransform::none ? m.unit : MetricUnit::ratio;
  for (const BreakdownRow& r : rows) {
    x.text(r.label);
    x.text(r.key);
    cell(x, r.answer.value, unit);
    cell(x, r.answer.previous, unit);
    growth_cell(x, r.answer.value, r.answer.previous);
    cell(x, r.answer.yoy, unit);
    growth_cell(x, r.answer.value, r.answer.yoy);
    x.end_row();
  }
  return {name + "-" + scope_text(q.scopes) + "-" + q.period.label + ".xlsx", x.finish()};
}

}  // namespace fupan::service
