#include "store/notification_store.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/json_writer.h"

namespace fupan::store {
namespace {

using notifications::Channel;
using notifications::Message;

constexpr const char* kChannelColumns =
    "SELECT id, kind, name, url, secret, sender, team_id, active, version, created_at, "
    "updated_at FROM notification_channels ";

Channel channel_from(const Rows& r, std::size_t i) {
  Channel ch;
  ch.id = r.i64(i, 0);
  ch.kind =
      notifications::parse_channel_kind(r.str(i, 1)).value_or(notifications::ChannelKind::webhook);
  ch.name = r.str(i, 2);
  ch.url = r.str(i, 3);
  ch.secret = r.str(i, 4);
  ch.sender = r.str(i, 5);
  if (auto t = r.opt_i64(i, 6)) ch.team = TeamId{*t};
  ch.active = r.i64(i, 7) != 0;
  ch.version = r.i64(i, 8);
  ch.created_at = instant_from_ms(r.i64(i, 9));
  ch.updated_at = instant_from_ms(r.i64(i, 10));
  return ch;
}

// A message as the outbox keeps it: {event, subject, text, mobiles, recipient, data}.
std::string message_json(const Message& m) {
  JsonWriter w;
  w.begin_object();
  w.field("event", m.event);
  w.field("subject", m.subject);
  w.field("text", m.text);
  w.key("mobiles").begin_array();
  for (const auto& mobile : m.mobiles) w.value(mobile);
  w.end_array();
  w.field("recipient", m.recipient);
  w.key("data").raw(m.data_json.empty() ? "{}" : m.data_json);
  w.end_object();
  return std::move(w).str();
}

Message message_from(std::string_view text) {
  Message m;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return m;
  const auto& o = v.as_object();
  auto str = [&](const char* key) -> std::string {
    const auto* f = o.if_contains(key);
    return f && f->is_string() ? std::string(f->as_string()) : std::string();
  };
  m.event = str("event");
  m.subject = str("subject");
  m.text = str("text");
  m.recipient = str("recipient");
  if (const auto* mobiles = o.if_contains("mobiles"); mobiles && mobiles->is_array()) {
    for (const auto& x : mobiles->as_array()) {
      if (x.is_string()) m.mobiles.emplace_back(x.as_string());
    }
  }
  if (const auto* data = o.if_contains("data")) m.data_json = boost::json::serialize(*data);
  return m;
}

constexpr const char* kOutgoingColumns =
    "SELECT n.id, n.org_id, n.channel_id, n.dedupe_key, n.body, n.status, n.attempts, "
    "n.next_attempt_at, n.created_at, n.sent_at, n.last_error FROM notifications n ";

Outgoing outgoing_from(const Rows& r, std::size_t i) {
  Outgoing o;
  o.id = r.i64(i, 0);
  o.org = OrgId{r.i64(i, 1)};
  o.channel = r.i64(i, 2);
  o.key = r.str(i, 3);
  o.message = message_from(r.str(i, 4));
  o.status = r.str(i, 5);
  o.attempts = static_cast<int>(r.i64(i, 6));
  o.next_attempt_at = instant_from_ms(r.i64(i, 7));
  o.created_at = instant_from_ms(r.i64(i, 8));
  if (auto at = r.opt_i64(i, 9)) o.sent_at = instant_from_ms(*at);
  o.last_error = r.str(i, 10);
  return o;
}

}  // namespace

std::int64_t insert_channel(Connection& c, OrgId org, const Channel& ch) {
  auto r = c.query(
      "INSERT INTO notification_channels (org_id, kind, name, url, secret, sender, team_id, "
      "active, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {org.value, std::string(notifications::channel_kind_name(ch.kind)), ch.name, ch.url,
       ch.secret, ch.sender, ch.team ? Value{ch.team->value} : null_value, std::int64_t{ch.active},
       ch.version, to_ms(ch.created_at), to_ms(ch.updated_at)});
  return r.i64(0, 0);
}

WriteOutcome update_channel(Connection& c, OrgId org, const Channel& ch, std::int64_t expected) {
  auto n = c.exec(
      "UPDATE notification_channels SET name = ?, url = ?, secret = ?, sender = ?, team_id = ?, "
      "active = ?, version = ?, updated_at = ? WHERE org_id = ? AND id = ? AND version = ?",
      {ch.name, ch.url, ch.secret, ch.sender, ch.team ? Value{ch.team->value} : null_value,
       std::int64_t{ch.active}, ch.version, to_ms(ch.updated_at), org.value, ch.id, expected});
  return version_outcome(c, n, "notification_channels", ch.id);
}

std::optional<Channel> find_channel(Connection& c, OrgId org, std::int64_t id) {
  auto rows =
      c.query(std::string(kChannelColumns) + "WHERE org_id = ? AND id = ?", {org.value, id});
  if (rows.empty()) return std::nullopt;
  return channel_from(rows, 0);
}

std::vector<Channel> list_channels(Connection& c, OrgId org) {
  auto rows = c.query(std::string(kChannelColumns) + "WHERE org_id = ? ORDER BY id", {org.value});
  std::vector<Channel> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(channel_from(rows, i));
  return out;
}

bool enqueue_notification(Connection& c, OrgId org, std::int64_t channel, const std::string& key,
                          const Message& m, Instant now) {
  return c.exec(
             "INSERT INTO notifications (org_id, channel_id, dedupe_key, recipient, subject, "
             "body, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, "
             "'queued', 0, ?, ?) ON CONFLICT (org_id, channel_id, dedupe_key) DO NOTHING",
             {org.value, channel, key, m.recipient, m.subject, message_json(m), to_ms(now),
              to_ms(now)}) > 0;
}

std::vector<Outgoing> due_notifications(Connection& c, Instant now, std::size_t limit) {
  auto rows = c.query(std::string(kOutgoingColumns) +
                          "JOIN notification_channels ch ON ch.id = n.channel_id WHERE "
                          "n.status IN ('queued', 'sending') AND n.next_attempt_at <= ? AND "
                          "ch.active = 1 "
                          "ORDER BY n.next_attempt_at, n.id LIMIT ?",
                      {to_ms(now), static_cast<std::int64_t>(limit)});
  std::vector<Outgoing> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(outgoing_from(rows, i));
  return out;
}

bool claim_notification(Connection& c, const Outgoing& n, Instant lease_until) {
  return c.exec(
             "UPDATE notifications SET status = 'sending', next_attempt_at = ? WHERE id = ? AND "
             "status = ? AND attempts = ? AND next_attempt_at = ?",
             {to_ms(lease_until), n.id, n.status, std::int64_t{n.attempts},
              to_ms(n.next_attempt_at)}) == 1;
}

void mark_notification_sent(Connection& c, std::int64_t id, int attempts, Instant at) {
  c.exec(
      "UPDATE notifications SET status = 'sent', attempts = ?, sent_at = ?, last_error = '' "
      "WHERE id = ? AND status = 'sending'",
      {std::int64_t{attempts}, to_ms(at), id});
}

void mark_notification_failed(Connection& c, std::int64_t id, int attempts,
                              std::optional<Instant> next, const std::string& error) {
  c.exec(
      "UPDATE notifications SET status = ?, attempts = ?, next_attempt_at = COALESCE(?, "
      "next_attempt_at), last_error = ? WHERE id = ? AND status = 'sending'",
      {std::string(next ? "queued" : "failed"), std::int64_t{attempts},
       next ? Value{to_ms(*next)} : null_value, error.substr(0, 500), id});
}

std::vector<Outgoing> list_notifications(Connection& c, OrgId org,
                                         std::optional<std::int64_t> channel, std::size_t limit) {
  std::string sql = std::string(kOutgoingColumns) + "WHERE n.org_id = ?";
  std::vector<Value> params{org.value};
  if (channel) {
    sql += " AND n.channel_id = ?";
    params.emplace_back(*channel);
  }
  sql += " ORDER BY n.id DESC LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows = c.query(sql, params);
  std::vector<Outgoing> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(outgoing_from(rows, i));
  return out;
}

}  // namespace fupan::store
