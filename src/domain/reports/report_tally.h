// Who reported for a period, as a manager reads it (SPEC §4): each person expected to report is
// on time, late, reviewed, returned, a draft, pending (nothing submitted, the deadline not yet
// passed) or missing; and the on-time rate of a week or a person over weeks. Pure.
#pragma once

#include <optional>
#include <string_view>

#include "domain/reports/report.h"

namespace fupan::reports {

enum class MemberState { on_time, late, reviewed, returned, draft, pending, missing };
std::string_view member_state_name(MemberState s);

// The state of a person expected to report: from their report (none: not written), whether its
// first submission was late, and whether the deadline has passed.
MemberState member_state(std::optional<ReportStatus> status, std::optional<bool> late,
                         bool deadline_passed);

// Counts over expected reports (one per person and period).
struct Tally {
  int expected = 0, on_time = 0, late = 0, missing = 0, pending = 0;
  // Adds one expected report: `late` of its first submission (none: never submitted).
  void add(std::optional<bool> late, bool deadline_passed);
  // on time ÷ the reports already due (expected − pending); null when none is due yet. A week
  // before its deadline is thus compared to date: only those who handed in so far count.
  std::optional<double> on_time_rate() const;
};

}  // namespace fupan::reports
