#include "core/text_parse.h"

#include <date/date.h>
#include <date/tz.h>

#include <limits>

namespace fupan {

namespace {

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";          // U+00A0, common in Excel exports
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Drops ASCII, no-break and ideographic spaces from both ends.
std::string_view trim(std::string_view s) {
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

// Reads min..max decimal digits from the front of `s`; fails when more digits follow.
std::optional<int> take_number(std::string_view& s, std::size_t min, std::size_t max) {
  std::size_t n = 0;
  int value = 0;
  while (n < s.size() && n < max && is_digit(s[n])) value = value * 10 + (s[n++] - '0');
  if (n < min || (n < s.size() && is_digit(s[n]))) return std::nullopt;
  s.remove_prefix(n);
  return value;
}

// Reads a date from the front of `s`: Y-M-D with '-', '/' or '.', or Y年M月D[日].
std::optional<LocalDate> take_date(std::string_view& s) {
  auto year = take_number(s, 4, 4);
  if (!year) return std::nullopt;
  std::string_view second_sep, third_sep;
  if (consume(s, "年")) {
    second_sep = "月";
  } else if (!s.empty() && (s.front() == '-' || s.front() == '/' || s.front() == '.')) {
    second_sep = s.substr(0, 1);
    s.remove_prefix(1);
  } else {
    return std::nullopt;
  }
  auto month = take_number(s, 1, 2);
  if (!month || !consume(s, second_sep)) return std::nullopt;
  auto day = take_number(s, 1, 2);
  if (!day) return std::nullopt;
  if (second_sep == "月") consume(s, "日");
  const date::year_month_day ymd{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                                 date::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  return LocalDate::from_days(date::sys_days{ymd});
}

// Reads "H:MM", "H:MM:SS" or "H:MM:SS.fff…" from the front of `s` (fractions past ms are dropped).
std::optional<std::chrono::milliseconds> take_time(std::string_view& s) {
  auto hour = take_number(s, 1, 2);
  if (!hour || *hour > 23 || !consume(s, ":")) return std::nullopt;
  auto minute = take_number(s, 2, 2);
  if (!minute || *minute > 59) return std::nullopt;
  int second = 0, ms = 0;
  if (consume(s, ":")) {
    auto sec = take_number(s, 2, 2);
    if (!sec || *sec > 59) return std::nullopt;
    second = *sec;
    if (consume(s, ".")) {
      std::size_t n = 0;
      for (; n < s.size() && is_digit(s[n]); ++n) {
        if (n < 3) ms = ms * 10 + (s[n] - '0');
      }
      if (n == 0) return std::nullopt;
      for (std::size_t i = n; i < 3; ++i) ms *= 10;
      s.remove_prefix(n);
    }
  }
  using namespace std::chrono;
  return hours{*hour} + minutes{*minute} + seconds{second} + milliseconds{ms};
}

struct DateTime {
  LocalDate date;
  std::chrono::milliseconds time{0};  // since midnight
  bool has_time = false;
};

// Reads a date and an optional time (after 'T' or spaces) from the front of `s`.
std::optional<DateTime> take_datetime(std::string_view& s) {
  auto day = take_date(s);
  if (!day) return std::nullopt;
  DateTime out{*day};
  if (consume(s, "T") || consume(s, "t")) {
    out.has_time = true;
  } else if (!s.empty() && s.front() == ' ') {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    out.has_time = true;
  }
  if (out.has_time) {
    auto time = take_time(s);
    if (!time) return std::nullopt;
    out.time = *time;
  }
  return out;
}

// Reads "Z", "±HH:MM", "±HHMM" or "±HH" and returns the offset east of UTC.
std::optional<std::chrono::minutes> take_offset(std::string_view& s) {
  if (consume(s, "Z") || consume(s, "z")) return std::chrono::minutes{0};
  if (s.empty() || (s.front() != '+' && s.front() != '-')) return std::nullopt;
  const int sign = s.front() == '-' ? -1 : 1;
  s.remove_prefix(1);
  // Exactly two digits each, as "0800" has no separator to end the hours.
  auto two_digits = [&s]() -> std::optional<int> {
    if (s.size() < 2 || !is_digit(s[0]) || !is_digit(s[1])) return std::nullopt;
    const int value = (s[0] - '0') * 10 + (s[1] - '0');
    s.remove_prefix(2);
    return value;
  };
  auto hours = two_digits();
  if (!hours || *hours > 23) return std::nullopt;
  int minutes = 0;
  if (!s.empty()) {
    consume(s, ":");
    auto m = two_digits();
    if (!m || *m > 59) return std::nullopt;
    minutes = *m;
  }
  return std::chrono::minutes{sign * (*hours * 60 + minutes)};
}

}  // namespace

std::optional<LocalDate> parse_date_text(std::string_view text) {
  std::string_view s = trim(text);
  auto dt = take_datetime(s);
  if (!dt || !s.empty() || dt->time.count() != 0) return std::nullopt;
  return dt->date;
}

std::optional<LocalDateTime> parse_datetime_text(std::string_view text) {
  std::string_view s = trim(text);
  auto dt = take_datetime(s);
  if (!dt || !s.empty()) return std::nullopt;
  return LocalDateTime{dt->date, std::chrono::floor<std::chrono::minutes>(dt->time)};
}

std::optional<Instant> parse_instant_text(std::string_view text, const date::time_zone* tz) {
  std::string_view s = trim(text);
  auto dt = take_datetime(s);
  if (!dt) return std::nullopt;
  const auto local_ms = std::chrono::milliseconds{dt->date.days().time_since_epoch()} + dt->time;
  if (!s.empty()) {
    if (!dt->has_time) return std::nullopt;  // a zone needs a time before it
    if (s.front() == ' ') s.remove_prefix(1);
    auto offset = take_offset(s);
    if (!offset || !s.empty()) return std::nullopt;
    return Instant{local_ms - *offset};
  }
  if (tz == nullptr) return Instant{local_ms};
  return tz->to_sys(date::local_time<std::chrono::milliseconds>{local_ms}, date::choose::earliest);
}

std::optional<bool> parse_bool_text(std::string_view text) {
  std::string_view s = trim(text);
  if (s == "是") return true;
  if (s == "否") return false;
  if (s.size() > 5) return std::nullopt;
  std::string lower;
  for (char c : s) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (std::string_view yes : {"true", "1", "yes", "y"})
    if (lower == yes) return true;
  for (std::string_view no : {"false", "0", "no", "n"})
    if (lower == no) return false;
  return std::nullopt;
}

std::optional<std::int64_t> parse_int_text(std::string_view text) {
  std::string_view s = trim(text);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (auto dot = s.find('.'); dot != std::string_view::npos) {
    std::string_view fraction = s.substr(dot + 1);
    if (fraction.empty() || fraction.find_first_not_of('0') != std::string_view::npos)
      return std::nullopt;
    s = s.substr(0, dot);
  }
  if (s.empty()) return std::nullopt;
  // Digits, or groups of 1-3 then 3, 3, ... digits separated by commas.
  const bool grouped = s.find(',') != std::string_view::npos;
  std::size_t group = 0;
  bool first_group = true;
  const std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  std::uint64_t magnitude = 0;
  for (char c : s) {
    if (c == ',') {
      if (group == 0 || (first_group ? group > 3 : group != 3)) return std::nullopt;
      first_group = false;
      group = 0;
      continue;
    }
    if (!is_digit(c)) return std::nullopt;
    ++group;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (magnitude > (limit - digit) / 10) return std::nullopt;
    magnitude = magnitude * 10 + digit;
  }
  if (grouped && group != 3) return std::nullopt;
  if (!negative) return static_cast<std::int64_t>(magnitude);
  if (magnitude == 0) return std::int64_t{0};
  return static_cast<std::int64_t>(~magnitude + 1);  // two's complement; fits by the limit
}

}  // namespace fupan
