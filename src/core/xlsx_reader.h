// Reads the worksheets of an Excel .xlsx workbook held in memory, for imports. Hostile files
// are refused as errors: a damaged zip, missing parts, bad XML, more than 2,000,000 rows, a part
// that unpacks to more than 512 MiB.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/csv_reader.h"
#include "core/error.h"

namespace fupan {

// Returns the rows of the first worksheet of the .xlsx `bytes` with `line` = the sheet's 1-based
// row number. Cells sit at their column (gaps are ""); strings come as written, booleans as
// "TRUE"/"FALSE", numbers as stored ("1234.5"), date-formatted numbers as "YYYY-MM-DD",
// "YYYY-MM-DD HH:MM:SS" or, for a time of day alone, "HH:MM:SS". Empty rows are skipped and
// trailing empty cells trimmed. Errors are invalid_field on "file" with a reason.
Result<std::vector<CsvRow>> read_xlsx(std::string_view bytes);

// A worksheet: its tab's name and its rows, as read_xlsx reads them.
struct XlsxSheet {
  std::string name;
  std::vector<CsvRow> rows;
};
// Every worksheet of the workbook in the order of its tabs (the first alone with `first_only`).
Result<std::vector<XlsxSheet>> read_xlsx_sheets(std::string_view bytes, bool first_only = false);

}  // namespace fupan
