// /api/targets: targets set, changed with a reason, listed and read with their adjustments;
// thin handlers over service/goals/target_service.
#include <cmath>

#include "http/app.h"
#include "http/json_io.h"
#include "service/goals/target_export.h"
#include "service/goals/target_progress.h"
#include "service/goals/target_service.h"
#include "service/goals/target_split.h"
#include "service/goals/target_tree.h"

namespace fupan::http {
namespace {

std::string_view warning_name(goals::SmartWarning w) {
  switch (w) {
    case goals::SmartWarning::no_owner:
      return "no_owner";
    case goals::SmartWarning::no_period:
      return "no_period";
    case goals::SmartWarning::not_challenging:
      return "not_challenging";
    case goals::SmartWarning::not_achievable:
      return "not_achievable";
  }
  return "";
}

// The target and its SMART warnings: [{warning, trailing_average, best}].
Response saved_json(const service::SavedTarget& s, int status) {
  JsonWriter w;
  w.begin_object();
  goals::write_members(w, s.target);
  w.key("warnings").begin_array();
  for (const goals::SmartFinding& f : s.warnings) {
    w.begin_object();
    w.field("warning", warning_name(f.warning));
    w.key("trailing_average");
    f.trailing_average ? w.value(*f.trailing_average) : w.null();
    w.key("best");
    f.best ? w.value(*f.best) : w.null();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return json_text(std::move(w).str(), status);
}

// {parent, parts:[{scope, period, start, end, value, existing_id, existing_value}], sum, saved}.
Response split_json(const service::SplitResult& r, int status) {
  JsonWriter w;
  w.begin_object();
  w.key("parent");
  goals::write_json(w, r.parent);
  std::int64_t sum = 0;
  w.key("parts").begin_array();
  for (const service::SplitPart& p : r.parts) {
    sum += p.value;
    w.begin_object();
    w.field("scope", p.scope.text());
    w.field("period", p.period.label);
    w.field("start", format_date(p.period.start));
    w.field("end", format_date(p.period.end - std::chrono::days{1}));
    w.field("value", p.value);
    w.key("existing_id");
    p.existing ? w.value(p.existing->id) : w.null();
    w.key("existing_value");
    p.existing ? w.value(p.existing->value) : w.null();
    w.end_object();
  }
  w.end_array();
  w.field("sum", sum);
  w.key("saved").begin_array();
  for (const goals::Target& t : r.saved) goals::write_json(w, t);
  w.end_array();
  w.end_object();
  return json_text(std::move(w).str(), status);
}

void write_commit(JsonWriter& w, const goals::TargetCommit& c, const OrgSnapshot& org) {
  w.begin_object();
  w.field("target_id", c.target_id);
  w.field("value", c.value);
  w.field("note", c.note);
  w.field("user_id", c.by.value);
  const UserRecord* u = org.user(c.by);
  w.key("user_name");
  u ? w.value(u->display_name) : w.null();
  w.field("at", format_rfc3339(c.at));
  w.end_object();
}

// {target, scope, scope_name, period, committed, children_sum, gap, missing, children}
void write_node(JsonWriter& w, const service::TreeNode& n, const Period& period,
                const OrgSnapshot& org) {
  w.begin_object();
  w.key("target");
  n.target ? goals::write_json(w, *n.target) : w.null();
  w.field("scope", n.scope.text());
  w.field("scope_name", n.scope_name);
  w.field("period", period.label);
  w.key("committed");
  n.commit ? write_commit(w, *n.commit, org) : w.null();
  w.key("children_sum");
  n.children_sum ? w.value(*n.children_sum) : w.null();
  w.key("gap");
  (n.children_sum && n.target) ? w.value(n.target->value - *n.children_sum) : w.null();
  w.field("missing", n.missing);
  w.key("children").begin_array();
  for (const service::TreeNode& c : n.children) write_node(w, c, period, org);
  w.end_array();
  w.end_object();
}

// A money metric's figures in whole 分 (half to even), a count's as they are.
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

void add_target_routes(App& app) {
  // The decomposition tree under a target: {root: node, calendar: [{kind, sum, gap, complete,
  // items}]}.
  app.api("GET", "/api/targets/{id}/tree", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto tree, service::target_tree(app.ctx(), call.actor, id));
    const OrgSnapshot& org = *call.actor.snapshot;
    const goals::Target& root = *tree.root.target;
    JsonWriter w;
    w.begin_object();
    w.key("root");
    write_node(w, tree.root, root.period, org);
    w.key("calendar").begin_array();
    for (const service::CalendarGroup& g : tree.calendar) {
      w.begin_object();
      w.field("kind", period_kind_name(g.kind));
      w.field("sum", g.sum);
      w.field("gap", root.value - g.sum);
      w.field("complete", g.complete);
      w.key("items").begin_array();
      for (const goals::Target& t : g.items) goals::write_json(w, t);
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {value, note?} → the commit (承诺) against the target.
  app.api("PUT", "/api/targets/{id}/commit", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::CommitInput in;
    in.value = f.required_integer("value");
    in.note = f.str("note").value_or("");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto c, service::commit_to_target(app.ctx(), call.actor, id, in));
    JsonWriter w;
    write_commit(w, c, *call.actor.snapshot);
    return json_text(std::move(w).str());
  });

  // ?metric= &period= &format=xlsx|csv: the targets as a workbook with a sheet per level, or CSV.
  app.api("GET", "/api/targets/export", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"metric", "period", "format"}));
    const std::string format = query_text(call.req, "format");
    if (!format.empty() && format != "xlsx" && format != "csv")
      return query_error("format", detail::one_of("xlsx, csv"));
    service::TargetExportRequest req{query_text(call.req, "metric"), query_text(call.req, "period"),
                                     format == "csv", prefers_english(call.req)};
    auto file = service::export_targets(app.ctx(), call.actor, req);
    if (!file.ok()) return as_query_error(file.error());
    if (!req.csv) return xlsx_response({file->file_name, std::move(file->bytes)}, call.req);
    Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = std::move(file->bytes);
    r.add_header("Content-Disposition", attachment_disposition(file->file_name));
    return r;
  });

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

  // ?metric= &scope= &period= (targets whose period overlaps it)
  app.api("GET", "/api/targets", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"metric", "scope", "period"}));
    service::TargetListRequest req{query_text(call.req, "metric"), query_text(call.req, "scope"),
                                   query_text(call.req, "period")};
    auto targets = service::list_targets(app.ctx(), call.actor, req);
    if (!targets.ok()) return as_query_error(targets.error());
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const goals::Target& t : *targets) goals::write_json(w, t);
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {metric, scope, period, value} → 201 the target with its warnings
  app.api("POST", "/api/targets", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::TargetInput in;
    in.metric = f.required_str("metric");
    in.scope = f.required_str("scope");
    in.period = f.required_str("period");
    in.value = f.required_integer("value");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto saved, service::set_target(app.ctx(), call.actor, in));
    return saved_json(saved, 201);
  });

  // The target and its adjustments, oldest first.
  app.api("GET", "/api/targets/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto t, service::get_target(app.ctx(), call.actor, id));
    const OrgSnapshot& org = *call.actor.snapshot;
    JsonWriter w;
    w.begin_object();
    goals::write_members(w, t.target);
    w.key("adjustments").begin_array();
    for (const goals::TargetAdjustment& a : t.adjustments) {
      w.begin_object();
      w.field("id", a.id);
      w.field("old_value", a.old_value);
      w.field("new_value", a.new_value);
      w.field("reason", a.reason);
      w.field("user_id", a.by.value);
      const UserRecord* u = org.user(a.by);
      w.key("user_name");
      u ? w.value(u->display_name) : w.null();
      w.field("at", format_rfc3339(a.at));
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {down: calendar|org, into?, method?, weights?, save?} → the parts (a preview), or 201 with
  // the targets made when save is true.
  app.api("POST", "/api/targets/{id}/split", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::SplitRequest in;
    in.down = f.required_str("down");
    in.into = f.str("into").value_or("");
    in.method = f.str("method").value_or("");
    in.save = f.boolean("save").value_or(false);
    std::optional<std::vector<std::int64_t>> weights = f.int_array("weights");
    FUPAN_TRY(f.finish());
    if (weights) in.weights = std::move(*weights);
    FUPAN_ASSIGN_OR_RETURN(auto r, service::split_target(app.ctx(), call.actor, id, in));
    return split_json(r, in.save ? 201 : 200);
  });

  // {value, reason, version} → the target with its warnings
  app.api("PATCH", "/api/targets/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::TargetChange in;
    in.value = f.required_integer("value");
    in.reason = f.str("reason").value_or("");
    in.version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto saved, service::change_target(app.ctx(), call.actor, id, in));
    return saved_json(saved, 200);
  });
}

}  // namespace fupan::http
