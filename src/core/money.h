// Money: an integer count of 分 (fen, 1/100 yuan). Parsing and formatting are exact; no floating
// point touches an amount.
#pragma once

#include <compare>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace fupan {

// An amount of money in integer 分. Made from an int64 only explicitly, so a count, an id or a
// yuan figure cannot pass for it; `.value()` gives the 分 back (to store, to write as JSON).
// +, - and × n are plain int64 arithmetic (the caller knows the range); checked_add and checked_mul
// report overflow instead.
class Fen {
 public:
  constexpr Fen() = default;
  constexpr explicit Fen(std::int64_t fen) : fen_(fen) {}
  template <std::floating_point T>
  Fen(T) = delete;  // money is never a double
  constexpr std::int64_t value() const { return fen_; }

  static constexpr Fen max() { return Fen{std::numeric_limits<std::int64_t>::max()}; }
  static constexpr Fen min() { return Fen{std::numeric_limits<std::int64_t>::min()}; }

  friend constexpr Fen operator+(Fen a, Fen b) { return Fen{a.fen_ + b.fen_}; }
  friend constexpr Fen operator-(Fen a, Fen b) { return Fen{a.fen_ - b.fen_}; }
  friend constexpr Fen operator-(Fen a) { return Fen{-a.fen_}; }
  // A price times a quantity; plain like + (checked_mul reports overflow).
  friend constexpr Fen operator*(Fen a, std::int64_t n) { return Fen{a.fen_ * n}; }
  constexpr Fen& operator+=(Fen b) { return *this = *this + b; }
  constexpr Fen& operator-=(Fen b) { return *this = *this - b; }
  friend constexpr auto operator<=>(Fen, Fen) = default;

 private:
  std::int64_t fen_ = 0;
};

// Returns a + b, or nullopt when it does not fit in int64.
std::optional<Fen> checked_add(Fen a, Fen b);
// Returns a × n, or nullopt when it does not fit in int64.
std::optional<Fen> checked_mul(Fen a, std::int64_t n);
// Returns amount × numerator / denominator rounded half to even (banker's rounding: 2.5 → 2,
// 3.5 → 4, −2.5 → −2), the one rule for dividing money (prorated targets, commissions); nullopt
// when denominator is 0 or the result does not fit in int64. Exact: no intermediate overflows.
std::optional<Fen> round_half_even(Fen amount, std::int64_t numerator, std::int64_t denominator);

// Σ amount × weight kept exactly (in 128 bits), divided once by the rule above: a pipeline
// weighted by stage probability is the sum of amount × percent, ÷ 100, not a sum of rounded parts.
class WeightedFen {
 public:
  void add(Fen amount, std::int64_t weight);
  // Returns the sum ÷ denominator rounded half to even; nullopt as round_half_even.
  std::optional<Fen> divided_by(std::int64_t denominator) const;

 private:
  __extension__ typedef __int128 Wide;
  Wide sum_ = 0;
};

// Parses a yuan amount as typed or exported by people: optional surrounding spaces, sign, "¥"/"￥"
// prefix, "元" suffix and thousands commas, at most 2 decimals (further zeros allowed), e.g.
// "¥1,234.56" → 123456. Fails with Error::invalid(field, ...) on empty, malformed or out-of-range.
Result<Fen> parse_yuan(std::string_view text, const std::string& field);
// Returns `fen` as yuan with exactly 2 decimals and no grouping: "1234.56", "-0.05", "0.00".
std::string format_yuan(Fen fen);

}  // namespace fupan
