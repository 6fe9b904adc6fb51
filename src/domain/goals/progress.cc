#include "domain/goals/progress.h"

#include <algorithm>

namespace fupan::goals {

std::string_view pace_status_name(PaceStatus s) {
  switch (s) {
    case PaceStatus::not_started:
      return "not_started";
    case PaceStatus::on_pace:
      return "on_pace";
    case PaceStatus::behind:
      return "behind";
    case PaceStatus::done:
      return "done";
    case PaceStatus::missed:
      return "missed";
  }
  return "";
}

Progress progress_of(const ProgressInput& in) {
  Progress p;
  const int days = std::max(in.days, 0);
  const int over = in.started ? std::clamp(in.over, 0, days) : 0;
  const int begun = std::min(days, over + (in.today_counts ? 1 : 0));
  p.remaining = days - over;
  p.gap = std::max<std::int64_t>(0, in.target - in.actual);
  if (in.target != 0)
    p.attainment = static_cast<double>(in.actual) / static_cast<double>(in.target);
  if (days > 0) {
    p.expected = static_cast<double>(in.target) * over / days;
    if (begun > 0) p.run_rate = static_cast<double>(in.actual) * days / begun;
  }
  if (p.remaining > 0) p.daily_needed = (p.gap + p.remaining - 1) / p.remaining;
  if (!in.started) {
    p.status = PaceStatus::not_started;
  } else if (in.actual >= in.target) {
    p.status = PaceStatus::done;
  } else if (p.remaining == 0) {
    p.status = PaceStatus::missed;
  } else {
    p.status =
        static_cast<double>(in.actual) < p.expected ? PaceStatus::behind : PaceStatus::on_pace;
  }
  return p;
}

}  // namespace fupan::goals
