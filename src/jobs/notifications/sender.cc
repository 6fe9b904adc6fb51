#include "jobs/notifications/sender.h"

#include <map>

#include "jobs/notifications/transport.h"
#include "store/notification_store.h"

namespace fupan::jobs {
namespace {

constexpr std::size_t kBatch = 200;
// How long a claim holds: longer than the two transports' 10-second timeouts.
constexpr std::chrono::minutes kLease{5};

std::string deliver(const notifications::Channel& ch, const notifications::Message& m,
                    Instant now) {
  if (ch.kind == notifications::ChannelKind::email) {
    if (m.recipient.empty()) return "no email address";
    return send_smtp(ch.url, ch.sender, m.recipient, notifications::email_for(ch, m, now),
                     ch.secret);
  }
  return post_http(notifications::http_post_for(ch, m, now),
                   ch.kind != notifications::ChannelKind::webhook);
}

}  // namespace

SendRound send_due_notifications(store::Database& db, const Clock& clock) {
  SendRound round;
  std::map<std::int64_t, std::optional<notifications::Channel>> channels;
  for (;;) {
    std::vector<store::Outgoing> due;
    {
      auto c = db.acquire();
      due = store::due_notifications(*c, clock.now(), kBatch);
      for (const auto& n : due) {
        if (!channels.contains(n.channel)) {
          channels[n.channel] = store::find_channel(*c, n.org, n.channel);
        }
      }
    }
    if (due.empty()) return round;
    for (const auto& n : due) {
      {
        auto c = db.acquire();
        store::Transaction tx(*c, true);
        const bool mine = store::claim_notification(*c, n, clock.now() + kLease);
        tx.commit();
        if (!mine) continue;
      }
      const auto& ch = channels[n.channel];
      const Instant now = clock.now();
      const std::string error = ch ? deliver(*ch, n.message, now) : "no such channel";
      const int attempts = n.attempts + 1;
      auto c = db.acquire();
      store::Transaction tx(*c, true);
      if (error.empty()) {
        store::mark_notification_sent(*c, n.id, attempts, now);
        ++round.sent;
      } else if (attempts < notifications::kMaxAttempts) {
        store::mark_notification_failed(*c, n.id, attempts,
                                        now + notifications::retry_delay(attempts), error);
        ++round.retried;
      } else {
        store::mark_notification_failed(*c, n.id, attempts, std::nullopt, error);
        ++round.failed;
      }
      tx.commit();
    }
    if (due.size() < kBatch) return round;
  }
}

}  // namespace fupan::jobs
