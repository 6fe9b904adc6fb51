#include "core/millionths.h"

#include <charconv>
#include <cmath>

namespace fupan {

std::optional<std::int64_t> millionths(double x) {
  if (!std::isfinite(x) || std::fabs(x) > 9e12) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(x * 1e6));
}

std::optional<std::int64_t> parse_millionths(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return millionths(x);
}

std::string format_millionths(std::int64_t n) {
  const bool negative = n < 0;
  const std::uint64_t a = negative ? 0 - static_cast<std::uint64_t>(n) : n;
  std::string out = (negative ? "-" : "") + std::to_string(a / 1'000'000);
  std::string frac = std::to_string(a % 1'000'000);
  frac.insert(0, 6 - frac.size(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  if (!frac.empty()) out += "." + frac;
  return out;
}

}  // namespace fupan
