// GET /api/targets/progress: where each current target stands; a thin handler over
// service/goals/target_progress.
#include <cmath>

#include "http/app.h"
#include "http/json_io.h"
#include "service/goals/target_progress.h"

namespace fupan::http {
namespace {

void write_amount(JsonWriter& w, std::string_view name, double v, bool money) {
  w.key(name);
  if (money) {
    w.value(static_cast<std::int64_t>(std::nearbyint(v)));
  } else {
    w.value(v);
  }
}

void write_progress(JsonWriter& w, const service::TargetProgress& p) {
  const bool money = p.target.metric == "orders_amount" || p.target.metric == "payments_amount";
  const goals::Progress& g = p.progress;
  w.begin_object();
  w.key("target");
  goals::write_json(w, p.target);
  w.field("scope_name", p.scope_name);
  w.field("actual", p.actual);
  write_amount(w, "expected", g.expected, money);
  w.key("attainment");
  g.attainment ? w.value(*g.attainment) : w.null();
  w.field("gap", g.gap);
  if (g.run_rate) {
    write_amount(w, "run_rate", *g.run_rate, money);
  } else {
    w.key("run_rate").null();
  }
  w.key("daily_needed");
  g.daily_needed ? w.value(*g.daily_needed) : w.null();
  w.field("working_days", p.days);
  w.field("days_over", p.over);
  w.field("day_counts", p.day_counts);
  w.field("remaining_days", g.remaining);
  w.field("status", goals::pace_status_name(g.status));
  w.end_object();
}

}  // namespace

void add_target_progress_routes(App& app) {
  // ?scope= &date= &members=true: {date, items:[progress]}.
  app.api("GET", "/api/targets/progress", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"scope", "date", "members"}));
    service::ProgressRequest req{query_text(call.req, "scope"), query_text(call.req, "date"),
                                 false};
    const std::string members = query_text(call.req, "members");
    if (members == "true") {
      req.members = true;
    } else if (!members.empty() && members != "false") {
      return query_error("members", detail::boolean);
    }
    auto report = service::target_progress(app.ctx(), call.actor, req);
    if (!report.ok()) return as_query_error(report.error());
    JsonWriter w;
    w.begin_object();
    w.field("date", format_date(report->date));
    w.key("items").begin_array();
    for (const service::TargetProgress& p : report->items) write_progress(w, p);
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });
}

}  // namespace fupan::http
