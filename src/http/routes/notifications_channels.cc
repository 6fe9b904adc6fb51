// /api/notification-channels: where reminders go out (admin); a channel's secret is written and
// never returned (has_secret says whether one is set); a test message; the delivery log. Thin
// handlers over service/notifications/channels.
#include "http/app.h"
#include "http/json_io.h"
#include "service/notifications/channels.h"

namespace fupan::http {
namespace {

void write_channel(JsonWriter& w, const notifications::Channel& c) {
  w.begin_object();
  w.field("id", c.id);
  w.field("kind", notifications::channel_kind_name(c.kind));
  w.field("name", c.name);
  w.field("url", c.url);
  w.field("sender", c.sender);
  w.field("has_secret", !c.secret.empty());
  w.key("team_id");
  c.team ? w.value(c.team->value) : w.null();
  w.field("active", c.active);
  w.field("version", c.version);
  w.field("created_at", format_rfc3339(c.created_at));
  w.field("updated_at", format_rfc3339(c.updated_at));
  w.end_object();
}

void write_delivery(JsonWriter& w, const store::Outgoing& o) {
  w.begin_object();
  w.field("id", o.id);
  w.field("channel_id", o.channel);
  w.field("key", o.key);
  w.field("event", o.message.event);
  w.field("subject", o.message.subject);
  w.field("text", o.message.text);
  w.field("recipient", o.message.recipient);
  w.field("status", o.status);
  w.field("attempts", o.attempts);
  w.field("last_error", o.last_error);
  w.field("created_at", format_rfc3339(o.created_at));
  w.field("next_attempt_at", format_rfc3339(o.next_attempt_at));
  w.key("sent_at");
  o.sent_at ? w.value(format_rfc3339(*o.sent_at)) : w.null();
  w.end_object();
}

Response channel_response(const notifications::Channel& c, int status) {
  JsonWriter w;
  write_channel(w, c);
  return json_text(std::move(w).str(), status);
}

}  // namespace

void add_notification_routes(App& app) {
  app.api("GET", "/api/notification-channels", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {}));
    FUPAN_ASSIGN_OR_RETURN(auto all, service::list_channels(app.ctx(), call.actor));
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& c : all) write_channel(w, c);
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {kind, name, url, secret?, sender?, team_id?, active?} → 201 the channel
  app.api("POST", "/api/notification-channels", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::ChannelInput in;
    in.kind = f.required_str("kind");
    in.name = f.required_str("name");
    in.url = f.required_str("url");
    in.secret = f.str("secret");
    in.sender = f.str("sender").value_or("");
    if (auto team = f.nullable_integer("team_id")) in.team_id = *team;
    in.active = f.boolean("active").value_or(true);
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto c, service::create_channel(app.ctx(), call.actor, in));
    return channel_response(c, 201);
  });

  // ?channel=: the newest 200 deliveries
  app.api("GET", "/api/notification-channels/deliveries", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"channel"}));
    FUPAN_ASSIGN_OR_RETURN(auto channel, query_id(call.req, "channel"));
    FUPAN_ASSIGN_OR_RETURN(auto log, service::list_deliveries(app.ctx(), call.actor, channel));
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& o : log) write_delivery(w, o);
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  app.api("GET", "/api/notification-channels/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {}));
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto c, service::get_channel(app.ctx(), call.actor, id));
    return channel_response(c, 200);
  });

  // {name?, url?, secret?, sender?, team_id?, active?, version}; secret "" removes it
  app.api("PATCH", "/api/notification-channels/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::ChannelChange in;
    in.name = f.str("name");
    in.url = f.str("url");
    in.secret = f.str("secret");
    in.sender = f.str("sender");
    in.team_id = f.nullable_integer("team_id");
    in.active = f.boolean("active");
    in.version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto c, service::change_channel(app.ctx(), call.actor, id, in));
    return channel_response(c, 200);
  });

  // {} → 202 the queued test message (sent by the next notification round)
  app.api("POST", "/api/notification-channels/{id}/test", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    FUPAN_TRY(Fields(body).finish());
    FUPAN_ASSIGN_OR_RETURN(auto o, service::test_channel(app.ctx(), call.actor, id));
    JsonWriter w;
    write_delivery(w, o);
    return json_text(std::move(w).str(), 202);
  });
}

}  // namespace fupan::http
