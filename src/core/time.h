// Typed time: an Instant is a UTC point in milliseconds; a LocalDate is a calendar day in the
// org's time zone. Storage keeps instants as int64 milliseconds and dates as "YYYY-MM-DD".
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

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

// An org's time zone until it sets one, and the one fallback for a name this machine does not
// know (settings accept only known names, so it is met only by stale data).
inline constexpr std::string_view kDefaultTimeZone = "Asia/Shanghai";
// Returns the IANA zone `tz`, or kDefaultTimeZone when it is unknown: the one zone lookup.
const date::time_zone* zone_of(std::string_view tz);
// Returns the local calendar day of `t` in `zone`.
LocalDate local_date(Instant t, const date::time_zone* zone);
// Returns the local calendar day of `t` in the zone named `tz` (as zone_of finds it).
LocalDate local_date(Instant t, std::string_view tz);
// Returns the instant `since_midnight` into the local day `d` in `zone`: the one way from a local
// date to an instant. A local time a DST gap skips is the instant the gap ends; one a fold
// repeats, the earlier of the two.
Instant instant_at(LocalDate d, std::chrono::minutes since_midnight, const date::time_zone* zone);
// Returns the instant the local day `d` begins in `zone` (its first instant, even on a day whose
// midnight a DST gap skips).
Instant start_of(LocalDate d, const date::time_zone* zone);

}  // namespace fupan
