// When a period's report reminders go out (SPEC §4): one before the deadline, to everyone who
// has not handed in, and one after it to whoever still has not. Each stage is due from its
// instant for a day (a server down at the time catches up when it starts, not a week later).
// Pure.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "core/time.h"

namespace fupan::reports {

enum class ReminderStage { before, after };
std::string_view reminder_stage_name(ReminderStage s);

inline constexpr std::chrono::minutes kRemindBefore{120}, kRemindAfter{60};

// The stage due at `now` for a deadline: before in [deadline − 2 h, deadline), after in
// [deadline + 1 h, deadline + 1 h + 1 day); none otherwise.
std::optional<ReminderStage> due_stage(Instant deadline, Instant now);

}  // namespace fupan::reports
