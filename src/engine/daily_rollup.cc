#include "engine/daily_rollup.h"

#include <algorithm>

namespace fupan::engine {
namespace {

// Copies each row of `old` (prefix sums over the old span) into the new layout: days before the
// old span add nothing, days after it carry the row's total.
template <class T>
std::vector<T> relayout(const std::vector<T>& old, int old_users, int series, std::size_t old_width,
                        std::size_t new_width, std::size_t shift, int new_users, bool deltas) {
  std::vector<T> out(static_cast<std::size_t>(new_users) * series * new_width, 0);
  for (int r = 0; r < old_users * series; ++r) {
    const T* src = old.data() + r * old_width;
    T* dst = out.data() + r * new_width;
    std::copy(src, src + old_width, dst + shift);
    std::fill(dst + shift + old_width, dst + new_width, deltas ? T{0} : src[old_width - 1]);
  }
  return out;
}

}  // namespace

void DailyRollup::reset(int users, Day first, Day end) {
  users_ = users;
  first_ = first;
  end_ = std::max(end, first);
  width_ = static_cast<std::size_t>(end_ - first_) + 1;
  money_.assign(static_cast<std::size_t>(users_) * kMoneySeries * width_, 0);
  counts_.assign(static_cast<std::size_t>(users_) * kCountSeries * width_, 0);
}

void DailyRollup::grow(int users, Day first, Day end) {
  const std::size_t new_width = static_cast<std::size_t>(end - first) + 1;
  const auto shift = static_cast<std::size_t>(first_ - first);
  money_ = relayout(money_, users_, kMoneySeries, width_, new_width, shift, users, bulk_);
  counts_ = relayout(counts_, users_, kCountSeries, width_, new_width, shift, users, bulk_);
  users_ = users;
  first_ = first;
  end_ = end;
  width_ = new_width;
}

void DailyRollup::add(Slot user, Series s, Day d, std::int64_t v) {
  if (user >= users_ || d < first_ || d >= end_) {
    // Grow by a year at a time on the side that needs it, and by half again in users.
    const Day first = d < first_ ? d - 366 : first_;
    const Day end = d >= end_ ? d + 366 : end_;
    const int users = user >= users_ ? std::max(user + 1, users_ + users_ / 2 + 8) : users_;
    grow(users, first, end);
  }
  const auto from = static_cast<std::size_t>(d - first_) + 1;
  const int si = static_cast<int>(s);
  if (bulk_) {
    if (si < kMoneySeries) {
      money_[row(user, si, kMoneySeries) + from] += v;
    } else {
      counts_[row(user, si - kMoneySeries, kCountSeries) + from] += static_cast<std::int32_t>(v);
    }
    return;
  }
  if (si < kMoneySeries) {
    std::int64_t* p = money_.data() + row(user, si, kMoneySeries);
    for (std::size_t i = from; i < width_; ++i) p[i] += v;
  } else {
    std::int32_t* p = counts_.data() + row(user, si - kMoneySeries, kCountSeries);
    const auto n = static_cast<std::int32_t>(v);
    for (std::size_t i = from; i < width_; ++i) p[i] += n;
  }
}

void DailyRollup::end_bulk() {
  bulk_ = false;
  auto running = [this](auto& cells) {
    for (std::size_t r = 0; r + width_ <= cells.size(); r += width_) {
      for (std::size_t i = 1; i < width_; ++i) cells[r + i] += cells[r + i - 1];
    }
  };
  running(money_);
  running(counts_);
}

std::int64_t DailyRollup::sum(Slot user, Series s, Day from, Day to) const {
  if (user < 0 || user >= users_) return 0;
  from = std::clamp(from, first_, end_);
  to = std::clamp(to, first_, end_);
  if (to <= from) return 0;
  const auto a = static_cast<std::size_t>(from - first_), b = static_cast<std::size_t>(to - first_);
  const int si = static_cast<int>(s);
  if (si < kMoneySeries) {
    const std::int64_t* p = money_.data() + row(user, si, kMoneySeries);
    return p[b] - p[a];
  }
  const std::int32_t* p = counts_.data() + row(user, si - kMoneySeries, kCountSeries);
  return std::int64_t{p[b]} - p[a];
}

}  // namespace fupan::engine
