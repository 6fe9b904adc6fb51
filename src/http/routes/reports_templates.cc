// /api/report-templates: the forms of reports, per org or team and kind; thin handlers over
// service/reports/report_templates.
#include "http/app.h"
#include "http/routes/reports_io.h"
#include "service/reports/report_templates.h"

namespace fupan::http {
namespace {

Response template_response(const reports::ReportTemplate& t, const OrgSnapshot& org, int status) {
  JsonWriter w;
  write_template(w, t, org);
  return json_text(std::move(w).str(), status);
}

}  // namespace

void add_report_template_routes(App& app) {
  app.api("GET", "/api/report-templates", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {}));
    const auto all = service::list_report_templates(app.ctx(), call.actor);
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& t : all) write_template(w, t, *call.actor.snapshot);
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // ?kind=week&user=ID: the form `user` (default: the caller) writes on
  app.api("GET", "/api/report-templates/effective", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"kind", "user"}));
    const std::string kind_text = query_text(call.req, "kind");
    auto kind = reports::parse_report_kind(kind_text.empty() ? "week" : kind_text);
    if (!kind) return query_error("kind", detail::report_kind);
    FUPAN_ASSIGN_OR_RETURN(auto user, query_id(call.req, "user"));
    const UserId who = user ? UserId{*user} : call.actor.id;
    if (!call.actor.scope().sees_user(who)) return Error::not_found();
    const auto t = service::effective_template(*app.ctx().db.acquire(), *call.actor.snapshot, who,
                                               *kind, call.actor.today);
    return template_response(t, *call.actor.snapshot, 200);
  });

  // {team_id?, kind, name, deadline?, sections, effective_from?} → 201 the template
  app.api("POST", "/api/report-templates", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::TemplateInput in;
    if (auto team = f.nullable_integer("team_id")) in.team_id = *team;
    in.kind = f.required_str("kind");
    in.name = f.required_str("name");
    in.deadline = read_deadline(f);
    in.effective_from = read_effective_from(f);
    auto sections = read_sections(f);
    if (!body.contains("sections")) f.reject(Error::missing("sections"));
    FUPAN_TRY(f.finish());
    in.sections = sections.value_or(std::vector<reports::Section>{});
    FUPAN_ASSIGN_OR_RETURN(auto t, service::create_report_template(app.ctx(), call.actor, in));
    return template_response(t, *call.actor.snapshot, 201);
  });

  // {name?, deadline?, sections?, effective_from?, version} → the template, one version on
  app.api("PATCH", "/api/report-templates/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::TemplateChange in;
    in.name = f.str("name");
    in.deadline = read_deadline(f);
    in.sections = read_sections(f);
    in.effective_from = read_effective_from(f);
    in.version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto t, service::change_report_template(app.ctx(), call.actor, id, in));
    return template_response(t, *call.actor.snapshot, 200);
  });
}

}  // namespace fupan::http
