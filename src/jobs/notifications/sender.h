// Sends the queued notifications that are due (store/notification_store.h): each through its
// channel, the outcome written to the delivery log at once; a failure is retried with backoff
// (domain/notifications/outgoing.h) and given up after kMaxAttempts.
#pragma once

#include "core/time.h"
#include "store/database.h"

namespace fupan::jobs {

struct SendRound {
  int sent = 0, retried = 0, failed = 0;
};

// Sends everything due at `now`, in batches, until nothing is due.
SendRound send_due_notifications(store::Database& db, Instant now);

}  // namespace fupan::jobs
