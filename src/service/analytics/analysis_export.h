// The analyses (service/analytics/analysis_service.h) as .xlsx tables for people, one sheet each,
// with the columns their pages show: Chinese headers, or English ones; money in 元, ratios as
// numbers (0.25 for 25%), nulls as empty cells.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "service/analytics/analysis_service.h"
#include "service/io/workbook.h"

namespace fupan::service {

// One row per stage: reached, conversion, the benchmark, the gap in percentage points, days in
// stage, and whether it is the bottleneck.
Workbook funnel_xlsx(const FunnelReport& r, bool english);

// One row per point, in the report's order: value, growth, quadrant and suggested action (empty
// for a point without growth).
Workbook quadrant_xlsx(const QuadrantReport& r, bool english);

// The open pipeline by close month with the slipped opportunities as a last row; then, after an
// empty row, the monthly sales series under a header row of its own: actual for past months,
// the forecast for the coming ones and the backtest's forecast beside the actual where it ran.
Workbook forecast_xlsx(const ForecastReport& r, LocalDate today, bool english);

// The risk lists of GET /api/analysis/risks.
enum class RiskList { stalled, slipped, churn, overdue };
// "stalled", "slipped", "churn" or "overdue"; nullopt otherwise.
std::optional<RiskList> parse_risk_list(std::string_view name);

// One row per item of `list` (the same first items as the JSON answer).
Workbook risks_xlsx(const RiskReport& r, const RiskNames& names, RiskList list,
                    const OrgSnapshot& org, LocalDate today, bool english);

}  // namespace fupan::service
