// Fixed-point numbers with six decimals held as int64 millionths (coordinates in degrees), so the
// stores keep exact integers and JSON and files carry ordinary decimals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fupan {

// `x` in millionths, rounded to the nearest; nullopt when not finite or beyond ±9e12.
std::optional<std::int64_t> millionths(double x);
// Parses a decimal such as "31.230416" or "-121.5" (more decimals are rounded).
std::optional<std::int64_t> parse_millionths(std::string_view text);
// "31.230416", "-121.5", "0": the shortest exact decimal.
std::string format_millionths(std::int64_t n);

}  // namespace fupan
