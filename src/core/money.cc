#include "core/money.h"

#include <limits>

namespace fupan {

namespace {

// GCC's 128-bit integers; __extension__ keeps -Wpedantic quiet.
__extension__ typedef unsigned __int128 U128;
__extension__ typedef __int128 I128;

constexpr std::string_view kYen = "\xC2\xA5";                   // ¥ U+00A5
constexpr std::string_view kFullWidthYen = "\xEF\xBF\xA5";      // ￥ U+FFE5
constexpr std::string_view kYuan = "\xE5\x85\x83";              // 元
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Drops ASCII, no-break (U+00A0, common in Excel exports) and ideographic spaces from both ends.
std::string_view trim(std::string_view s) {
  constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
  for (;;) {
    if (!s.empty() && is_ascii_space(s.front())) {
      s.remove_prefix(1);
    } else if (s.starts_with(kNoBreakSpace) || s.starts_with(kIdeographicSpace)) {
      s.remove_prefix(s.starts_with(kNoBreakSpace) ? kNoBreakSpace.size()
                                                   : kIdeographicSpace.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && is_ascii_space(s.back())) {
      s.remove_suffix(1);
    } else if (s.ends_with(kNoBreakSpace) || s.ends_with(kIdeographicSpace)) {
      s.remove_suffix(s.ends_with(kNoBreakSpace) ? kNoBreakSpace.size() : kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return s;
}

bool consume(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// True iff `digits` is plain digits, or digits grouped by commas as 1-3 then 3,3,...
bool valid_integer_part(std::string_view digits) {
  if (digits.empty()) return false;
  if (digits.find(',') == std::string_view::npos) {
    for (char c : digits)
      if (!is_digit(c)) return false;
    return true;
  }
  std::size_t group = 0;  // digits in the current group
  bool first = true;
  for (char c : digits) {
    if (c == ',') {
      if (group == 0 || (first ? group > 3 : group != 3)) return false;
      first = false;
      group = 0;
    } else if (is_digit(c)) {
      ++group;
    } else {
      return false;
    }
  }
  return group == 3;
}

bool fits(I128 v) {
  return v >= Fen::min().value() && v <= Fen::max().value();
}

}  // namespace

std::optional<Fen> checked_add(Fen a, Fen b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a.value(), b.value(), &sum)) return std::nullopt;
  return Fen{sum};
}

std::optional<Fen> checked_mul(Fen a, std::int64_t n) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(a.value(), n, &product)) return std::nullopt;
  return Fen{product};
}

namespace {

// Returns n / d rounded half to even (d ≠ 0), nullopt beyond int64.
std::optional<Fen> divide_half_even(I128 n, I128 d) {
  if (d < 0) n = -n, d = -d;
  I128 q = n / d, r = n % d;  // truncated toward zero: r has n's sign
  if (r < 0) q -= 1, r += d;  // now q = floor(n / d), 0 <= r < d
  if (2 * r > d || (2 * r == d && q % 2 != 0)) q += 1;
  if (!fits(q)) return std::nullopt;
  return Fen{static_cast<std::int64_t>(q)};
}

}  // namespace

std::optional<Fen> round_half_even(Fen amount, std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0) return std::nullopt;
  // |amount × numerator| < 2^126 fits in 128 bits; so do the quotient and twice the remainder.
  return divide_half_even(static_cast<I128>(amount.value()) * numerator, denominator);
}

void WeightedFen::add(Fen amount, std::int64_t weight) {
  sum_ += static_cast<Wide>(amount.value()) * weight;
}

std::optional<Fen> WeightedFen::divided_by(std::int64_t denominator) const {
  if (denominator == 0) return std::nullopt;
  return divide_half_even(sum_, denominator);
}

Result<Fen> parse_yuan(std::string_view text, const std::string& field) {
  constexpr DetailCode kShape = detail::yuan;
  std::string_view s = trim(text);
  if (s.empty()) return Error::invalid(field, detail::empty);

  bool negative = false;
  bool signed_ = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    signed_ = true;
    s.remove_prefix(1);
  }
  if (consume(s, kYen) || consume(s, kFullWidthYen)) {
    s = trim(s);
    if (!signed_ && !s.empty() && (s.front() == '-' || s.front() == '+')) {
      negative = s.front() == '-';
      s.remove_prefix(1);
    }
  }
  if (s.ends_with(kYuan)) {
    s.remove_suffix(kYuan.size());
    s = trim(s);
  }

  std::string_view integer = s, fraction;
  if (auto dot = s.find('.'); dot != std::string_view::npos) {
    integer = s.substr(0, dot);
    fraction = s.substr(dot + 1);
    if (fraction.empty()) return Error::invalid(field, kShape);
    for (char c : fraction)
      if (!is_digit(c)) return Error::invalid(field, kShape);
  }
  if (!valid_integer_part(integer)) return Error::invalid(field, kShape);
  for (std::size_t i = 2; i < fraction.size(); ++i) {
    if (fraction[i] != '0') return Error::invalid(field, detail::decimal_places);
  }

  // Accumulate the magnitude in fen; the limit allows INT64_MIN for a negative amount.
  const U128 limit = static_cast<U128>(Fen::max().value()) + (negative ? 1 : 0);
  U128 magnitude = 0;
  for (char c : integer) {
    if (c == ',') continue;
    magnitude = magnitude * 10 + static_cast<unsigned>(c - '0');
    if (magnitude > limit) return Error::invalid(field, detail::amount_out_of_range);
  }
  for (std::size_t i = 0; i < 2; ++i) {
    unsigned digit = i < fraction.size() ? static_cast<unsigned>(fraction[i] - '0') : 0;
    magnitude = magnitude * 10 + digit;
  }
  if (magnitude > limit) return Error::invalid(field, detail::amount_out_of_range);
  if (!negative) return Fen{static_cast<std::int64_t>(magnitude)};
  if (magnitude == 0) return Fen{0};
  return Fen{static_cast<std::int64_t>(-static_cast<I128>(magnitude))};
}

std::string format_yuan(Fen amount) {
  const std::int64_t fen = amount.value();
  // The magnitude as unsigned so that INT64_MIN formats too.
  std::uint64_t magnitude =
      fen < 0 ? ~static_cast<std::uint64_t>(fen) + 1 : static_cast<std::uint64_t>(fen);
  std::string out = std::to_string(magnitude / 100);
  out += '.';
  out += static_cast<char>('0' + magnitude % 100 / 10);
  out += static_cast<char>('0' + magnitude % 10);
  if (fen < 0) out.insert(out.begin(), '-');
  return out;
}

}  // namespace fupan
