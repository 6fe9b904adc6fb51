// /api/reports/team-week, /api/reports/stats, /api/reports/remind: the manager's screens of
// reports (weekly by default, daily and monthly with ?kind=); thin handlers over
// service/reports/team_week.
#include "http/app.h"
#include "http/routes/reports_io.h"
#include "service/reports/report_export.h"
#include "service/reports/team_week.h"

namespace fupan::http {
namespace {

void write_rate(JsonWriter& w, const reports::Tally& t) {
  w.field("expected", t.expected);
  w.field("on_time", t.on_time);
  w.field("late", t.late);
  w.field("missing", t.missing);
  w.field("pending", t.pending);
  w.key("on_time_rate");
  auto r = t.on_time_rate();
  r ? w.value(*r) : w.null();
}

}  // namespace

void add_report_team_routes(App& app) {
  // ?team=&kind=&period=
  app.api("GET", "/api/reports/team-week", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"team", "kind", "period"}));
    FUPAN_ASSIGN_OR_RETURN(auto team, query_id(call.req, "team"));
    auto week = service::team_week(app.ctx(), call.actor, team, query_text(call.req, "kind"),
                                   query_text(call.req, "period"));
    if (!week.ok()) return as_query_error(week.error());
    const OrgSnapshot& org = *call.actor.snapshot;
    JsonWriter w;
    w.begin_object();
    w.field("kind", reports::report_kind_name(week->kind));
    w.key("kinds").begin_array();
    for (auto k : week->kinds) w.value(reports::report_kind_name(k));
    w.end_array();
    w.field("period", week->period.label);
    w.field("from", format_date(week->period.start));
    w.field("to", format_date(week->period.end - std::chrono::days{1}));
    w.field("deadline", format_rfc3339(week->deadline));
    w.field("deadline_passed", week->deadline_passed);
    w.key("team").begin_object();
    w.field("id", week->team.value);
    w.field("name", org.team(week->team)->name);
    w.end_object();
    // One count per state: they add up to the members expected.
    w.key("counts").begin_object();
    w.field("expected", static_cast<std::int64_t>(week->members.size()));
    for (auto state :
         {reports::MemberState::on_time, reports::MemberState::late, reports::MemberState::reviewed,
          reports::MemberState::returned, reports::MemberState::draft,
          reports::MemberState::pending, reports::MemberState::missing}) {
      auto it = week->states.find(state);
      w.field(reports::member_state_name(state), it == week->states.end() ? 0 : it->second);
    }
    w.end_object();
    w.key("members").begin_array();
    for (const auto& m : week->members) {
      w.begin_object();
      w.field("user_id", m.user.value);
      w.field("name", user_name(org, m.user));
      w.field("team_name", m.team_name);
      w.field("state", reports::member_state_name(m.state));
      w.key("report");
      if (m.report) {
        w.begin_object();
        w.field("id", m.report->id);
        w.field("status", reports::report_status_name(m.report->status));
        w.key("submitted_at");
        m.report->submitted_at ? w.value(format_rfc3339(*m.report->submitted_at)) : w.null();
        w.key("late");
        m.report->late ? w.value(*m.report->late) : w.null();
        w.key("rating");
        m.report->rating ? w.value(*m.report->rating) : w.null();
        w.field("comments", m.comments);
        w.field("read_by_me", m.read_by_me);
        w.end_object();
      } else {
        w.null();
      }
      w.key("reminded_at");
      m.reminded_at ? w.value(format_rfc3339(*m.reminded_at)) : w.null();
      w.end_object();
    }
    w.end_array();
    w.key("rollup").raw(week->rollup_json);
    w.end_object();
    return json_text(std::move(w).str());
  });

  // ?team=&kind=&period=: the team's week as .xlsx
  app.api("GET", "/api/reports/team-week/export", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"team", "kind", "period"}));
    FUPAN_ASSIGN_OR_RETURN(auto team, query_id(call.req, "team"));
    auto book = service::export_team_week(app.ctx(), call.actor, team, query_text(call.req, "kind"),
                                          query_text(call.req, "period"));
    if (!book.ok()) return as_query_error(book.error());
    return xlsx_response(std::move(*book), call.req);
  });

  // ?team=&kind=&to=&count=
  app.api("GET", "/api/reports/stats", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"team", "kind", "to", "count"}));
    FUPAN_ASSIGN_OR_RETURN(auto team, query_id(call.req, "team"));
    FUPAN_ASSIGN_OR_RETURN(auto count, query_id(call.req, "count"));
    auto stats = service::report_stats(
        app.ctx(), call.actor, team, query_text(call.req, "kind"), query_text(call.req, "to"),
        static_cast<int>(std::min<std::int64_t>(count.value_or(12), 1000)));
    if (!stats.ok()) return as_query_error(stats.error());
    const OrgSnapshot& org = *call.actor.snapshot;
    JsonWriter w;
    w.begin_object();
    w.field("kind", reports::report_kind_name(stats->kind));
    w.key("kinds").begin_array();
    for (auto k : stats->kinds) w.value(reports::report_kind_name(k));
    w.end_array();
    w.field("to", stats->to.label);
    w.key("periods").begin_array();
    for (const auto& wk : stats->periods) {
      w.begin_object();
      w.field("period", wk.period.label);
      write_rate(w, wk.tally);
      w.end_object();
    }
    w.end_array();
    w.key("people").begin_array();
    for (const auto& p : stats->people) {
      w.begin_object();
      w.field("user_id", p.user.value);
      w.field("name", user_name(org, p.user));
      write_rate(w, p.tally);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {kind?, period, user_ids:[...]} → {sent}
  app.api("POST", "/api/reports/remind", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    const auto kind = f.str("kind");
    const auto period = f.required_str("period");
    auto users = f.int_array("user_ids");
    if (!users) f.reject(Error::missing("user_ids"));
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto sent, service::remind_reports(app.ctx(), call.actor,
                                                              kind.value_or(""), period, *users));
    JsonWriter w;
    w.begin_object();
    w.field("sent", sent);
    w.end_object();
    return json_text(std::move(w).str());
  });
}

}  // namespace fupan::http
