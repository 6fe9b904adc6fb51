// Typed time: an Instant is a UTC point in milliseconds; a LocalDate is a calendar day in the
// org's time zone. Storage keeps instants as int64 milliseconds and dates as "YYYY-MM-DD".
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace fupan {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// A calendar day in the org's time zone. It is made from a calendar date, parsed text or
// local_date(instant, zone), never implicitly from a sys_days (a day counted in UTC, as
// floor<days>(instant) gives) nor from an Instant; instant_at/start_of turn it back into one.
class LocalDate {
 public:
  constexpr LocalDate() = default;  // 1970-01-01
  constexpr explicit LocalDate(std::chrono::year_month_day ymd) : days_{ymd} {}
  // Not from a point in time (sys_days, which would otherwise pass as a year_month_day, or an
  // Instant): see from_days and local_date.
  template <class Clock, class Duration>
  LocalDate(std::chrono::time_point<Clock, Duration>) = delete;
  // Returns the local day numbered like `d` (days since 1970-01-01): the one way in from a day
  // count, for calendar arithmetic and day numbers already known to be local.
  static constexpr LocalDate from_days(std::chrono::sys_days d) {
    LocalDate out;
    out.days_ = d;
    return out;
  }
  static constexpr LocalDate min() { return from_days(std::chrono::sys_days::min()); }
  static constexpr LocalDate max() { return from_days(std::chrono::sys_days::max()); }

  // The day counted from 1970-01-01, for calendar arithmetic (not a UTC instant).
  constexpr std::chrono::sys_days days() const { return days_; }
  constexpr std::chrono::year_month_day ymd() const { return std::chrono::year_month_day{days_}; }
  constexpr std::chrono::weekday weekday() const { return std::chrono::weekday{days_}; }

  constexpr LocalDate& operator+=(std::chrono::days n) {
    days_ += n;
    return *this;
  }
  constexpr LocalDate& operator-=(std::chrono::days n) {
    days_ -= n;
    return *this;
  }
  constexpr LocalDate& operator++() { return *this += std::chrono::days{1}; }
  constexpr LocalDate& operator--() { return *this -= std::chrono::days{1}; }
  friend constexpr LocalDate operator+(LocalDate d, std::chrono::days n) { return d += n; }
  friend constexpr LocalDate operator+(std::chrono::days n, LocalDate d) { return d += n; }
  friend constexpr LocalDate operator-(LocalDate d, std::chrono::days n) { return d -= n; }
  friend constexpr std::chrono::days operator-(LocalDate a, LocalDate b) {
    return a.days_ - b.days_;
  }
  friend constexpr auto operator<=>(const LocalDate&, const LocalDate&) = default;
  friend constexpr bool operator==(const LocalDate&, const LocalDate&) = default;

 private:
  std::chrono::sys_days days_{};
};

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
// Writes format_date(d) (test failures print dates this way).
std::ostream& operator<<(std::ostream& out, LocalDate d);
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
