#include "service/analytics/analysis_export.h"

#include <cmath>

#include "core/xlsx_writer.h"
#include "engine/day_clock.h"

namespace fupan::service {
namespace {

using Headers = std::vector<std::string>;

void optional_number(XlsxWriter& x, const std::optional<double>& v) {
  v ? x.number(*v) : x.empty();
}

// Money held as a fractional count of 分 (weighted amounts, forecasts), as 元.
void money(XlsxWriter& x, double fen) {
  x.money_fen(std::llround(fen));
}

std::string_view quadrant_label(Quadrant q, bool english) {
  switch (q) {
    case Quadrant::high_high:
      return english ? "Stars" : "明星";
    case Quadrant::high_low:
      return english ? "Cash cows" : "现金牛";
    case Quadrant::low_high:
      return english ? "Rising" : "潜力股";
    case Quadrant::low_low:
      return english ? "Needs attention" : "待改进";
  }
  return "";
}

std::string file_name(std::string_view name, std::string_view scope, std::string_view when) {
  std::string out(name);
  if (!scope.empty()) out.append("-").append(scope);
  return out.append("-").append(when).append(".xlsx");
}

void pipeline_row(XlsxWriter& x, std::string_view label, const engine::OrgIndex::PipelineMonth& m,
                  bool with_won) {
  x.text(label);
  x.integer(m.count);
  x.money_fen(m.amount);
  x.money_fen(m.weighted.value());
  x.money_fen(m.commit);
  x.money_fen(m.best_case);
  with_won ? x.money_fen(m.won_amount) : x.empty();
  x.end_row();
}

const std::string* ref_name(const RiskNames& names, RefKind kind, const EntityRecord& r,
                            std::string_view field) {
  const auto id = r.integer(field);
  return id ? names.refs.find(kind, *id) : nullptr;
}

void name_cell(XlsxWriter& x, const std::string* name) {
  name ? x.text(*name) : x.empty();
}

void owner_cell(XlsxWriter& x, const OrgSnapshot& org, std::optional<std::int64_t> owner) {
  const UserRecord* u = owner ? org.user(UserId{*owner}) : nullptr;
  u ? x.text(u->display_name) : x.empty();
}

// Opportunity, customer, owner, stage and amount: the first columns of both opportunity lists.
void opportunity_cells(XlsxWriter& x, const EntityRecord& o, const RiskNames& names,
                       const OrgSnapshot& org) {
  x.text(o.text("name"));
  name_cell(x, ref_name(names, RefKind::customer, o, "customer_id"));
  owner_cell(x, org, o.integer("owner_id"));
  name_cell(x, ref_name(names, RefKind::stage, o, "stage_id"));
  if (auto amount = o.integer("amount")) {
    x.money_fen(*amount);
  } else {
    x.empty();
  }
}

std::int64_t days_after(LocalDate today, const std::string& date) {
  const auto d = parse_date(date);
  return d ? (today - *d).count() : 0;
}

}  // namespace

Workbook funnel_xlsx(const FunnelReport& r, bool english) {
  const std::string name = english ? "funnel" : "漏斗";
  XlsxWriter x(english ? "Funnel" : "漏斗");
  x.header(english
               ? Headers{"Stage", "Win probability (%)", "Reached", "Conversion",
                         "Company, last 12 months", "Gap (points)", "Median days in stage",
                         "Mean days in stage", "Completed stays", "Bottleneck"}
               : Headers{"阶段", "赢率（%）", "到达数", "转化率", "公司近12个月", "差距（百分点）",
                         "中位停留天数", "平均停留天数", "已完成停留", "是否瓶颈"});
  for (std::size_t k = 0; k < r.stages.size(); ++k) {
    const auto& s = r.stages[k];
    const std::optional<double>& bench = r.benchmark[k];
    x.text(s.name);
    x.integer(s.probability);
    x.integer(s.reached);
    optional_number(x, s.conversion);
    optional_number(x, bench);
    if (s.conversion && bench) {
      x.number((*s.conversion - *bench) * 100);
    } else {
      x.empty();
    }
    optional_number(x, s.median_days);
    optional_number(x, s.mean_days);
    x.integer(s.stays);
    const bool bottleneck = r.bottleneck_stage_id == s.stage_id;
    x.text(bottleneck ? (english ? "Yes" : "是") : (english ? "No" : "否"));
    x.end_row();
  }
  return {file_name(name, scope_text(r.query.scopes), r.query.period.label), x.finish()};
}

Workbook quadrant_xlsx(const QuadrantReport& r, bool english) {
  const MetricInfo& m = info(r.query.metric.base);
  const bool fen = m.unit == MetricUnit::fen;
  std::string value(english ? m.en : m.zh);
  if (fen) value += english ? " (yuan)" : "（元）";
  XlsxWriter x(english ? "Quadrants" : "象限");
  x.header(english ? Headers{"Name", "Key", value, "Growth", "Quadrant", "Suggested action"}
                   : Headers{"名称", "编号", value, "增长率", "象限", "建议"});
  for (const QuadrantPoint& p : r.points) {
    x.text(p.label);
    x.text(p.key);
    fen ? money(x, p.sales) : x.number(p.sales);
    optional_number(x, p.growth);
    if (p.quadrant) {
      x.text(quadrant_label(*p.quadrant, english));
      x.text(quadrant_action(*p.quadrant, english));
    }
    x.end_row();
  }
  return {
      file_name(english ? "quadrant" : "象限", scope_text(r.query.scopes), r.query.period.label),
      x.finish()};
}

Workbook forecast_xlsx(const ForecastReport& r, LocalDate today, bool english) {
  XlsxWriter x(english ? "Forecast" : "预测");
  x.header(english ? Headers{"Month", "Deals", "Amount (yuan)", "Weighted (yuan)", "Commit (yuan)",
                             "Best case (yuan)", "Won (yuan)"}
                   : Headers{"月份", "商机数", "商机金额（元）", "加权金额（元）", "承诺（元）",
                             "最佳情况（元）", "已赢单（元）"});
  for (std::size_t i = 0; i < r.pipeline.months.size() && i < r.forecast.size(); ++i) {
    pipeline_row(x, r.forecast[i].month, r.pipeline.months[i], true);
  }
  pipeline_row(x, english ? "Slipped" : "已延期", r.pipeline.slipped, false);
  x.end_row();
  // The sales series: a second table under a row of its own column names.
  const Headers series = english ? Headers{"Month", "Actual sales (yuan)", "Forecast (yuan)"}
                                 : Headers{"月份", "实际销售额（元）", "预测（元）"};
  for (const std::string& h : series) x.text(h);
  x.end_row();
  std::size_t b = 0;  // the next backtest point; they are in month order
  for (std::size_t i = 0; i < r.history.size(); ++i) {
    x.text(r.history[i].month);
    money(x, r.history[i].value);
    while (b < r.backtest.points.size() && r.backtest.points[b].index < i) ++b;
    if (b < r.backtest.points.size() && r.backtest.points[b].index == i) {
      money(x, r.backtest.points[b].forecast);
    }
    x.end_row();
  }
  for (const MonthValue& m : r.forecast) {
    x.text(m.month);
    x.empty();
    money(x, m.value);
    x.end_row();
  }
  return {file_name(english ? "forecast" : "预测", scope_text(r.query.scopes), format_date(today)),
          x.finish()};
}

std::optional<RiskList> parse_risk_list(std::string_view name) {
  if (name == "stalled") return RiskList::stalled;
  if (name == "slipped") return RiskList::slipped;
  if (name == "churn") return RiskList::churn;
  if (name == "overdue") return RiskList::overdue;
  return std::nullopt;
}

Workbook risks_xlsx(const RiskReport& r, const RiskNames& names, RiskList list,
                    const OrgSnapshot& org, LocalDate today, bool english) {
  std::string name;
  switch (list) {
    case RiskList::stalled:
      name = english ? "stalled-deals" : "停滞商机";
      break;
    case RiskList::slipped:
      name = english ? "slipped-deals" : "延期商机";
      break;
    case RiskList::churn:
      name = english ? "churn-risk" : "流失风险客户";
      break;
    case RiskList::overdue:
      name = english ? "overdue-receivables" : "逾期应收";
      break;
  }
  XlsxWriter x(name);
  switch (list) {
    case RiskList::stalled:
      x.header(english ? Headers{"Opportunity", "Customer", "Owner", "Stage", "Amount (yuan)",
                                 "Last activity", "Days idle"}
                       : Headers{"商机", "客户", "负责人", "阶段", "金额（元）", "最近活动",
                                 "停滞天数"});
      for (const StalledOpportunity& s : r.stalled.stalled) {
        opportunity_cells(x, s.opportunity, names, org);
        if (s.last_activity_at) {
          x.date(format_date(local_date(*s.last_activity_at, org.org().timezone)));
        } else {
          x.text(english ? "Never" : "从无活动");
        }
        x.integer(s.days_idle);
        x.end_row();
      }
      break;
    case RiskList::slipped:
      x.header(english ? Headers{"Opportunity", "Customer", "Owner", "Stage", "Amount (yuan)",
                                 "Expected close", "Days late"}
                       : Headers{"商机", "客户", "负责人", "阶段", "金额（元）", "预计成交日期",
                                 "延期天数"});
      for (const EntityRecord& o : r.slipped) {
        opportunity_cells(x, o, names, org);
        const std::string close = o.text("expected_close");
        x.date(close);
        x.integer(days_after(today, close));
        x.end_row();
      }
      break;
    case RiskList::churn:
      x.header(english ? Headers{"Customer", "Owner", "Last order", "Usual interval (days)",
                                 "Days since"}
                       : Headers{"客户", "负责人", "上次下单", "通常间隔（天）", "距今（天）"});
      for (const auto& c : r.churn) {
        auto it = names.churn_customers.find(c.customer_id);
        it != names.churn_customers.end() ? x.text(it->second) : x.empty();
        owner_cell(x, org, c.owner_id);
        x.date(format_date(c.last_order));
        x.number(c.usual_days);
        x.integer(c.days_since);
        x.end_row();
      }
      break;
    case RiskList::overdue:
      x.header(english ? Headers{"Order", "External id", "Customer", "Owner", "Order total (yuan)",
                                 "Unpaid (yuan)", "Due date", "Days past due"}
                       : Headers{"订单编号", "外部编号", "客户", "负责人", "订单金额（元）",
                                 "未回款（元）", "到期日", "逾期天数"});
      for (const EntityRecord& o : r.overdue) {
        x.integer(o.id);
        o.external_id ? x.text(*o.external_id) : x.empty();
        name_cell(x, ref_name(names, RefKind::customer, o, "customer_id"));
        owner_cell(x, org, o.integer("owner_id"));
        const std::int64_t total = o.integer("total").value_or(0);
        x.money_fen(total);
        x.money_fen(total - o.integer("paid").value_or(0));
        const std::string due = o.text("due_date");
        x.date(due);
        x.integer(days_after(today, due));
        x.end_row();
      }
      break;
  }
  return {file_name(name, "", format_date(today)), x.finish()};
}

}  // namespace fupan::service
