#include "domain/goals/target_sheet.h"

namespace fupan::goals {

std::vector<ImportColumn> target_columns() {
  return {
      {.key = "level",
       .zh = "层级",
       .en = "Level",
       .required = true,
       .aliases = {"级别", "范围类型", "scope_type"}},
      {.key = "name",
       .zh = "名称",
       .en = "Name",
       .aliases = {"范围", "对象", "区域/团队/人员", "姓名", "scope"}},
      {.key = "metric", .zh = "指标", .en = "Metric", .required = true},
      {.key = "period", .zh = "期间", .en = "Period", .required = true, .aliases = {"周期"}},
      {.key = "value",
       .zh = "目标值",
       .en = "Target",
       .required = true,
       .aliases = {"目标", "目标金额", "value"}},
      {.key = "start", .zh = "开始", .en = "Start", .system = true},
      {.key = "end", .zh = "结束", .en = "End", .system = true},
      {.key = "original_value", .zh = "原值", .en = "Original", .system = true},
  };
}

std::optional<ScopeRef::Kind> parse_level(std::string_view t) {
  using K = ScopeRef::Kind;
  if (t == "组织" || t == "公司" || t == "全公司" || t == "org" || t == "Org") return K::org;
  if (t == "区域" || t == "大区" || t == "region" || t == "Region") return K::region;
  if (t == "团队" || t == "部门" || t == "小组" || t == "team" || t == "Team") return K::team;
  if (t == "个人" || t == "员工" || t == "销售" || t == "人员" || t == "user" || t == "User")
    return K::user;
  return std::nullopt;
}

std::string_view level_name(ScopeRef::Kind kind, bool english) {
  switch (kind) {
    case ScopeRef::Kind::org:
      return english ? "Org" : "组织";
    case ScopeRef::Kind::region:
      return english ? "Region" : "区域";
    case ScopeRef::Kind::team:
      return english ? "Team" : "团队";
    case ScopeRef::Kind::user:
      return english ? "User" : "个人";
  }
  return "";
}

std::optional<Metric> target_metric(std::string_view text) {
  for (const MetricInfo& m : all_metrics()) {
    if (m.additive && (text == m.name || text == m.zh || text == m.en)) return m.metric;
  }
  return std::nullopt;
}

bool money_metric(Metric m) {
  return info(m).unit == MetricUnit::fen;
}

}  // namespace fupan::goals
