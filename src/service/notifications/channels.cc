#include "service/notifications/channels.h"

#include "core/json_writer.h"
#include "service/platform/write.h"

namespace fupan::service {
namespace {

using notifications::Channel;

// The audit's picture of a channel: never its secret, only whether it has one.
std::string audit_json_of(const Channel& c) {
  JsonWriter w;
  w.begin_object();
  w.field("kind", notifications::channel_kind_name(c.kind));
  w.field("name", c.name);
  w.field("url", c.url);
  w.field("sender", c.sender);
  w.field("has_secret", !c.secret.empty());
  w.key("team_id");
  c.team ? w.value(c.team->value) : w.null();
  w.field("active", c.active);
  w.field("version", c.version);
  w.end_object();
  return std::move(w).str();
}

Status check_team(const Actor& actor, const std::optional<std::int64_t>& team) {
  if (team && !actor.snapshot->team(TeamId{*team})) {
    return Error::invalid("team_id", detail::no_such_team);
  }
  return {};
}

}  // namespace

Result<std::vector<Channel>> list_channels(const Context& ctx, const Actor& actor) {
  if (!actor.scope().is_admin) return Error::forbidden();
  return store::list_channels(*ctx.db.acquire(), actor.org);
}

Result<Channel> get_channel(const Context& ctx, const Actor& actor, std::int64_t id) {
  if (!actor.scope().is_admin) return Error::forbidden();
  auto c = store::find_channel(*ctx.db.acquire(), actor.org, id);
  if (!c) return Error::not_found();
  return std::move(*c);
}

Result<Channel> create_channel(const Context& ctx, const Actor& actor, const ChannelInput& in) {
  if (!actor.scope().is_admin) return Error::forbidden();
  auto kind = notifications::parse_channel_kind(in.kind);
  if (!kind) return Error::invalid("kind", detail::channel_kind);
  FUPAN_TRY(check_team(actor, in.team_id));
  Channel ch;
  ch.kind = *kind;
  ch.name = in.name;
  ch.url = in.url;
  ch.sender = in.sender;
  ch.secret = in.secret.value_or("");
  if (in.team_id) ch.team = TeamId{*in.team_id};
  ch.active = in.active;
  FUPAN_TRY(notifications::check_channel(ch));
  ch.created_at = ch.updated_at = ctx.clock.now();
  return write_facts<Channel>(ctx, "", [&](store::Connection& c) -> Result<Channel> {
    ch.id = store::insert_channel(c, actor.org, ch);
    audit_json(c, actor, "create", "notification_channel", ch.id, std::nullopt, audit_json_of(ch),
               ch.created_at);
    return ch;
  });
}

Result<Channel> change_channel(const Context& ctx, const Actor& actor, std::int64_t id,
                               const ChannelChange& in) {
  if (!actor.scope().is_admin) return Error::forbidden();
  if (in.team_id) FUPAN_TRY(check_team(actor, *in.team_id));
  const Instant now = ctx.clock.now();
  return write_facts<Channel>(ctx, "", [&](store::Connection& c) -> Result<Channel> {
    auto before = store::find_channel(c, actor.org, id);
    if (!before) return Error::not_found();
    if (before->version != in.version) return Error::conflict(before->version);
    Channel after = *before;
    if (in.name) after.name = *in.name;
    if (in.url) after.url = *in.url;
    if (in.sender) after.sender = *in.sender;
    if (in.secret) after.secret = *in.secret;
    if (in.team_id)
      after.team = *in.team_id ? std::optional<TeamId>(TeamId{**in.team_id}) : std::nullopt;
    if (in.active) after.active = *in.active;
    // A secret goes only where it was given for: sent to another address, it must be given again
    // (else an admin could point the channel at a server of theirs and read it at login).
    if (!in.secret && !before->secret.empty() &&
        (after.url != before->url || after.sender != before->sender)) {
      return Error::missing("secret");
    }
    FUPAN_TRY(notifications::check_channel(after));
    after.version = before->version + 1;
    after.updated_at = now;
    FUPAN_TRY(outcome_status(store::update_channel(c, actor.org, after, in.version)));
    audit_json(c, actor, "update", "notification_channel", id, audit_json_of(*before),
               audit_json_of(after), now);
    return after;
  });
}

Result<store::Outgoing> test_channel(const Context& ctx, const Actor& actor, std::int64_t id) {
  if (!actor.scope().is_admin) return Error::forbidden();
  const Instant now = ctx.clock.now();
  return write_facts<store::Outgoing>(
      ctx, "", [&](store::Connection& c) -> Result<store::Outgoing> {
        auto ch = store::find_channel(c, actor.org, id);
        if (!ch) return Error::not_found();
        notifications::Message m;
        m.event = "test";
        m.subject = "复盘 Fupan 测试消息";
        m.text = "【复盘】这是一条测试消息：渠道“" + ch->name + "”已能收到通知。";
        m.recipient = actor.user().email;
        const std::string key = "test:" + std::to_string(to_ms(now));
        store::enqueue_notification(c, actor.org, id, key, m, now);
        audit_json(c, actor, "test", "notification_channel", id, std::nullopt, std::nullopt, now);
        auto log = store::list_notifications(c, actor.org, id, 1);
        if (log.empty()) return Error::not_found();
        return log.front();
      });
}

Result<std::vector<store::Outgoing>> list_deliveries(const Context& ctx, const Actor& actor,
                                                     std::optional<std::int64_t> channel) {
  if (!actor.scope().is_admin) return Error::forbidden();
  return store::list_notifications(*ctx.db.acquire(), actor.org, channel, 200);
}

}  // namespace fupan::service
