// Where notifications go out (SPEC §4): a DingTalk, WeCom or Feishu group robot, a generic JSON
// webhook, or email over SMTP; per org, or for one team's group. Its secret (a robot's signing
// key, a webhook's HMAC key, the SMTP password) is kept to sign and log in, never shown. Pure.
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "core/ids.h"
#include "core/time.h"

namespace fupan::notifications {

enum class ChannelKind { dingtalk, wecom, feishu, webhook, email };
std::string_view channel_kind_name(ChannelKind k);
std::optional<ChannelKind> parse_channel_kind(std::string_view text);
// Robots and webhooks get one message per event for a group; email one per person.
inline bool is_group(ChannelKind k) {
  return k != ChannelKind::email;
}

struct Channel {
  std::int64_t id = 0;
  ChannelKind kind = ChannelKind::webhook;
  std::string name;
  std::string url;             // http(s):// for robots and webhooks; smtp:// or smtps:// for email
  std::string secret;          // empty: unsigned (robots, webhooks) or no SMTP login
  std::string sender;          // email: the From address (and the SMTP user when there is a secret)
  std::optional<TeamId> team;  // none: the whole org
  bool active = true;
  std::int64_t version = 1;
  Instant created_at{}, updated_at{};
};

// Ok when the channel can be used: a name of 1–40 characters, a URL of its kind's scheme (at
// most 500 characters), a sender address for email, a secret of at most 200 characters.
Status check_channel(const Channel& c);

}  // namespace fupan::notifications
