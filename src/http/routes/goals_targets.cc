// /api/targets: targets set, changed with a reason, listed, read with their adjustments, split,
// decomposed all the way down and exported as a spreadsheet; thin handlers over service/goals.
#include "http/app.h"
#include "http/json_io.h"
#include "service/goals/target_decompose.h"
#include "service/goals/target_export.h"
#include "service/goals/target_service.h"
#include "service/goals/target_split.h"

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

// {root, levels:[{depth, kind, count, sum, existing}], count, existing, saved}.
Response decompose_json(const service::DecomposeResult& r, int status) {
  JsonWriter w;
  w.begin_object();
  w.key("root");
  goals::write_json(w, r.root);
  w.key("levels").begin_array();
  for (const service::DecomposeLevel& l : r.levels) {
    w.begin_object();
    w.field("depth", l.depth);
    w.field("kind", l.kind);
    w.field("count", l.count);
    w.field("sum", l.sum);
    w.field("existing", l.existing);
    w.end_object();
  }
  w.end_array();
  w.field("count", r.count);
  w.field("existing", r.existing);
  w.field("saved", r.saved);
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

}  // namespace

void add_target_routes(App& app) {
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

  // {method?, into?, calendar_method?, save?} → the parts per level (a preview), or 201 with
  // how many targets were made when save is true.
  app.api("POST", "/api/targets/{id}/decompose", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::DecomposeRequest in;
    in.method = f.str("method").value_or("");
    in.into = f.str("into").value_or("");
    in.calendar_method = f.str("calendar_method").value_or("");
    in.save = f.boolean("save").value_or(false);
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto r, service::decompose_target(app.ctx(), call.actor, id, in));
    return decompose_json(r, in.save ? 201 : 200);
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
