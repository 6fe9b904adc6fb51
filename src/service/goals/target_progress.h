// Where each target stands today (SPEC §3 daily check, §5 target gap): for a scope, and with
// `members` the scopes one level below it, every target whose period holds the day, with the
// actual to date from the analytics index and goals::progress_of's attainment, gap, run-rate,
// daily pace and whether it is behind (an alert).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/goals/progress.h"
#include "domain/goals/target.h"
#include "service/platform/context.h"

namespace fupan::service {

struct ProgressRequest {
  std::string scope;  // empty: the actor's own
  std::string date;   // empty: the actor's today
  bool members = false;
};

struct TargetProgress {
  goals::Target target;
  std::string scope_name;
  std::int64_t actual = 0;  // from the period's start through the day
  int days = 0, over = 0;   // in the period, and before the day
  bool day_counts = false;  // the day is one of the period's (a working day)
  goals::Progress progress;
};

struct ProgressReport {
  LocalDate date;
  std::vector<TargetProgress> items;  // the scope's first, then its members'; shortest period first
};

Result<ProgressReport> target_progress(const Context& ctx, const Actor& actor,
                                       const ProgressRequest& req);

// The days of `p`, those before `date`, and whether `date` is one: working days, or calendar
// days when `p` has no working day (a target for a Saturday).
struct ProgressDays {
  int days = 0, over = 0;
  bool today = false;
};
ProgressDays progress_days(const Period& p, LocalDate date, const std::vector<LocalDate>& holidays);

}  // namespace fupan::service
