// /api/reports: a person's reports from draft to review (docs/reports.md); thin handlers over
// service/reports/report_service.
#include "http/app.h"
#include "http/routes/reports_io.h"
#include "service/reports/report_export.h"
#include "service/reports/report_service.h"

namespace fupan::http {
namespace {

Response report_response(const service::ReportView& v, const OrgSnapshot& org, int status) {
  JsonWriter w;
  write_report(w, v, org);
  return json_text(std::move(w).str(), status);
}

}  // namespace

void add_report_routes(App& app) {
  // ?kind=week&period=: {kind, kinds, expected, period, from, to, deadline, template, report,
  // data}
  app.api("GET", "/api/reports/mine", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"kind", "period"}));
    auto mine = service::my_report(app.ctx(), call.actor, query_text(call.req, "kind"),
                                   query_text(call.req, "period"));
    if (!mine.ok()) return as_query_error(mine.error());
    const OrgSnapshot& org = *call.actor.snapshot;
    JsonWriter w;
    w.begin_object();
    w.field("kind", reports::report_kind_name(mine->form.kind));
    w.key("kinds").begin_array();
    for (auto k : mine->kinds) w.value(reports::report_kind_name(k));
    w.end_array();
    w.field("expected", mine->expected);
    w.field("period", mine->period.label);
    w.field("from", format_date(mine->period.start));
    w.field("to", format_date(mine->period.end - std::chrono::days{1}));
    w.field("deadline", format_rfc3339(mine->deadline));
    w.key("template");
    write_template(w, mine->form, org);
    w.key("report");
    mine->report ? write_report(w, *mine->report, org) : w.null();
    w.key("data").raw(mine->data_json);
    w.end_object();
    return json_text(std::move(w).str());
  });

  // ?kind=&user=&period=&status=: {items:[summary]}
  app.api("GET", "/api/reports", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"kind", "user", "period", "status"}));
    service::ReportFilter f;
    f.kind = query_text(call.req, "kind");
    FUPAN_ASSIGN_OR_RETURN(f.user, query_id(call.req, "user"));
    f.period = query_text(call.req, "period");
    if (auto s = query_text(call.req, "status"); !s.empty()) {
      f.status = reports::parse_report_status(s);
      if (!f.status)
        return query_error("status", detail::one_of("draft, submitted, reviewed, returned"));
    }
    auto list = service::list_reports(app.ctx(), call.actor, f);
    if (!list.ok()) return as_query_error(list.error());
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& r : *list) write_report_summary(w, r, *call.actor.snapshot);
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {kind, period, content?, next_goals?} → 201 the draft
  app.api("POST", "/api/reports", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::ReportInput in;
    in.kind = f.required_str("kind");
    in.period = f.required_str("period");
    if (auto texts = read_texts(f)) in.content.texts = std::move(*texts);
    if (auto goals = read_goals(f)) in.content.next_goals = std::move(*goals);
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto v, service::create_report(app.ctx(), call.actor, in));
    return report_response(v, *call.actor.snapshot, 201);
  });

  app.api("GET", "/api/reports/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {}));
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto v, service::open_report(app.ctx(), call.actor, id));
    return report_response(v, *call.actor.snapshot, 200);
  });

  // {content?, next_goals?, version}: the autosave
  app.api("PATCH", "/api/reports/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::ContentChange in;
    in.texts = read_texts(f);
    in.next_goals = read_goals(f);
    in.version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto v, service::save_report(app.ctx(), call.actor, id, in));
    return report_response(v, *call.actor.snapshot, 200);
  });

  // {version}
  app.api("POST", "/api/reports/{id}/submit", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    const auto version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto v, service::submit_report(app.ctx(), call.actor, id, version));
    return report_response(v, *call.actor.snapshot, 200);
  });

  // {rating, comment?, version}
  app.api("POST", "/api/reports/{id}/review", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    const auto rating = f.required_integer("rating");
    const auto comment = f.str("comment").value_or("");
    const auto version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(
        auto v, service::review_report(app.ctx(), call.actor, id,
                                       static_cast<int>(std::clamp<std::int64_t>(rating, -1, 99)),
                                       comment, version));
    return report_response(v, *call.actor.snapshot, 200);
  });

  // {reason, version}
  app.api("POST", "/api/reports/{id}/return", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    const auto reason = f.required_str("reason");
    const auto version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto v,
                           service::return_report(app.ctx(), call.actor, id, reason, version));
    return report_response(v, *call.actor.snapshot, 200);
  });

  // {version} → {report, targets:[{metric, period, value, id, status}]}
  app.api("POST", "/api/reports/{id}/accept-goals", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    const auto version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto out, service::accept_goals(app.ctx(), call.actor, id, version));
    JsonWriter w;
    w.begin_object();
    w.key("report");
    write_report(w, out.report, *call.actor.snapshot);
    w.key("targets").begin_array();
    for (const auto& g : out.goals) {
      w.begin_object();
      w.field("metric", g.goal.metric);
      w.field("period", g.period);
      w.field("value", g.goal.value);
      w.key("id");
      g.target_id ? w.value(*g.target_id) : w.null();
      w.field("status", g.created ? "created" : "exists");
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // The report as .xlsx
  app.api("GET", "/api/reports/{id}/export", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {}));
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto book, service::export_report(app.ctx(), call.actor, id));
    return xlsx_response(std::move(book), call.req);
  });

  app.api("GET", "/api/reports/{id}/versions", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {}));
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto versions, service::report_versions(app.ctx(), call.actor, id));
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& v : versions) {
      w.begin_object();
      w.field("seq", v.seq);
      w.field("submitted_at", format_rfc3339(v.submitted_at));
      w.field("late", v.late);
      w.key("content").begin_object();
      for (const auto& [key, text] : v.content.texts) w.field(key, text);
      w.end_object();
      w.key("next_goals");
      write_goals(w, v.content.next_goals);
      w.key("data");
      v.data_json.empty() ? w.null() : w.raw(v.data_json);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {body, mentions?:[user ids]} → 201 the comment
  app.api("POST", "/api/reports/{id}/comments", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    const auto text = f.required_str("body");
    const auto mentions = f.int_array("mentions").value_or(std::vector<std::int64_t>{});
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto c,
                           service::comment_on_report(app.ctx(), call.actor, id, text, mentions));
    const OrgSnapshot& org = *call.actor.snapshot;
    JsonWriter w;
    w.begin_object();
    w.field("id", c.id);
    w.field("report_id", c.report);
    w.field("user_id", c.user.value);
    w.field("user_name", user_name(org, c.user));
    w.field("body", c.body);
    w.key("mentions").begin_array();
    for (auto m : c.mentions) w.value(m);
    w.end_array();
    w.field("created_at", format_rfc3339(c.created_at));
    w.end_object();
    return json_text(std::move(w).str(), 201);
  });
}

}  // namespace fupan::http
