// Sending a notification over the wire with libcurl: an HTTP POST to a robot or webhook, or a
// mail to an SMTP server. Each returns an empty string on success, else what went wrong (kept in
// the delivery log).
#pragma once

#include <string>

#include "domain/notifications/outgoing.h"

namespace fupan::jobs {

// POSTs `p`; success is a 2xx answer, and for a robot (`robot`) one whose JSON has no non-zero
// "errcode" or "code" (DingTalk, WeCom and Feishu answer 200 with an error code).
std::string post_http(const notifications::HttpPost& p, bool robot);
// Sends `message` (RFC 5322) from `from` to `to` through the SMTP server at `url`, logging in as
// `from` with `password` when there is one, and then only over TLS (STARTTLS or smtps://): a
// password never goes out in the clear.
std::string send_smtp(const std::string& url, const std::string& from, const std::string& to,
                      const std::string& message, const std::string& password);

}  // namespace fupan::jobs
