// Field rules for the organisation's records; each returns the field at fault.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace fupan {

// Lower-case letters, digits, '.', '_' and '-', 2..64 characters, starting with a letter or digit.
Status validate_username(std::string_view username);
// 1..max_chars Unicode characters, not blank, no control characters.
Status validate_name(std::string_view field, std::string_view value, std::size_t max_chars = 100);
// Empty, or something@something.tld of at most 254 characters.
Status validate_email(std::string_view email);
// Empty, or 5..32 of digits, spaces, '+', '-', '(' and ')'.
Status validate_phone(std::string_view phone);
// At least 8 characters (at most 256).
Status validate_password(std::string_view field, std::string_view password);
// Returns the number of Unicode code points in valid UTF-8 `s`, or npos when it is not UTF-8.
std::size_t utf8_length(std::string_view s);

}  // namespace fupan
