// The report reminders of an org at an instant (SPEC §4, docs/reports.md): for every kind someone
// writes and every period whose deadline is near, when a reminder stage is due at the deadline of
// a person's own template (domain/reports/reminder_schedule.h), everyone expected to report who
// has not handed in gets an in-app reminder and an email on the org's email channels, and each
// robot or webhook channel gets one message naming them (its team's people only, for a team's
// channel). Every message is queued under a key of period, stage, deadline and person: a run
// repeated, by a restarted server or by `fupan remind`, queues nothing twice.
#pragma once

#include "service/platform/context.h"

namespace fupan::service {

struct ReminderRun {
  int people = 0;  // reminded at this run (none when the stage was done before)
  int queued = 0;  // notifications queued on the channels
};

ReminderRun queue_report_reminders(const Context& ctx, OrgId org, Instant now);

}  // namespace fupan::service
