#include "domain/notifications/channel.h"

#include "domain/org_validation.h"

namespace fupan::notifications {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string_view channel_kind_name(ChannelKind k) {
  switch (k) {
    case ChannelKind::dingtalk:
      return "dingtalk";
    case ChannelKind::wecom:
      return "wecom";
    case ChannelKind::feishu:
      return "feishu";
    case ChannelKind::webhook:
      return "webhook";
    case ChannelKind::email:
      return "email";
  }
  return "webhook";
}

std::optional<ChannelKind> parse_channel_kind(std::string_view text) {
  for (auto k : {ChannelKind::dingtalk, ChannelKind::wecom, ChannelKind::feishu,
                 ChannelKind::webhook, ChannelKind::email}) {
    if (channel_kind_name(k) == text) return k;
  }
  return std::nullopt;
}

Status check_channel(const Channel& c) {
  const std::size_t n = utf8_length(c.name);
  if (c.name.empty()) return Error::missing("name");
  if (n == std::string::npos || n > 40) return Error::invalid("name", detail::at_most_chars(40));
  if (c.url.empty()) return Error::missing("url");
  if (c.url.size() > 500) return Error::invalid("url", detail::at_most_chars(500));
  const bool http = starts_with(c.url, "http://") || starts_with(c.url, "https://");
  const bool smtp = starts_with(c.url, "smtp://") || starts_with(c.url, "smtps://");
  if (c.kind == ChannelKind::email ? !smtp : !http) {
    return Error::invalid("url", detail::channel_url);
  }
  for (char ch : c.url) {
    if (static_cast<unsigned char>(ch) <= ' ') return Error::invalid("url", detail::channel_url);
  }
  if (c.secret.size() > 200) return Error::invalid("secret", detail::at_most_chars(200));
  if (c.kind == ChannelKind::email) {
    if (c.sender.empty()) return Error::missing("sender");
    if (!validate_email(c.sender).ok()) return Error::invalid("sender", detail::email);
  }
  return {};
}

}  // namespace fupan::notifications
