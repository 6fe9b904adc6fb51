// Metrics (SPEC §6, docs/metrics.md): GET /api/metrics (one question), /api/metrics/batch (every
// metric × scope asked, for dashboards), /api/metrics/breakdown (by child scope, period or
// segment) and /api/metrics/catalog (the metrics with their names), over
// service/analytics/metrics_service.
#include <algorithm>

#include "http/app.h"
#include "http/json_io.h"
#include "service/analytics/metric_export.h"
#include "service/analytics/metric_json.h"
#include "service/analytics/metrics_service.h"

namespace fupan::http {
namespace {

// The question in the query string; metric and scope may be given instead of `metric`/`scope`.
Result<service::MetricRequest> metric_request(const Request& req) {
  service::MetricRequest in{query_text(req, "metric"),
                            query_text(req, "scope"),
                            query_text(req, "period"),
                            {},
                            {},
                            {},
                            {}};
  if (req.query_param("compare")) in.compare = query_text(req, "compare");
  auto pipeline = query_id(req, "pipeline");
  if (!pipeline.ok()) return pipeline.error();
  in.pipeline_id = *pipeline;
  if (const std::string* s = req.query_param("segment")) in.segment_dim = *s;
  if (const std::string* k = req.query_param("segment_key")) {
    if (!in.segment_dim) return query_error("segment", detail::segment_key_needs_segment);
    in.segment_key = *k;
  }
  return in;
}

std::string_view unit_name(MetricUnit u) {
  switch (u) {
    case MetricUnit::fen:
      return "fen";
    case MetricUnit::count:
      return "count";
    case MetricUnit::ratio:
      return "ratio";
    case MetricUnit::days:
      return "days";
    case MetricUnit::per_day:
      return "per_day";
    case MetricUnit::score:
      return "score";
    case MetricUnit::stages:
      return "stages";
  }
  return "";
}

}  // namespace

void add_metric_routes(App& app) {
  app.api("GET", "/api/metrics/catalog", [](Call& call) -> Result<Response> {
    if (auto s = only_params(call.req, {}); !s.ok()) return s.error();
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const MetricInfo& m : all_metrics()) {
      w.begin_object();
      w.field("name", m.name);
      w.field("zh", m.zh);
      w.field("en", m.en);
      w.field("unit", unit_name(m.unit));
      w.field("additive", m.additive);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // ?metric=M &scope=S &period=P [&pipeline=ID] [&segment=industry|channel|tier|region|product
  // &segment_key=K]
  app.api("GET", "/api/metrics", [&app](Call& call) -> Result<Response> {
    const Request& req = call.req;
    if (auto s = only_params(
            req, {"metric", "scope", "period", "pipeline", "segment", "segment_key", "compare"});
        !s.ok())
      return s.error();
    auto in = metric_request(req);
    if (!in.ok()) return as_query_error(in.error());
    auto out = service::ask_metric(app.ctx(), call.actor, *in);
    if (!out.ok()) return as_query_error(out.error());
    JsonWriter w;
    service::write_metric_answer(w, out->first, out->second);
    return json_text(std::move(w).str());
  });

  // ?metric=A&metric=B… &scope=S1&scope=S2… &period=P: every metric for every scope, in that
  // order (metric-major), at most 500 answers.
  app.api("GET", "/api/metrics/batch", [&app](Call& call) -> Result<Response> {
    const Request& req = call.req;
    if (auto s = only_params(req, {"metric", "scope", "period", "compare", "lang"}); !s.ok())
      return s.error();
    std::vector<std::string> metrics, scopes;
    for (auto [it, end] = req.query.equal_range("metric"); it != end; ++it)
      metrics.push_back(it->second);
    for (auto [it, end] = req.query.equal_range("scope"); it != end; ++it)
      scopes.push_back(it->second);
    if (metrics.empty()) return query_error("metric", detail::required);
    if (scopes.empty()) return query_error("scope", detail::required);
    if (metrics.size() * scopes.size() > 500)
      return query_error("metric", detail::too_many_answers);
    std::optional<std::string> compare;
    if (req.query_param("compare")) compare = query_text(req, "compare");
    auto answers = service::ask_metric_batch(app.ctx(), call.actor, metrics, scopes,
                                             query_text(req, "period"), compare);
    if (!answers.ok()) return as_query_error(answers.error());
    JsonWriter w;
    w.begin_object();
    w.key("results").begin_array();
    for (const auto& [q, a] : *answers) service::write_metric_answer(w, q, a);
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // ?metric &scope &period &by=child|team|user|day|week|month|quarter|industry|channel|tier|
  // region_of_customer|product [&pipeline] [&segment &segment_key]
  app.api("GET", "/api/metrics/breakdown", [&app](Call& call) -> Result<Response> {
    const Request& req = call.req;
    if (auto s = only_params(req, {"metric", "scope", "period", "by", "pipeline", "segment",
                                   "segment_key", "compare", "format", "lang"});
        !s.ok())
      return s.error();
    auto in = metric_request(req);
    if (!in.ok()) return as_query_error(in.error());
    const std::string by = query_text(req, "by");
    if (by.empty()) return query_error("by", detail::required);
    const std::string format = req.query_param("format") ? query_text(req, "format") : "json";
    if (format != "json" && format != "xlsx") return query_error("format", detail::export_format);
    auto rows = service::breakdown_metric(app.ctx(), call.actor, *in, by);
    if (!rows.ok()) return as_query_error(rows.error());
    if (format == "xlsx") {
      auto q = service::parse_metric_request(*in, *call.actor.snapshot, call.actor.today);
      if (!q.ok()) return as_query_error(q.error());
      return xlsx_response(service::breakdown_xlsx(*q, by, *rows, prefers_english(req)), req);
    }
    JsonWriter w;
    w.begin_object();
    w.field("metric", in->metric);
    w.field("scope", in->scope);
    w.field("period", in->period);
    w.field("by", by);
    w.key("rows").begin_array();
    for (const service::BreakdownRow& r : *rows) {
      w.begin_object();
      w.field("key", r.key);
      w.field("label", r.label);
      service::write_answer_members(w, r.answer);
      w.field("previous_period", r.answer.previous_period.label);
      service::write_comparison_members(w, r.answer);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });
}

}  // namespace fupan::http
