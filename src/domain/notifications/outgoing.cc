#include "domain/notifications/outgoing.h"

#include <algorithm>
#include <cstdio>

#include "core/crypto.h"
#include "core/json_writer.h"

namespace fupan::notifications {
namespace {

std::string url_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::int64_t seconds(Instant t) {
  return to_ms(t) / 1000;
}

// Lines of at most 76 characters of base64 (RFC 2045).
std::string wrapped(const std::string& b64) {
  std::string out;
  for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}

// "Mon, 07 Dec 2026 10:00:00 +0000": the date of RFC 5322, in UTC.
std::string rfc5322_date(Instant now) {
  const auto secs = std::chrono::floor<std::chrono::seconds>(now);
  const auto days = std::chrono::floor<std::chrono::days>(secs);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss hms{secs - days};
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %d %02d:%02d:%02d +0000",
                kDays[std::chrono::weekday{days}.c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace

HttpPost http_post_for(const Channel& c, const Message& m, Instant now) {
  HttpPost p;
  p.url = c.url;
  p.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  JsonWriter w;
  w.begin_object();
  switch (c.kind) {
    case ChannelKind::dingtalk: {
      w.field("msgtype", "text");
      w.key("text").begin_object();
      w.field("content", m.text);
      w.end_object();
      w.key("at").begin_object();
      w.key("atMobiles").begin_array();
      for (const auto& mobile : m.mobiles) w.value(mobile);
      w.end_array();
      w.field("isAtAll", false);
      w.end_object();
      if (!c.secret.empty()) {
        const std::string ts = std::to_string(to_ms(now));
        const std::string sign = base64(hmac_sha256(c.secret, ts + "\n" + c.secret));
        p.url += (p.url.find('?') == std::string::npos ? "?" : "&");
        p.url += "timestamp=" + ts + "&sign=" + url_encode(sign);
      }
      break;
    }
    case ChannelKind::wecom:
      w.field("msgtype", "text");
      w.key("text").begin_object();
      w.field("content", m.text);
      w.key("mentioned_mobile_list").begin_array();
      for (const auto& mobile : m.mobiles) w.value(mobile);
      w.end_array();
      w.end_object();
      break;
    case ChannelKind::feishu: {
      if (!c.secret.empty()) {
        const std::string ts = std::to_string(seconds(now));
        w.field("timestamp", ts);
        w.field("sign", base64(hmac_sha256(ts + "\n" + c.secret, "")));
      }
      w.field("msg_type", "text");
      w.key("content").begin_object();
      w.field("text", m.text);
      w.end_object();
      break;
    }
    case ChannelKind::webhook:
    case ChannelKind::email:
      w.field("event", m.event);
      w.field("subject", m.subject);
      w.field("text", m.text);
      w.key("mentions").begin_array();
      for (const auto& mobile : m.mobiles) w.value(mobile);
      w.end_array();
      w.key("data").raw(m.data_json);
      w.field("sent_at", format_rfc3339(now));
      break;
  }
  w.end_object();
  p.body = std::move(w).str();
  if (c.kind == ChannelKind::webhook && !c.secret.empty()) {
    p.headers.emplace_back("X-Fupan-Signature", "sha256=" + hex(hmac_sha256(c.secret, p.body)));
  }
  return p;
}

std::string email_for(const Channel& c, const Message& m, Instant now) {
  std::string out = "Date: " + rfc5322_date(now) + "\r\n";
  out += "From: Fupan <" + c.sender + ">\r\n";
  out += "To: <" + m.recipient + ">\r\n";
  out += "Subject: =?UTF-8?B?" + base64(m.subject) + "?=\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  out += wrapped(base64(m.text));
  return out;
}

std::chrono::seconds retry_delay(int attempt) {
  const int shift = std::clamp(attempt - 1, 0, 7);
  return std::min(std::chrono::seconds{30 << shift}, std::chrono::seconds{3600});
}

}  // namespace fupan::notifications
