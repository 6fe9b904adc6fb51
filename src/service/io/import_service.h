// Imports of CRM records and users from CSV (UTF-8 or GBK) and .xlsx files (docs/import.md):
// validation first, so a file with a bad row writes nothing unless asked to skip bad rows; an
// external id column makes re-imports update instead of duplicate; all in one transaction with
// one audit row.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "service/platform/context.h"

namespace fupan::service {

struct ImportOptions {
  bool skip_bad = false;  // write the good rows and report the bad ones
  // From this many rows on, a kind inserted in bulk loads with its secondary indexes built at the
  // end (store/bulk_load.h).
  std::size_t bulk_load_rows = 100'000;
};

// One problem with one row.
struct ImportRowError {
  std::size_t line = 0;  // the row's line in the file (CSV) or its row number (.xlsx)
  std::string sheet;     // the .xlsx sheet's name when an import reads every sheet, else ""
  std::string column;    // the header as written in the file, "" for the whole row
  std::string field;     // the field the column fills, "" for the whole row
  std::string code;      // error_code_name, e.g. "invalid_field"
  Detail detail;         // what is wrong, e.g. detail::no_such_user
  std::string value;     // the cell as written (cut to 200 bytes)
};

struct ImportReport {
  std::string kind;  // singular: "order"
  std::size_t rows = 0, inserted = 0, updated = 0, unchanged = 0, skipped = 0;
  std::vector<ImportRowError> errors;  // at most 10,000; warnings say how many more
  std::vector<std::string> warnings;   // columns ignored, errors not listed
  bool committed = false;              // anything written (false: the store is unchanged)
};

// Called as the import goes: phase "reading", "importing" (done/total rows) or "saving".
using ImportProgress =
    std::function<void(std::string_view phase, std::size_t done, std::size_t total)>;

// Checks that `kind` can be imported (see import_file) and that `actor` may write it.
Status check_import(const Actor& actor, std::string_view kind);

// Imports the file `bytes` of records of `kind`: customer(s), contact(s), opportunit(y|ies),
// activit(y|ies), product(s), order(s), payment(s), cost(s), user(s), membership(s) or target(s)
// (docs/goals.md; every sheet of a workbook), as `actor` within their
// data scope. File-level problems (not CSV or .xlsx, neither UTF-8 nor GBK, a required column
// missing, no rows, more than 2,000,000 rows) are errors on "file" or on the columns; row
// problems are listed in the report.
Result<ImportReport> import_file(const Context& ctx, const Actor& actor, std::string_view kind,
                                 std::string_view bytes, const ImportOptions& options,
                                 const ImportProgress& progress = {});

}  // namespace fupan::service
