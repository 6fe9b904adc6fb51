// Sends the queued notifications that are due (store/notification_store.h): each claimed first
// (so two senders on one store never send it twice), sent through its channel, the outcome
// written to the delivery log at once; a failure is retried with backoff
// (domain/notifications/outgoing.h) and given up after kMaxAttempts. A sender that stops between
// claiming and writing the outcome leaves the claim to run out: the message is sent again then
// (at least once, never twice at the same time).
#pragma once

#include "core/time.h"
#include "store/database.h"

namespace fupan::jobs {

struct SendRound {
  int sent = 0, retried = 0, failed = 0;
};

// Sends everything due, in batches, until nothing is due; each message at `clock`'s time then (its
// signature's timestamp, its retry's start).
SendRound send_due_notifications(store::Database& db, const Clock& clock);

}  // namespace fupan::jobs
