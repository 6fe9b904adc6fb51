// Per-user daily totals of the additive series, kept as prefix sums over a span of days, so the
// total of any user over any day range is two reads. Adding one event rewrites the prefix after
// its day (a few hundred cells): cheap next to the write that caused it.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/facts.h"

namespace fupan::engine {

enum class Series : std::uint8_t {
  // money, int64 分
  orders_amount,
  payments_amount,
  // counts, int32
  orders_count,
  new_leads,
  new_buyers,
  visits,
  calls,
  emails,
  meetings,
  other_activities,
  satisfaction_sum,
  satisfaction_count,
  won,
  lost,
};
inline constexpr int kMoneySeries = 2;
inline constexpr int kCountSeries = 12;

class DailyRollup {
 public:
  // Starts over, all zero, for `users` users over [first, end).
  void reset(int users, Day first, Day end);
  // Adds `v` to `user`'s `s` on day `d`, growing the span or the users when needed.
  void add(Slot user, Series s, Day d, std::int64_t v);
  // Between these two, add() only records each day's change and end_bulk() sums them up once:
  // how the index is built from millions of rows.
  void begin_bulk() { bulk_ = true; }
  void end_bulk();
  // Returns the total of `user`'s `s` over [from, to) (clipped to the span).
  std::int64_t sum(Slot user, Series s, Day from, Day to) const;

  int users() const { return users_; }
  std::size_t bytes() const { return money_.capacity() * 8 + counts_.capacity() * 4; }
  template <class A>
  void io(A& a) {
    a(users_);
    a(first_);
    a(end_);
    a(width_);
    a(money_);
    a(counts_);
  }

 private:
  void grow(int users, Day first, Day end);
  std::size_t row(Slot user, int series, int nseries) const {
    return (static_cast<std::size_t>(user) * nseries + series) * width_;
  }

  bool bulk_ = false;
  int users_ = 0;
  Day first_ = 0, end_ = 0;
  std::size_t width_ = 1;             // end_ − first_ + 1 prefix cells per row
  std::vector<std::int64_t> money_;   // [user][money series][prefix]
  std::vector<std::int32_t> counts_;  // [user][count series][prefix]
};

}  // namespace fupan::engine
