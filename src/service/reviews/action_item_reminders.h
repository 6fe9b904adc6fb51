// Overdue action items remind their owners, as weekly reports do (SPEC §5 PDCA, docs/reviews.md):
// the day after an item's due date, while it is open, its owner gets an in-app reminder from the
// review's owner and an email on the org's email channels, and each robot or webhook channel
// (its team's, or the org's) gets one message naming the items newly overdue. Each item is
// reminded once: a repeated round, a restarted server or `fupan remind` queue nothing twice.
#pragma once

#include "service/platform/context.h"

namespace fupan::service {

struct ActionItemReminderRun {
  int people = 0;  // in-app reminders added
  int queued = 0;  // notifications queued
};

ActionItemReminderRun queue_action_item_reminders(const Context& ctx, OrgId org, Instant now);

}  // namespace fupan::service
