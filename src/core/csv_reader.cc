#include "core/csv_reader.h"

#include "core/csv_scanner.h"

namespace fupan {

// One parser: the import's streaming CsvScanner, its records copied out.
Result<std::vector<CsvRow>> parse_csv(std::string_view text) {
  std::vector<CsvRow> rows;
  CsvScanner scanner(text);
  while (scanner.next()) {
    if (scanner.problem() != CsvScanner::Problem::none) {
      const auto line = static_cast<std::int64_t>(scanner.problem_line());
      return Error::invalid("file", scanner.problem() == CsvScanner::Problem::unclosed_quote
                                        ? detail::line_unclosed_quote(line)
                                        : detail::line_text_after_quote(line));
    }
    CsvRow row;
    row.line = scanner.line();
    row.fields.assign(scanner.fields().begin(), scanner.fields().end());
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace fupan
