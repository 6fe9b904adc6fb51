#include "service/analytics/metric_json.h"

namespace fupan::service {

void write_metric_value(JsonWriter& w, const MetricValue& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return w.value(*i);
  if (auto* d = std::get_if<double>(&v)) return w.value(*d);
  if (auto* r = std::get_if<Receivables>(&v)) return w.value(r->aging.total().value());
  if (auto* stages = std::get_if<std::vector<StageReach>>(&v)) {
    w.begin_array();
    for (const StageReach& s : *stages) {
      w.begin_object();
      w.field("stage_id", s.stage_id);
      w.field("name", s.name);
      w.field("reached", s.reached);
      w.key("conversion");
      s.conversion ? w.value(*s.conversion) : w.null();
      w.end_object();
    }
    w.end_array();
    return;
  }
  w.null();
}

void write_answer_members(JsonWriter& w, const MetricAnswer& a) {
  w.key("value");
  write_metric_value(w, a.value);
  w.key("previous");
  write_metric_value(w, a.previous);
  w.key("yoy");
  write_metric_value(w, a.yoy);
  if (auto* r = std::get_if<Receivables>(&a.value)) {
    w.key("aging").begin_object();
    w.field("d0_30", r->aging.d0_30);
    w.field("d31_60", r->aging.d31_60);
    w.field("d61_90", r->aging.d61_90);
    w.field("d90_plus", r->aging.d90_plus);
    w.field("orders", r->orders);
    w.end_object();
  }
}

void write_comparison_members(JsonWriter& w, const MetricAnswer& a) {
  w.field("compared", comparison_name(a.compared));
  if (a.compared != Comparison::to_date) return;
  w.field("through", format_date(a.value_days.end - std::chrono::days{1}));
  w.key("elapsed").begin_object();
  w.field("basis", elapsed_basis_name(a.elapsed.basis));
  w.field("count", a.elapsed.count);
  w.end_object();
  auto range = [&](std::string_view key, const Period& p) {
    w.key(key).begin_object();
    w.field("start", format_date(p.start));
    w.field("end", format_date(p.end));
    w.end_object();
  };
  range("value_range", a.value_days);
  range("previous_range", a.previous_days);
  range("yoy_range", a.yoy_days);
}

void write_metric_answer(JsonWriter& w, const MetricQuery& q, const MetricAnswer& a) {
  w.begin_object();
  w.field("metric", q.metric.text());
  w.field("scope", scope_text(q.scopes));
  w.field("period", q.period.label);
  w.key("range").begin_object();
  w.field("start", format_date(q.period.start));
  w.field("end", format_date(q.period.end));
  w.end_object();
  if (q.segment) {
    w.key("segment").begin_object();
    w.field("by", segment_dim_name(q.segment->dim));
    w.field("key", q.segment->key);
    w.end_object();
  }
  write_answer_members(w, a);
  w.field("previous_period", a.previous_period.label);
  w.field("yoy_period", a.yoy_period.label);
  write_comparison_members(w, a);
  w.end_object();
}

}  // namespace fupan::service
