// Targets from a spreadsheet (SPEC §3, Excel in): the finance team's .xlsx (every sheet: a sheet
// per level, as the export writes) or CSV, one target per row — 层级, 名称, 指标, 期间, 目标值 (元
// for money). All or nothing like every import: a bad row (an unknown scope, one the importer may
// not set, a ratio metric, a range for a period, a repeated target) refuses the file unless
// skip_bad. A row for a target that exists changes its value, with the import as the adjustment's
// reason.
#pragma once

#include "core/table_reader.h"
#include "service/io/import_service.h"

namespace fupan::service {

// The reason an import's adjustments carry.
inline constexpr std::string_view kImportReason = "Excel 导入";

Result<ImportReport> import_targets(const Context& ctx, const Actor& actor, TableReader& reader,
                                    const ImportOptions& options, const ImportProgress& progress);

}  // namespace fupan::service
