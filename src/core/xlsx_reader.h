// Reads the first worksheet of an Excel .xlsx workbook held in memory, for imports. Hostile files
// are refused as errors: a damaged zip, missing parts, bad XML, more than 2,000,000 rows, a part
// that unpacks to more than 512 MiB.
#pragma once

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

}  // namespace fupan
