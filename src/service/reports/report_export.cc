#include "service/reports/report_export.h"

#include <boost/json/parse.hpp>

#include "core/xlsx_writer.h"
#include "domain/metric.h"
#include "service/reports/report_service.h"
#include "service/reports/report_templates.h"
#include "service/reports/team_week.h"
#include "store/report_store.h"

namespace fupan::service {
namespace {

namespace json = boost::json;

std::string_view status_zh(reports::ReportStatus s) {
  switch (s) {
    case reports::ReportStatus::draft:
      return "草稿";
    case reports::ReportStatus::submitted:
      return "已提交";
    case reports::ReportStatus::reviewed:
      return "已审阅";
    case reports::ReportStatus::returned:
      return "已退回";
  }
  return "";
}

std::string_view state_zh(reports::MemberState s) {
  switch (s) {
    case reports::MemberState::on_time:
      return "按时提交";
    case reports::MemberState::late:
      return "迟交";
    case reports::MemberState::reviewed:
      return "已审阅";
    case reports::MemberState::returned:
      return "已退回";
    case reports::MemberState::draft:
      return "草稿未交";
    case reports::MemberState::pending:
      return "待提交";
    case reports::MemberState::missing:
      return "未交";
  }
  return "";
}

std::string metric_zh(std::string_view name) {
  auto m = parse_metric(name);
  return m.ok() ? std::string(info(m->base).zh) : std::string(name);
}

void write_figure(XlsxWriter& w, const json::value& v, bool money) {
  if (v.is_null()) {
    w.empty();
  } else if (money) {
    w.money_fen(static_cast<std::int64_t>(v.to_number<double>()));
  } else if (v.is_int64()) {
    w.integer(v.as_int64());
  } else {
    w.number(v.to_number<double>());
  }
}

void write_ratio(XlsxWriter& w, const json::value& v) {
  if (v.is_null()) {
    w.empty();
  } else {
    w.number(v.to_number<double>());
  }
}

// The KPI rows of a data block: metric, the period's actual, target, attainment; the month's.
void write_kpis(XlsxWriter& w, const std::string& data_json) {
  boost::system::error_code ec;
  auto v = json::parse(data_json, ec);
  if (ec || !v.is_object() || !v.as_object().contains("kpis")) return;
  for (const auto& k : v.at("kpis").as_array()) {
    const bool money = k.at("unit") == "fen";
    w.text(metric_zh(k.at("metric").as_string()));
    write_figure(w, k.at("actual"), money);
    write_figure(w, k.at("target"), money);
    write_ratio(w, k.at("attainment"));
    const auto& mtd = k.at("mtd");
    write_figure(w, mtd.at("actual"), money);
    write_figure(w, mtd.at("target"), money);
    write_ratio(w, mtd.at("attainment"));
    w.end_row();
  }
}

}  // namespace

Result<Workbook> export_report(const Context& ctx, const Actor& actor, std::int64_t id) {
  FUPAN_ASSIGN_OR_RETURN(auto v, open_report(ctx, actor, id));
  const reports::Report& r = v.report;
  const OrgSnapshot& org = *actor.snapshot;
  const auto* zone = zone_of(org.org().timezone);
  const UserRecord* author = org.user(r.user);
  const std::string who = author ? author->display_name : "";
  XlsxWriter w(r.period + " " + who);
  w.header({"项目", "内容"});
  auto row = [&](std::string_view label, std::string_view value) {
    w.text(label);
    w.text(value);
    w.end_row();
  };
  row("姓名", who);
  row("期间", r.period + "（" + format_date(r.start) + " 至 " +
                  format_date(r.end - std::chrono::days{1}) + "）");
  row("状态", status_zh(r.status));
  w.text("截止时间");
  w.datetime(to_ms(r.deadline), utc_offset_minutes(zone, r.deadline));
  w.end_row();
  w.text("提交时间");
  if (r.submitted_at) {
    w.datetime(to_ms(*r.submitted_at), utc_offset_minutes(zone, *r.submitted_at));
  } else {
    w.empty();
  }
  w.end_row();
  row("是否迟交", !r.late ? "" : *r.late ? "迟交" : "按时");
  w.text("评分");
  r.rating ? w.integer(*r.rating) : w.empty();
  w.end_row();
  row("审阅意见", r.review_comment);
  if (!r.return_reason.empty()) row("退回原因", r.return_reason);
  for (const auto& s : v.form.sections) {
    if (s.type != reports::SectionType::text) continue;
    auto it = r.content.texts.find(s.key);
    row(s.title, it == r.content.texts.end() ? "" : it->second);
  }
  for (const auto& g : r.content.next_goals)
    row("下期目标：" + metric_zh(g.metric), std::to_string(g.value));

  w.add_sheet("数据");
  w.header({"指标", "本期实际", "本期目标", "达成率", "本月累计", "本月目标", "本月达成率"});
  write_kpis(w, v.data_json);
  std::string bytes = w.finish();
  if (bytes.empty()) return Error::of(ErrorCode::internal, detail::export_not_written);
  return Workbook{
      std::string(reports::report_kind_zh(r.kind)) + "-" + who + "-" + r.period + ".xlsx",
      std::move(bytes)};
}

Result<Workbook> export_team_week(const Context& ctx, const Actor& actor,
                                  std::optional<std::int64_t> team, const std::string& kind,
                                  const std::string& period) {
  FUPAN_ASSIGN_OR_RETURN(auto week, team_week(ctx, actor, team, kind, period));
  const OrgSnapshot& org = *actor.snapshot;
  const auto* zone = zone_of(org.org().timezone);
  // The reports in full, and the text sections of their forms in order of first appearance.
  std::vector<std::optional<reports::Report>> full;
  std::vector<std::pair<std::string, std::string>> sections;  // key, title
  std::vector<std::string> data;
  {
    auto c = ctx.db.acquire();
    for (const auto& m : week.members) {
      std::optional<reports::Report> r;
      if (m.report) r = store::find_report(*c, actor.org, m.report->id);
      if (r) {
        const auto form = template_of(*c, actor.org, r->kind, r->template_id, r->template_version);
        for (const auto& s : form.sections) {
          if (s.type != reports::SectionType::text) continue;
          bool known = false;
          for (const auto& [key, title] : sections) known = known || key == s.key;
          if (!known) sections.emplace_back(s.key, s.title);
        }
      }
      full.push_back(std::move(r));
    }
  }
  std::vector<std::string> header = {"姓名", "团队", "状态", "提交时间", "评分", "审阅意见"};
  for (const auto& [key, title] : sections) header.push_back(title);
  for (const auto& m : {"orders_amount", "payments_amount", "new_buyers", "visits"}) {
    header.push_back(metric_zh(m));
  }
  XlsxWriter w(org.team(week.team)->name + " " + week.period.label);
  w.header(header);
  for (std::size_t i = 0; i < week.members.size(); ++i) {
    const MemberWeek& m = week.members[i];
    const auto& r = full[i];
    const UserRecord* u = org.user(m.user);
    w.text(u ? u->display_name : "");
    w.text(m.team_name);
    w.text(state_zh(m.state));
    if (r && r->submitted_at) {
      w.datetime(to_ms(*r->submitted_at), utc_offset_minutes(zone, *r->submitted_at));
    } else {
      w.empty();
    }
    r && r->rating ? w.integer(*r->rating) : w.empty();
    w.text(r ? r->review_comment : "");
    for (const auto& [key, title] : sections) {
      auto it = r ? r->content.texts.find(key) : decltype(r->content.texts.end()){};
      w.text(r && it != r->content.texts.end() ? it->second : "");
    }
    // The KPIs frozen in the report (the live ones for a person who has not handed in are not
    // theirs to show yet).
    boost::system::error_code ec;
    auto block = r ? json::parse(r->data_json, ec) : json::value{};
    for (const auto& name : {"orders_amount", "payments_amount", "new_buyers", "visits"}) {
      const json::value* found = nullptr;
      if (!ec && block.is_object() && block.as_object().contains("kpis")) {
        for (const auto& k : block.at("kpis").as_array()) {
          if (k.at("metric") == name) found = &k.at("actual");
        }
      }
      if (found) {
        write_figure(w, *found, std::string_view(name).ends_with("amount"));
      } else {
        w.empty();
      }
    }
    w.end_row();
  }
  std::string bytes = w.finish();
  if (bytes.empty()) return Error::of(ErrorCode::internal, detail::export_not_written);
  return Workbook{"团队" + std::string(reports::report_kind_zh(week.kind)) + "-" +
                      org.team(week.team)->name + "-" + week.period.label + ".xlsx",
                  std::move(bytes)};
}

}  // namespace fupan::service
