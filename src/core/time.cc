#include "core/time.h"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

namespace fupan {

Instant SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string format_rfc3339(Instant t) {
  // Hand-rolled: date::format goes through iostreams and dominated list responses.
  const auto day = std::chrono::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const std::int64_t ms = (t - day).count();
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), ms / 3600000,
                     ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

std::string format_date(LocalDate d) {
  date::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
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
  return LocalDate{date::sys_days{ymd}.time_since_epoch()};
}

bool is_known_time_zone(std::string_view tz) {
  try {
    return date::locate_zone(tz) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

LocalDate local_date(Instant t, std::string_view tz) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(tz);
  } catch (const std::exception&) {
    return std::chrono::floor<date::days>(t);
  }
  auto local = zone->to_local(t);
  return LocalDate{std::chrono::floor<date::days>(local).time_since_epoch()};
}

}  // namespace fupan
