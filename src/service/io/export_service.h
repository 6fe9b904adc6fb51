// Exports a CRM list, with the same filters, search and sort as the list and within the actor's
// data scope, as an .xlsx sheet whose columns an import reads back (labels as headers, references
// by name, money in 元).
#pragma once

#include <string>

#include "core/error.h"
#include "service/crm/entity_service.h"
#include "service/platform/context.h"

namespace fupan::service {

struct ExportFile {
  std::string bytes;
  std::string file_name;  // e.g. "客户-2026-11-23.xlsx"
  std::size_t rows = 0;
};

// At most this many rows are exported (Excel's sheet holds 1,048,576).
inline constexpr std::int64_t kMaxExportRows = 1'000'000;

Result<ExportFile> export_xlsx(const Context& ctx, const Actor& actor, const EntityKind& kind,
                               const ListRequest& req, bool english);

}  // namespace fupan::service
