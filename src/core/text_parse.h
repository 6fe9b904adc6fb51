// Lenient parsing of text cells from imported CSV and .xlsx files, where dates, numbers and flags
// arrive in whatever form Excel or a person wrote them. Each parser trims surrounding spaces
// (ASCII, no-break and ideographic) and returns nullopt for anything it does not accept.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/time.h"

namespace date {
class time_zone;
}  // namespace date

namespace fupan {

// A wall-clock time on a calendar day, no time zone attached.
struct LocalDateTime {
  LocalDate date;
  std::chrono::minutes time_of_day{0};  // 0..1439
};

// Parses a real calendar date written as "2026-11-23", "2026/11/23", "2026/1/5", "2026.1.5" or
// "2026年11月23日", optionally followed by a time of day that is midnight ("2026-11-23 00:00:00").
std::optional<LocalDate> parse_date_text(std::string_view text);
// Parses any date form of parse_date_text, optionally followed by " HH:MM", " HH:MM:SS" or
// "THH:MM[:SS]" (hour may be one digit; seconds and their fractions are dropped); a date alone
// is at 00:00.
std::optional<LocalDateTime> parse_datetime_text(std::string_view text);
// Parses an instant: RFC 3339 with "Z" or a "+08:00" offset as written ("+0800" and "+08" too),
// else a local date-time as parse_datetime_text accepts it (seconds and milliseconds kept) in the
// zone `tz` (UTC when null); a local time skipped by a DST change maps to the transition.
std::optional<Instant> parse_instant_text(std::string_view text, const date::time_zone* tz);
// Parses true/false, 1/0, yes/no, y/n (any case) and 是/否.
std::optional<bool> parse_bool_text(std::string_view text);
// Parses an optionally signed integer with optional thousands commas ("1,234"), allowing a
// fraction of zeros ("12.0") but not more ("12.5"); nullopt when beyond int64.
std::optional<std::int64_t> parse_int_text(std::string_view text);

}  // namespace fupan
