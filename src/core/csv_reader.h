// RFC 4180 CSV: comma-separated fields, double-quoted fields may hold commas, quotes ("") and line
// breaks; CRLF or LF line ends. Input is UTF-8 (see text_encoding.h to convert first).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace fupan {

struct CsvRow {
  std::size_t line = 0;  // 1-based line where the record starts, for error messages
  std::vector<std::string> fields;
};

// Parses all of `text`. Blank lines are skipped. An unterminated quote or a stray character after
// a closing quote is an error naming the line.
Result<std::vector<CsvRow>> parse_csv(std::string_view text);

}  // namespace fupan
