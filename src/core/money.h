// Money: an integer count of 分 (fen, 1/100 yuan). Parsing and formatting are exact; no floating
// point touches an amount.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace fupan {

using Fen = std::int64_t;  // integer 分

// Parses a yuan amount as typed or exported by people: optional surrounding spaces, sign, "¥"/"￥"
// prefix, "元" suffix and thousands commas, at most 2 decimals (further zeros allowed), e.g.
// "¥1,234.56" → 123456. Fails with Error::invalid(field, ...) on empty, malformed or out-of-range.
Result<Fen> parse_yuan(std::string_view text, const std::string& field);
// Returns `fen` as yuan with exactly 2 decimals and no grouping: "1234.56", "-0.05", "0.00".
std::string format_yuan(Fen fen);

}  // namespace fupan
