// Phone numbers as Chinese companies write them: mobiles (138 0013 8000, +86 138-0013-8000),
// landlines with an area code (021-6888 8888, (0755) 8888 8888), service numbers (400-820-8820),
// with an extension (转 123, ext. 123, x123). The same rule checks the API, imports and the web
// form (which reads it from /api/schema as format "phone"). Pure.
#pragma once

#include <string_view>

namespace fupan {

// True iff `text` is a phone number (detail::phone says what one is): an optional leading '+', then
// 7–15 digits that may be grouped by spaces, '-', '.' or parentheses; an 11-digit number starting
// with 1 (a mobile, with or without +86) must start 13–19; an extension of 1–6 digits may follow
// after 转, ext, x or #.
bool is_phone_number(std::string_view text);

}  // namespace fupan
