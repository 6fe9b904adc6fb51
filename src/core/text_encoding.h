// Text encodings of imported files: Excel in China writes CSV as GBK (GB18030), everything else
// as UTF-8, with or without a byte-order mark.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fupan {

enum class TextEncoding { utf8, gb18030 };

// Returns true iff `bytes` is valid UTF-8.
bool is_valid_utf8(std::string_view bytes);
// Guesses the encoding: UTF-8 when the bytes are valid UTF-8 (after a BOM), else GB18030.
TextEncoding detect_encoding(std::string_view bytes);
// Returns `bytes` as UTF-8 without a BOM, or nullopt when they are not valid in `encoding`.
std::optional<std::string> to_utf8(std::string_view bytes, TextEncoding encoding);

}  // namespace fupan
