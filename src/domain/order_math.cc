#include "domain/order_math.h"

#include <algorithm>
#include <limits>
#include <string>

namespace fupan {

namespace {

// GCC's 128-bit integer; __extension__ keeps -Wpedantic quiet.
__extension__ typedef __int128 I128;

constexpr I128 kMaxFen = Fen::max().value();
constexpr I128 kMinFen = Fen::min().value();

// The exact rounded line amount. |quantity × price| < 2^126, and splitting it by 10000 keeps every
// intermediate product within that bound, so nothing overflows.
I128 exact_line_total(const LineAmount& line) {
  const I128 factor = 10000 - std::clamp<std::int32_t>(line.discount_bp, 0, 10000);
  const I128 gross = static_cast<I128>(line.quantity) * line.unit_price.value();
  const I128 whole = gross / 10000;  // truncated toward zero: whole and part share gross's sign
  const I128 part = gross % 10000 * factor;  // |part| < 10^8
  const I128 rounded_part = part >= 0 ? (part + 5000) / 10000 : -((-part + 5000) / 10000);
  return whole * factor + rounded_part;
}

// The 1-based line number of the line at `index`.
std::int64_t line_number(std::size_t index) {
  return static_cast<std::int64_t>(index) + 1;
}

}  // namespace

Fen line_total(const LineAmount& line) {
  return Fen{static_cast<std::int64_t>(std::clamp(exact_line_total(line), kMinFen, kMaxFen))};
}

Result<Fen> order_total(std::span<const LineAmount> lines) {
  I128 sum = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const LineAmount& line = lines[i];
    if (line.quantity < 0)
      return Error::invalid("lines", detail::line_negative_quantity(line_number(i)));
    if (line.unit_price < Fen{0})
      return Error::invalid("lines", detail::line_negative_price(line_number(i)));
    if (line.discount_bp < 0 || line.discount_bp > 10000)
      return Error::invalid("lines", detail::line_discount_range(line_number(i)));
    const I128 amount = exact_line_total(line);
    if (amount > kMaxFen)
      return Error::invalid("lines", detail::line_amount_out_of_range(line_number(i)));
    sum += amount;
    if (sum > kMaxFen) return Error::invalid("lines", detail::order_total_out_of_range);
  }
  return Fen{static_cast<std::int64_t>(sum)};
}

}  // namespace fupan
