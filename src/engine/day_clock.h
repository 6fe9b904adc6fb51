// Instants (ms) to local day numbers in one time zone, fast: the zone's current offset and the
// span it holds are cached, so rows loaded in time order look the zone up once per transition.
#pragma once

#include <date/tz.h>

#include <cstdint>
#include <string_view>

#include "core/time.h"
#include "engine/facts.h"

namespace fupan::engine {

class DayClock {
 public:
  explicit DayClock(std::string_view tz);
  // The local day of the instant `ms`.
  Day day_of(std::int64_t ms);
  static Day day_number(LocalDate d) {
    return static_cast<Day>(d.days().time_since_epoch().count());
  }
  static LocalDate date_of(Day d) {
    return LocalDate::from_days(std::chrono::sys_days{std::chrono::days{d}});
  }

 private:
  const date::time_zone* zone_;
  std::int64_t begin_ms_ = 1, end_ms_ = 0, offset_ms_ = 0;  // empty span: nothing cached yet
};

// Parses "YYYY-MM-DD" to a day number; kNoDay when empty or not a date.
Day parse_day(std::string_view text);

}  // namespace fupan::engine
