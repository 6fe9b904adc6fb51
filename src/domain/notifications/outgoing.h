// A notification as each channel takes it (SPEC §4), built to the services' documented formats:
//   DingTalk robot: {"msgtype":"text","text":{"content"},"at":{"atMobiles","isAtAll"}}, signed
//     by &timestamp=<ms>&sign=<urlencoded base64 HMAC-SHA256(secret, "<ms>\n<secret>")>;
//   WeCom robot: {"msgtype":"text","text":{"content","mentioned_mobile_list"}} (its key is in
//     the URL; WeCom does not sign);
//   Feishu robot: {"timestamp":"<s>","sign":"<base64 HMAC-SHA256(key "<s>\n<secret>", "")>",
//     "msg_type":"text","content":{"text"}};
//   generic webhook: {"event","subject","text","mentions","data"} with the header
//     X-Fupan-Signature: sha256=<hex HMAC-SHA256(secret, body)> when it has a secret;
//   email: an RFC 5322 message in UTF-8 (base64 body, RFC 2047 subject). Pure.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/notifications/channel.h"

namespace fupan::notifications {

struct Message {
  std::string event;                 // "report.reminder"
  std::string subject;               // a line
  std::string text;                  // the body, plain text
  std::vector<std::string> mobiles;  // people to @ in a group (robots that take mobiles)
  std::string recipient;             // email: the To address
  std::string data_json = "{}";      // the event's facts, for webhooks
};

struct HttpPost {
  std::string url;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The request a robot or webhook channel sends for `m` at `now` (its signature's time).
HttpPost http_post_for(const Channel& c, const Message& m, Instant now);
// The email `c` sends for `m` at `now` (its Date header).
std::string email_for(const Channel& c, const Message& m, Instant now);

// How long to wait before attempt `attempt` + 1 after `attempt` failed: 30 s, doubling, at most
// an hour. After kMaxAttempts a notification is given up as failed.
std::chrono::seconds retry_delay(int attempt);
inline constexpr int kMaxAttempts = 6;

}  // namespace fupan::notifications
