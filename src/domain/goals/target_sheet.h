// Targets as a spreadsheet (SPEC §3, Excel in and out): the columns the finance team's sheet has
// (层级, 名称, 指标, 期间, 目标值; 开始, 结束 and 原值 only written, for reading), how a level and
// a metric are written in Chinese or English, and a sheet per level. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/import_columns.h"
#include "domain/metric.h"
#include "domain/metric_scope.h"

namespace fupan::goals {

enum TargetColumn { kLevel, kName, kMetric, kPeriod, kValue, kStart, kEnd, kOriginal };

// In TargetColumn's order; 开始, 结束 and 原值 are system columns (read back, ignored).
std::vector<ImportColumn> target_columns();

// 组织 / 区域 / 团队 / 个人 (or org, region, team, user; 公司, 大区, 部门, 员工, 销售 too).
std::optional<ScopeRef::Kind> parse_level(std::string_view text);
// The level's sheet and cell: 组织, 区域, 团队, 个人 (org, region, team, user in English).
std::string_view level_name(ScopeRef::Kind kind, bool english = false);

// An additive metric by its name or its label ("orders_amount", "销售额", "Sales").
std::optional<Metric> target_metric(std::string_view text);

// Whether the metric's values are 分 (written in 元 in a sheet) rather than counts.
bool money_metric(Metric m);

}  // namespace fupan::goals
