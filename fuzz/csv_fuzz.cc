// libFuzzer target for CSV imports: encoding detection, conversion to UTF-8 and RFC 4180 parsing
// of arbitrary bytes. Built and run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/csv_reader.h"
#include "core/text_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto encoding = fupan::detect_encoding(bytes);
  if (const auto text = fupan::to_utf8(bytes, encoding)) {
    // Whatever the input, what comes out of the conversion is UTF-8.
    if (!fupan::is_valid_utf8(*text)) __builtin_trap();
    const auto rows = fupan::parse_csv(*text);
    if (rows.ok()) {
      for (const auto& row : rows.value()) {
        if (row.line == 0 || row.fields.empty()) __builtin_trap();
      }
    }
  }
  for (const auto other : {fupan::TextEncoding::utf8, fupan::TextEncoding::gb18030}) {
    if (const auto text = fupan::to_utf8(bytes, other); text && !fupan::is_valid_utf8(*text)) {
      __builtin_trap();
    }
  }
  (void)fupan::parse_csv(bytes).ok();  // the parser itself copes with any bytes
  return 0;
}
