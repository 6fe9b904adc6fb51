// Typed time: an Instant is a UTC point in milliseconds; a LocalDate is a calendar day in the
// org's time zone. Storage keeps instants as int64 milliseconds and dates as "YYYY-MM-DD".
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fupan {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;
using LocalDate = std::chrono::sys_days;  // a calendar day, no time zone attached

inline Instant instant_from_ms(std::int64_t ms) {
  return Instant{std::chrono::milliseconds{ms}};
}
inline std::int64_t to_ms(Instant t) {
  return t.time_since_epoch().count();
}

// The source of "now"; tests pin it.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

// Returns "2026-11-23T09:18:29.000Z".
std::string format_rfc3339(Instant t);
// Returns "2026-11-23".
std::string format_date(LocalDate d);
// Parses "YYYY-MM-DD"; nullopt unless it is a real calendar date.
std::optional<LocalDate> parse_date(std::string_view text);
// Returns true iff `tz` names an IANA time zone known to this machine.
bool is_known_time_zone(std::string_view tz);
// Returns the local calendar day of `t` in the IANA zone `tz` (UTC if unknown).
LocalDate local_date(Instant t, std::string_view tz);

}  // namespace fupan
