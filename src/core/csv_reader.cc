#include "core/csv_reader.h"

#include "core/csv_scanner.h"

namespace fupan {

// One parser: the import's streaming CsvScanner, its records copied out.
Result<std::vector<CsvRow>> parse_csv(std::string_view text) {
  std::vector<CsvRow> rows;
  CsvScanner scanner(text);
  while (scanner.next()) {
    if (scanner.problem() != CsvScanner::Problem::none) {
      return Error::invalid("file", "line " + std::to_string(scanner.problem_line()) + ": " +
                                        (scanner.problem() == CsvScanner::Problem::unclosed_quote
                                             ? "a quoted field is never closed"
                                             : "text after a closing quote"));
    }
    CsvRow row;
    row.line = scanner.line();
    row.fields.assign(scanner.fields().begin(), scanner.fields().end());
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace fupan
