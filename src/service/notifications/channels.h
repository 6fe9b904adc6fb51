// Notification channels (admin): a DingTalk, WeCom or Feishu robot, a webhook or an SMTP server
// per org or team; their secrets are written, never read back (has_secret says whether one is
// set); a test message; the delivery log.
#pragma once

#include <optional>
#include <vector>

#include "domain/notifications/channel.h"
#include "service/platform/context.h"
#include "store/notification_store.h"

namespace fupan::service {

struct ChannelInput {
  std::string kind, name, url, sender;
  std::optional<std::string> secret;
  std::optional<std::int64_t> team_id;
  bool active = true;
};

struct ChannelChange {
  std::optional<std::string> name, url, sender, secret;  // secret "": remove it
  std::optional<std::optional<std::int64_t>> team_id;
  std::optional<bool> active;
  std::int64_t version = 0;
};

Result<std::vector<notifications::Channel>> list_channels(const Context& ctx, const Actor& actor);
Result<notifications::Channel> get_channel(const Context& ctx, const Actor& actor, std::int64_t id);
Result<notifications::Channel> create_channel(const Context& ctx, const Actor& actor,
                                              const ChannelInput& in);
Result<notifications::Channel> change_channel(const Context& ctx, const Actor& actor,
                                              std::int64_t id, const ChannelChange& in);
// Queues a test message on the channel (sent by the next round of the sender); the outbox row.
Result<store::Outgoing> test_channel(const Context& ctx, const Actor& actor, std::int64_t id);
// The newest deliveries of the org, or of one channel: at most 200.
Result<std::vector<store::Outgoing>> list_deliveries(const Context& ctx, const Actor& actor,
                                                     std::optional<std::int64_t> channel);

}  // namespace fupan::service
