// Keys for finding duplicate customers: two records whose normalized names or phones are equal are
// probably the same customer, however the name or number was typed.
#pragma once

#include <string>
#include <string_view>

namespace fupan {

// Returns the name with full-width ASCII (incl. （） and the ideographic space) made half-width,
// whitespace trimmed and collapsed to single spaces, ASCII lower-cased, and company suffixes
// dropped from the end: one of 股份有限公司, 有限责任公司, 有限公司, 公司, and any run of the words
// Co, Ltd, Limited, Inc, LLC (with their dots and commas), unless nothing would remain. Text in
// parentheses is kept.
std::string normalize_customer_name(std::string_view name);
// Returns the digits of `phone` (full-width digits too), without a leading 86 / +86 / 0086 country
// code when 11 digits follow it; "" when there are fewer than 5 digits.
std::string normalize_phone(std::string_view phone);

}  // namespace fupan
