// When a period's report reminders go out (SPEC §4): one before the deadline, to everyone who
// has not handed in, and one after it to whoever still has not. Each stage is due from its
// instant for a day (a server down at the time catches up when it starts, not a week later).
// Pure.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "domain/reports/report_period.h"

namespace fupan::reports {

enum class ReminderStage { before, after };
std::string_view reminder_stage_name(ReminderStage s);

inline constexpr std::chrono::minutes kRemindBefore{120}, kRemindAfter{60};

// The stage due at `now` for a deadline: before in [deadline − 2 h, deadline), after in
// [deadline + 1 h, deadline + 1 h + 1 day); none otherwise.
std::optional<ReminderStage> due_stage(Instant deadline, Instant now);

// The periods of `kind` a reminder round on local day `today` looks at: those whose deadline,
// under any of `deadlines`, falls on a day a stage can be due (from two days before `today`,
// the after stage's day, to the day after, the before stage's two hours). Oldest first.
std::vector<Period> periods_to_remind(ReportKind kind, const std::vector<Deadline>& deadlines,
                                      LocalDate today);

}  // namespace fupan::reports
