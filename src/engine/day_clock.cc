#include "engine/day_clock.h"

namespace fupan::engine {

DayClock::DayClock(std::string_view tz) : zone_(zone_of(tz)) {}

Day DayClock::day_of(std::int64_t ms) {
  if (ms < begin_ms_ || ms >= end_ms_) {
    const auto info = zone_->get_info(instant_from_ms(ms));
    // The zone's first and last spans reach to the ends of time: clamp before scaling to ms.
    auto to_ms = [](std::int64_t s) {
      constexpr std::int64_t kLimit = INT64_MAX / 1000;
      return s >= kLimit ? INT64_MAX : s <= -kLimit ? INT64_MIN : s * 1000;
    };
    begin_ms_ = to_ms(info.begin.time_since_epoch().count());
    end_ms_ = to_ms(info.end.time_since_epoch().count());
    offset_ms_ = info.offset.count() * 1000;
  }
  const std::int64_t local = ms + offset_ms_;
  return static_cast<Day>(local >= 0 ? local / 86'400'000 : (local - 86'399'999) / 86'400'000);
}

Day parse_day(std::string_view text) {
  auto d = parse_date(text);
  return d ? DayClock::day_number(*d) : kNoDay;
}

}  // namespace fupan::engine
