// Analyses (SPEC §5): GET /api/analysis/funnel, /quadrant, /forecast and /risks, over
// service/analytics/analysis_service. Each answers within the caller's data scope; format=xlsx
// gives the page's table as a workbook instead (service/analytics/analysis_export).
#include <algorithm>
#include <charconv>

#include "domain/entity_json.h"
#include "http/app.h"
#include "http/json_io.h"
#include "service/analytics/analysis_export.h"
#include "service/analytics/analysis_service.h"
#include "service/analytics/metric_json.h"

namespace fupan::http {
namespace {

// Whether `format` asks for a workbook: "json" (the default) or "xlsx".
Result<bool> wants_xlsx(const Request& req) {
  const std::string* format = req.query_param("format");
  if (!format || *format == "json") return false;
  if (*format == "xlsx") return true;
  return query_error("format", detail::export_format);
}

void optional_number(JsonWriter& w, std::string_view key, const std::optional<double>& v) {
  w.key(key);
  v ? w.value(*v) : w.null();
}

void write_month(JsonWriter& w, const engine::OrgIndex::PipelineMonth& m) {
  w.field("count", m.count);
  w.field("amount", m.amount);
  w.field("weighted", m.weighted);
  w.field("commit", m.commit);
  w.field("best_case", m.best_case);
  w.field("won", m.won_amount);
}

// {stalled:[opportunity + last_activity_at + days_idle], stalled_total, stall_days,
//  slipped:[opportunity + days_slipped], slipped_total, churn:[{customer_id, customer_name,
//  owner_id, owner_name, last_order, usual_interval_days, days_since}], churn_total,
//  overdue:[order + days_past_due], overdue_total, today}
std::string risks_json(const service::RiskReport& r, const service::RiskNames& loaded,
                       const OrgSnapshot& org, LocalDate today) {
  const RefNames& names = loaded.refs;
  const auto customer_name = [&](std::int64_t id) {
    auto it = loaded.churn_customers.find(id);
    return it == loaded.churn_customers.end() ? std::string() : it->second;
  };
  JsonWriter w;
  w.begin_object();
  w.key("stalled").begin_array();
  for (const auto& s : r.stalled.stalled) {
    w.begin_object();
    write_entity_members(w, s.opportunity, org, &names);
    w.key("last_activity_at");
    s.last_activity_at ? w.value(format_rfc3339(*s.last_activity_at)) : w.null();
    w.field("days_idle", s.days_idle);
    w.end_object();
  }
  w.end_array();
  w.field("stalled_total", r.stalled.stalled_total);
  w.field("stall_days", r.stalled.stall_days);
  w.key("slipped").begin_array();
  for (const auto& o : r.slipped) {
    w.begin_object();
    write_entity_members(w, o, org, &names);
    const auto close = parse_date(o.text("expected_close"));
    w.field("days_slipped", close ? (today - *close).count() : 0);
    w.end_object();
  }
  w.end_array();
  w.field("slipped_total", r.slipped_total);
  w.key("churn").begin_array();
  for (const auto& c : r.churn) {
    w.begin_object();
    w.field("customer_id", c.customer_id);
    w.field("customer_name", customer_name(c.customer_id));
    w.field("owner_id", c.owner_id);
    const UserRecord* owner = org.user(UserId{c.owner_id});
    w.field("owner_name", owner ? owner->display_name : "");
    w.field("last_order", format_date(c.last_order));
    w.field("usual_interval_days", c.usual_days);
    w.field("days_since", c.days_since);
    w.end_object();
  }
  w.end_array();
  w.field("churn_total", r.churn_total);
  w.key("overdue").begin_array();
  for (const auto& o : r.overdue) {
    w.begin_object();
    write_entity_members(w, o, org, &names);
    const auto due = parse_date(o.text("due_date"));
    w.field("days_past_due", due ? (today - *due).count() : 0);
    w.end_object();
  }
  w.end_array();
  w.field("overdue_total", r.overdue_total);
  w.field("today", format_date(today));
  w.end_object();
  return std::move(w).str();
}

}  // namespace

void add_analysis_routes(App& app) {
  // ?scope &period [&pipeline] [&format=json|xlsx]
  app.api("GET", "/api/analysis/funnel", [&app](Call& call) -> Result<Response> {
    const Request& req = call.req;
    if (auto s = only_params(req, {"scope", "period", "pipeline", "format", "lang"}); !s.ok())
      return s.error();
    FUPAN_ASSIGN_OR_RETURN(auto xlsx, wants_xlsx(req));
    service::MetricRequest in{"", query_text(req, "scope"), query_text(req, "period"), {}, {}, {}};
    FUPAN_ASSIGN_OR_RETURN(auto pipeline, query_id(req, "pipeline"));
    in.pipeline_id = pipeline;
    auto r = service::funnel_analysis(app.ctx(), call.actor, in);
    if (!r.ok()) return as_query_error(r.error());
    if (xlsx) return xlsx_response(service::funnel_xlsx(*r, prefers_english(req)), req);
    JsonWriter w;
    w.begin_object();
    w.field("scope", scope_text(r->query.scopes));
    w.field("period", r->query.period.label);
    w.field("benchmark_period", r->benchmark_period.label);
    w.key("stages").begin_array();
    for (std::size_t k = 0; k < r->stages.size(); ++k) {
      const auto& s = r->stages[k];
      w.begin_object();
      w.field("stage_id", s.stage_id);
      w.field("name", s.name);
      w.field("probability", s.probability);
      w.field("reached", s.reached);
      optional_number(w, "conversion", s.conversion);
      optional_number(w, "benchmark", r->benchmark[k]);
      w.field("stays", s.stays);
      optional_number(w, "median_days", s.median_days);
      optional_number(w, "mean_days", s.mean_days);
      w.end_object();
    }
    w.end_array();
    w.key("bottleneck_stage_id");
    r->bottleneck_stage_id ? w.value(*r->bottleneck_stage_id) : w.null();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // ?scope &period &by=child|team|user [&metric=orders_amount] [&format=json|xlsx]
  app.api("GET", "/api/analysis/quadrant", [&app](Call& call) -> Result<Response> {
    const Request& req = call.req;
    if (auto s = only_params(req, {"scope", "period", "by", "metric", "compare", "format", "lang"});
        !s.ok())
      return s.error();
    FUPAN_ASSIGN_OR_RETURN(auto xlsx, wants_xlsx(req));
    service::MetricRequest in{query_text(req, "metric"),
                              query_text(req, "scope"),
                              query_text(req, "period"),
                              {},
                              {},
                              {},
                              {}};
    if (req.query_param("compare")) in.compare = query_text(req, "compare");
    const std::string by = req.query_param("by") ? query_text(req, "by") : "child";
    auto r = service::quadrant_analysis(app.ctx(), call.actor, in, by);
    if (!r.ok()) return as_query_error(r.error());
    const bool english = prefers_english(req);
    if (xlsx) return xlsx_response(service::quadrant_xlsx(*r, english), req);
    JsonWriter w;
    w.begin_object();
    w.field("metric", r->query.metric.text());
    w.field("scope", scope_text(r->query.scopes));
    w.field("period", r->query.period.label);
    w.field("by", by);
    service::write_comparison_members(w, r->comparison);
    w.key("split").begin_object();
    w.field("sales", r->split.sales);
    w.field("growth", r->split.growth);
    w.end_object();
    w.key("points").begin_array();
    for (const QuadrantPoint& p : r->points) {
      w.begin_object();
      w.field("key", p.key);
      w.field("label", p.label);
      w.field("sales", p.sales);
      optional_number(w, "growth", p.growth);
      w.key("quadrant");
      p.quadrant ? w.value(quadrant_name(*p.quadrant)) : w.null();
      w.key("action");
      p.quadrant ? w.value(quadrant_action(*p.quadrant, english)) : w.null();
      w.key("includes").begin_array();
      for (const std::string& k : p.includes) w.value(k);
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // ?scope [&months=6] [&format=json|xlsx]
  app.api("GET", "/api/analysis/forecast", [&app](Call& call) -> Result<Response> {
    const Request& req = call.req;
    if (auto s = only_params(req, {"scope", "months", "format", "lang"}); !s.ok()) return s.error();
    FUPAN_ASSIGN_OR_RETURN(auto xlsx, wants_xlsx(req));
    int months = 6;
    if (const std::string* m = req.query_param("months")) {
      auto [end, ec] = std::from_chars(m->data(), m->data() + m->size(), months);
      if (ec != std::errc{} || end != m->data() + m->size())
        return query_error("months", detail::range_words(1, 12));
    }
    service::MetricRequest in{"", query_text(req, "scope"), "", {}, {}, {}};
    auto r = service::forecast_analysis(app.ctx(), call.actor, in, months);
    if (!r.ok()) return as_query_error(r.error());
    if (xlsx) {
      return xlsx_response(service::forecast_xlsx(*r, call.actor.today, prefers_english(req)), req);
    }
    JsonWriter w;
    w.begin_object();
    w.field("scope", scope_text(r->query.scopes));
    w.field("as_of", format_date(call.actor.today));
    w.key("pipeline").begin_object();
    w.key("slipped").begin_object();
    write_month(w, r->pipeline.slipped);
    w.end_object();
    w.key("months").begin_array();
    for (std::size_t i = 0; i < r->pipeline.months.size(); ++i) {
      w.begin_object();
      w.field("month", r->forecast[i].month);
      write_month(w, r->pipeline.months[i]);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    w.key("series").begin_object();
    w.field("metric", "orders_amount");
    w.field("method", forecast_method_name(r->method));
    w.key("history").begin_array();
    for (const auto& m : r->history) {
      w.begin_object();
      w.field("month", m.month);
      w.field("value", m.value);
      w.end_object();
    }
    w.end_array();
    w.key("forecast").begin_array();
    for (const auto& m : r->forecast) {
      w.begin_object();
      w.field("month", m.month);
      w.field("value", m.value);
      w.end_object();
    }
    w.end_array();
    w.key("backtest").begin_object();
    optional_number(w, "mape", r->backtest.mape);
    optional_number(w, "mae", r->backtest.mae);
    w.key("points").begin_array();
    for (std::size_t i = 0; i < r->backtest.points.size(); ++i) {
      w.begin_object();
      w.field("month", r->backtest_months[i]);
      w.field("actual", r->backtest.points[i].actual);
      w.field("forecast", r->backtest.points[i].forecast);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    w.end_object();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // [&format=json|xlsx &kind=stalled|slipped|churn|overdue]: a workbook holds one list, which
  // kind names; the JSON holds all four whatever kind says.
  app.api("GET", "/api/analysis/risks", [&app](Call& call) -> Result<Response> {
    const Request& req = call.req;
    if (auto s = only_params(req, {"format", "kind", "lang"}); !s.ok()) return s.error();
    FUPAN_ASSIGN_OR_RETURN(auto xlsx, wants_xlsx(req));
    std::optional<service::RiskList> list;
    if (const std::string* kind = req.query_param("kind")) {
      list = service::parse_risk_list(*kind);
      if (!list) return query_error("kind", detail::risk_kind);
    } else if (xlsx) {
      return query_error("kind", detail::required);
    }
    auto r = service::risk_analysis(app.ctx(), call.actor);
    if (!r.ok()) return as_query_error(r.error());
    const service::RiskNames names = service::load_risk_names(app.ctx(), call.actor, *r);
    if (xlsx) {
      return xlsx_response(service::risks_xlsx(*r, names, *list, *call.actor.snapshot,
                                               call.actor.today, prefers_english(req)),
                           req);
    }
    return json_text(risks_json(*r, names, *call.actor.snapshot, call.actor.today));
  });
}

}  // namespace fupan::http
