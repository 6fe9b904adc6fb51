// A period's commission statements as an .xlsx workbook for payroll (docs/performance.md
// "Export"): a sheet of the people's totals (approved or still open, said on each row) and a sheet
// of every line, each with the order or payment behind it. The reader's view as everywhere.
#pragma once

#include <string>

#include "core/error.h"
#include "service/io/workbook.h"
#include "service/platform/context.h"

namespace fupan::service {

struct CommissionWorkbook {
  Workbook book;  // 提成-<period>.xlsx
  std::size_t statements = 0, approved = 0;
};

Result<CommissionWorkbook> export_statements(const Context& ctx, const Actor& actor,
                                             const std::string& period);

}  // namespace fupan::service
