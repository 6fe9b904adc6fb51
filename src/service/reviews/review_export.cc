#include "service/reviews/review_export.h"

#include <boost/json/parse.hpp>
#include <map>

#include "core/xlsx_writer.h"
#include "domain/goals/org_tree.h"
#include "domain/metric.h"
#include "service/reviews/review_cases.h"
#include "service/reviews/review_service.h"

namespace fupan::service {
namespace {

namespace json = boost::json;

std::string metric_name(std::string_view name) {
  auto m = parse_metric(name);
  return m.ok() ? std::string(info(m->base).zh) : std::string(name);
}

bool is_money(std::string_view metric) {
  auto m = parse_metric(metric);
  return m.ok() && info(m->base).unit == MetricUnit::fen;
}

// A figure of the pack: 分 as 元 for money, a number otherwise, empty for null.
void figure(XlsxWriter& w, const json::value* v, bool money) {
  if (!v || v->is_null()) {
    w.empty();
  } else if (money) {
    w.money_fen(static_cast<std::int64_t>(v->to_number<double>()));
  } else {
    w.number(v->to_number<double>());
  }
}

const json::value* at(const json::value& o, std::string_view key) {
  return o.is_object() ? o.as_object().if_contains(key) : nullptr;
}

std::string text_of(const json::value* v) {
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string_view status_zh(reviews::ReviewStatus s) {
  switch (s) {
    case reviews::ReviewStatus::preparing:
      return "准备中";
    case reviews::ReviewStatus::meeting:
      return "复盘会中";
    case reviews::ReviewStatus::closed:
      return "已结束";
  }
  return "";
}

std::string_view tone_zh(reviews::CardTone t) {
  switch (t) {
    case reviews::CardTone::went_well:
      return "做得好";
    case reviews::CardTone::went_wrong:
      return "待改进";
    case reviews::CardTone::lesson:
      return "经验教训";
  }
  return "";
}

std::string name_of(const OrgSnapshot& org, std::optional<UserId> id) {
  const UserRecord* u = id ? org.user(*id) : nullptr;
  return u ? u->display_name : "";
}

}  // namespace

Result<Workbook> export_review(const Context& ctx, const Actor& actor, std::int64_t id) {
  FUPAN_ASSIGN_OR_RETURN(auto v, open_review(ctx, actor, id, false));
  const reviews::Review& r = v.review;
  const OrgSnapshot& org = *actor.snapshot;
  boost::system::error_code ec;
  const json::value facts = json::parse(v.facts_json, ec);

  XlsxWriter w("概要");
  w.header({"项目", "内容"});
  auto row = [&](std::string_view label, std::string_view value) {
    w.text(label);
    w.text(value);
    w.end_row();
  };
  row("复盘", r.title);
  row("范围", goals::scope_name(org, r.scope));
  row("期间", r.period.label + "（" + format_date(r.period.start) + " 至 " +
                  format_date(r.period.end - std::chrono::days{1}) + "）");
  row("负责人", name_of(org, r.owner));
  std::string people;
  for (UserId u : r.participants) people += (people.empty() ? "" : "、") + name_of(org, u);
  row("参与人", people);
  row("状态", status_zh(r.status));
  row("总结", r.summary);

  w.add_sheet("目标达成");
  w.header({"指标", "目标", "实际", "达成率", "差距", "每个工作日需要"});
  if (const auto* targets = at(facts, "targets"); targets && targets->is_array()) {
    for (const auto& t : targets->as_array()) {
      const std::string metric = text_of(at(t, "metric"));
      const bool money = is_money(metric);
      w.text(metric_name(metric));
      figure(w, at(t, "target"), money);
      figure(w, at(t, "actual"), money);
      figure(w, at(t, "attainment"), false);
      figure(w, at(t, "gap"), money);
      figure(w, at(t, "daily_needed"), money);
      w.end_row();
    }
  }

  w.add_sheet("趋势");
  w.header({"指标", "本期", "上期", "去年同期", "环比", "同比"});
  if (const auto* trend = at(facts, "trend"); trend && trend->is_array()) {
    for (const auto& t : trend->as_array()) {
      const std::string metric = text_of(at(t, "metric"));
      const bool money = is_money(metric);
      w.text(metric_name(metric));
      figure(w, at(t, "value"), money);
      figure(w, at(t, "previous"), money);
      figure(w, at(t, "yoy"), money);
      figure(w, at(t, "growth"), false);
      figure(w, at(t, "yoy_growth"), false);
      w.end_row();
    }
  }

  w.add_sheet("赢单与输单");
  w.header({"结果", "商机", "客户", "负责人", "金额（元）", "成交周期（天）", "关闭日期",
            "输单原因", "竞争对手"});
  if (const auto* wl = at(facts, "wins_losses")) {
    for (const auto& [key, label] : {std::pair{"largest_won", "赢单"}, {"largest_lost", "输单"}}) {
      const auto* list = at(*wl, key);
      if (!list || !list->is_array()) continue;
      for (const auto& d : list->as_array()) {
        w.text(label);
        w.text(text_of(at(d, "name")));
        w.text(text_of(at(d, "customer")));
        w.text(text_of(at(d, "owner")));
        figure(w, at(d, "amount"), true);
        figure(w, at(d, "cycle_days"), false);
        w.date(text_of(at(d, "closed_on")));
        w.text(text_of(at(d, "lost_reason")));
        w.text(text_of(at(d, "competitor")));
        w.end_row();
      }
    }
  }

  w.add_sheet("复盘卡片");
  w.header({"部分", "类型", "作者", "内容", "原因"});
  for (const auto& c : v.cards) {
    w.text(c.section);
    w.text(tone_zh(c.tone));
    w.text(name_of(org, c.author));
    w.text(c.text);
    w.text(c.why);
    w.end_row();
  }

  std::map<std::string, std::string> causes;
  for (const auto& c : list_root_causes(ctx, actor)) causes[c.key] = c.name;
  w.add_sheet("案例");
  w.header({"类型", "商机", "客户", "行业", "产品", "竞争对手", "金额（元）", "成交周期（天）",
            "根因", "说明", "标签"});
  for (const auto& c : v.cases) {
    w.text(c.outcome == reviews::CaseOutcome::won ? "成功案例" : "失败案例");
    w.text(c.opportunity_name);
    w.text(c.customer_name);
    w.text(c.industry);
    w.text(c.product);
    w.text(c.competitor);
    w.money_fen(c.amount);
    w.integer(c.cycle_days);
    w.text(causes.contains(c.root_cause) ? causes[c.root_cause] : c.root_cause);
    w.text(c.note);
    std::string tags;
    for (const auto& t : c.tags) tags += (tags.empty() ? "" : "、") + t;
    w.text(tags);
    w.end_row();
  }

  w.add_sheet("行动项");
  w.header({"行动项", "负责人", "截止日期", "指标", "状态", "完成说明"});
  for (const auto& a : v.action_items) {
    w.text(a.title);
    w.text(name_of(org, a.owner));
    w.date(format_date(a.due));
    w.text(a.metric ? metric_name(*a.metric) : "");
    w.text(a.status == reviews::ActionStatus::done ? "已完成"
           : reviews::is_overdue(a, actor.today)   ? "已逾期"
                                                   : "进行中");
    w.text(a.done_note);
    w.end_row();
  }
  std::string bytes = w.finish();
  if (bytes.empty()) return Error::of(ErrorCode::internal, detail::export_not_written);
  return Workbook{"复盘-" + r.title + ".xlsx", std::move(bytes)};
}

}  // namespace fupan::service
