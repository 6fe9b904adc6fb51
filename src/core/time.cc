#include "core/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <ostream>

namespace fupan {

Instant SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

namespace {

// Writes `value` as exactly `width` decimal digits at `out`.
void put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

// Both formatters are hand-rolled: they run for every timestamp of every list response, and
// iostreams or fmt's runtime format parsing dominated those.
std::string format_rfc3339(Instant t) {
  const auto day = std::chrono::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const auto ms = static_cast<unsigned>((t - day).count());
  std::string out = "0000-00-00T00:00:00.000Z";
  put_digits(&out[0], static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
  put_digits(&out[5], static_cast<unsigned>(ymd.month()), 2);
  put_digits(&out[8], static_cast<unsigned>(ymd.day()), 2);
  put_digits(&out[11], ms / 3600000, 2);
  put_digits(&out[14], ms / 60000 % 60, 2);
  put_digits(&out[17], ms / 1000 % 60, 2);
  put_digits(&out[20], ms % 1000, 3);
  return out;
}

std::string format_date(LocalDate d) {
  const date::year_month_day ymd{d.days()};
  std::string out = "0000-00-00";
  put_digits(&out[0], static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
  put_digits(&out[5], static_cast<unsigned>(ymd.month()), 2);
  put_digits(&out[8], static_cast<unsigned>(ymd.day()), 2);
  return out;
}

std::ostream& operator<<(std::ostream& out, LocalDate d) {
  return out << format_date(d);
}

std::optional<LocalDate> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < lens[i]; ++j) {
      char c = text[starts[i] + j];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  date::year_month_day ymd{date::year{parts[0]}, date::month{static_cast<unsigned>(parts[1])},
                           date::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok()) return std::nullopt;
  return LocalDate::from_days(date::sys_days{ymd});
}

bool is_known_time_zone(std::string_view tz) {
  try {
    return date::locate_zone(tz) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

const date::time_zone* zone_of(std::string_view tz) {
  try {
    return date::locate_zone(tz);
  } catch (const std::exception&) {
    return date::locate_zone(kDefaultTimeZone);
  }
}

LocalDate local_date(Instant t, const date::time_zone* zone) {
  const auto local = zone->to_local(t);
  return LocalDate::from_days(
      std::chrono::sys_days{std::chrono::floor<date::days>(local).time_since_epoch()});
}

LocalDate local_date(Instant t, std::string_view tz) {
  return local_date(t, zone_of(tz));
}

Instant instant_at(LocalDate d, std::chrono::minutes since_midnight, const date::time_zone* zone) {
  const date::local_time<std::chrono::milliseconds> local{
      std::chrono::milliseconds{d.days().time_since_epoch()} + since_midnight};
  return zone->to_sys(local, date::choose::earliest);
}

Instant start_of(LocalDate d, const date::time_zone* zone) {
  return instant_at(d, std::chrono::minutes{0}, zone);
}

}  // namespace fupan
