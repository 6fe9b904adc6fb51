// Order amounts: a line is quantity × unit price less a discount in basis points; an order's total
// is the sum of its lines. All in integer 分, exact, rounded once per line.
#pragma once

#include <cstdint>
#include <span>

#include "core/error.h"
#include "core/money.h"

namespace fupan {

struct LineAmount {
  std::int64_t quantity = 0;
  Fen unit_price;
  std::int32_t discount_bp = 0;  // 0..10000 basis points off; 1000 = 10% off
};

// Returns quantity × unit_price × (10000 − discount_bp) / 10000, rounded half away from zero.
// discount_bp is clamped to 0..10000 and the result saturates at the int64 range; order_total
// rejects such lines instead.
Fen line_total(const LineAmount& line);
// Returns the sum of line_total over `lines` (0 for none). Fails with invalid("lines", ...) on a
// negative quantity or price, a discount outside 0..10000, or a line or sum beyond int64.
Result<Fen> order_total(std::span<const LineAmount> lines);

}  // namespace fupan
