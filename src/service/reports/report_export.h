// Reports to Excel (SPEC §4): one report as a sheet (who, when, the review, the data block's KPIs,
// each section's text), or a team's week as a sheet with a row per person expected (their state,
// the review, each section's text and their KPIs).
#pragma once

#include <optional>

#include "core/error.h"
#include "service/io/workbook.h"
#include "service/platform/context.h"

namespace fupan::service {

Result<Workbook> export_report(const Context& ctx, const Actor& actor, std::int64_t id);
Result<Workbook> export_team_week(const Context& ctx, const Actor& actor,
                                  std::optional<std::int64_t> team, const std::string& kind,
                                  const std::string& period);

}  // namespace fupan::service
