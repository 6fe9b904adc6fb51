// libFuzzer target for CSV imports: the reader every import goes through (TableReader: BOM,
// UTF-8 or GBK, CsvScanner), encoding conversion, and parse_csv, on arbitrary bytes. Built and
// run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/csv_reader.h"
#include "core/table_reader.h"
#include "core/text_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto reader = fupan::TableReader::open(bytes); reader.ok()) {
    fupan::TableRow row;
    while (reader->next(row)) {
      if (row.line == 0) __builtin_trap();
    }
  }
  for (const auto encoding : {fupan::TextEncoding::utf8, fupan::TextEncoding::gb18030}) {
    // Whatever the input, what comes out of a conversion is UTF-8.
    if (const auto text = fupan::to_utf8(bytes, encoding); text && !fupan::is_valid_utf8(*text)) {
      __builtin_trap();
    }
  }
  if (const auto rows = fupan::parse_csv(bytes); rows.ok()) {
    for (const auto& row : rows.value()) {
      if (row.line == 0 || row.fields.empty()) __builtin_trap();
    }
  }
  return 0;
}
