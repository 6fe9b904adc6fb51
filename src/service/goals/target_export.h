// Targets to a spreadsheet (SPEC §3, Excel out): the targets the actor sees for a period (and a
// metric), as an .xlsx workbook with a sheet per level (组织, 区域, 团队, 个人) or one CSV table,
// in the columns the import reads back (money in 元, scopes by name).
#pragma once

#include <string>

#include "core/error.h"
#include "service/io/export_service.h"
#include "service/platform/context.h"

namespace fupan::service {

struct TargetExportRequest {
  std::string metric;  // empty: every metric
  std::string period;  // the targets whose periods overlap it; empty: all
  bool csv = false;
  bool english = false;  // headers, levels and sheet names in English
};

Result<ExportFile> export_targets(const Context& ctx, const Actor& actor,
                                  const TargetExportRequest& req);

}  // namespace fupan::service
