// Where a scope stands against a target on a day (SPEC §3, §5 target gap): attainment, the gap,
// the share of the target expected by now, the run-rate projection to the period's end and the
// daily pace needed to close the gap. Days are working days (the period's calendar days when it
// has none, e.g. a target for a Saturday). The expected share counts the days already over, so
// nobody is behind at nine on a Monday morning; the run-rate counts today too (its actual
// does), and today is still a day to close the gap in. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace fupan::goals {

struct ProgressInput {
  std::int64_t target = 0;    // the target's value
  std::int64_t actual = 0;    // the actual from the period's start through today
  int days = 0;               // in the whole period
  int over = 0;               // days of the period before today
  bool today_counts = false;  // today is one of the period's days
  bool started = true;        // false: the period begins after today
};

// not_started: the period is still ahead; done: the actual has reached the target; on_pace: at
// least the expected share so far; behind: less (an alert); missed: the period is over, short.
enum class PaceStatus { not_started, on_pace, behind, done, missed };
std::string_view pace_status_name(PaceStatus s);

struct Progress {
  double expected = 0;                       // target × elapsed / days
  std::optional<double> attainment;          // actual / target; null for a target of 0
  std::int64_t gap = 0;                      // target − actual, never below 0
  std::optional<double> run_rate;            // actual × days / elapsed; null before a day has run
  std::optional<std::int64_t> daily_needed;  // gap / days left, rounded up; null when none is left
  int remaining = 0;                         // days after today
  PaceStatus status = PaceStatus::on_pace;
};

Progress progress_of(const ProgressInput& in);

}  // namespace fupan::goals
