// Notification channels and the outbox of what goes out through them, which is also the delivery
// log (domain/notifications). A message is queued once per channel and key: queuing it again (a
// reminder run repeated after a restart) changes nothing.
#pragma once

#include <optional>
#include <vector>

#include "domain/notifications/outgoing.h"
#include "store/database.h"
#include "store/org_store.h"

namespace fupan::store {

std::int64_t insert_channel(Connection& c, OrgId org, const notifications::Channel& ch);
WriteOutcome update_channel(Connection& c, OrgId org, const notifications::Channel& ch,
                            std::int64_t expected);
std::optional<notifications::Channel> find_channel(Connection& c, OrgId org, std::int64_t id);
std::vector<notifications::Channel> list_channels(Connection& c, OrgId org);

struct Outgoing {
  std::int64_t id = 0;
  OrgId org;
  std::int64_t channel = 0;
  std::string key;
  notifications::Message message;
  std::string status;  // queued, sent, failed
  int attempts = 0;
  Instant next_attempt_at{}, created_at{};
  std::optional<Instant> sent_at;
  std::string last_error;
};

// Queues `m` on `channel` under `key`; returns false when that key was queued before.
bool enqueue_notification(Connection& c, OrgId org, std::int64_t channel, const std::string& key,
                          const notifications::Message& m, Instant now);
// The notifications of active channels due by `now` — queued, or claimed by a sender whose lease
// has run out (it stopped mid-send) — oldest first, at most `limit`.
std::vector<Outgoing> due_notifications(Connection& c, Instant now, std::size_t limit);
// Claims `n` (as read by due_notifications) for sending until `lease_until`; false when another
// sender (another process, a `fupan remind` beside the server) took it first.
bool claim_notification(Connection& c, const Outgoing& n, Instant lease_until);
// The outcome of a claimed notification's attempt: sent; or failed, queued again for `next`, or
// failed for good when `next` is empty.
void mark_notification_sent(Connection& c, std::int64_t id, int attempts, Instant at);
void mark_notification_failed(Connection& c, std::int64_t id, int attempts,
                              std::optional<Instant> next, const std::string& error);
// The newest notifications of `org` (of one channel when given), at most `limit`.
std::vector<Outgoing> list_notifications(Connection& c, OrgId org,
                                         std::optional<std::int64_t> channel, std::size_t limit);

}  // namespace fupan::store
