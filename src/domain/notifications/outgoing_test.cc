#include "domain/notifications/outgoing.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/crypto.h"

namespace fupan::notifications {
namespace {

namespace json = boost::json;

std::string str(const json::value& v) {
  return std::string(v.as_string());
}

// 2025-12-07 10:00:00 UTC.
const Instant kNow = instant_from_ms(1765101600000);

Message reminder() {
  Message m;
  m.event = "report.reminder";
  m.subject = "周报提醒";
  m.text = "2025-W49 周报今天 18:00 截止：张平、刘静尚未提交";
  m.mobiles = {"13800000001", "13800000002"};
  m.data_json = R"({"period":"2025-W49"})";
  return m;
}

Channel channel(ChannelKind kind, std::string url, std::string secret = "") {
  Channel c;
  c.kind = kind;
  c.name = "群";
  c.url = std::move(url);
  c.secret = std::move(secret);
  c.sender = "fupan@example.com";
  return c;
}

TEST(Outgoing, DingTalkTextWithMentionsSignedInTheUrl) {
  const auto p =
      http_post_for(channel(ChannelKind::dingtalk,
                            "https://oapi.dingtalk.com/robot/send?access_token=T", "SECtest"),
                    reminder(), kNow);
  // sign = urlencode(base64(HMAC-SHA256("SECtest", "1765101600000\nSECtest"))), as DingTalk
  // documents it (computed independently).
  EXPECT_EQ(p.url,
            "https://oapi.dingtalk.com/robot/send?access_token=T&timestamp=1765101600000&sign="
            "FUiKhOKl1DueTXXqA%2BwwFfLAoudVbvWBZNPX%2FGauocs%3D");
  const auto body = json::parse(p.body).as_object();
  EXPECT_EQ(body.at("msgtype"), "text");
  EXPECT_EQ(str(body.at("text").at("content")), reminder().text);
  EXPECT_EQ(body.at("at").at("atMobiles").as_array().size(), 2u);
  EXPECT_EQ(body.at("at").at("atMobiles").at(0), "13800000001");
  EXPECT_EQ(body.at("at").at("isAtAll"), false);
}

TEST(Outgoing, WeComTextMentionsMobilesAndIsNotSigned) {
  const auto p = http_post_for(
      channel(ChannelKind::wecom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K", "x"),
      reminder(), kNow);
  EXPECT_EQ(p.url, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K");
  const auto body = json::parse(p.body).as_object();
  EXPECT_EQ(body.at("msgtype"), "text");
  EXPECT_EQ(str(body.at("text").at("content")), reminder().text);
  EXPECT_EQ(body.at("text").at("mentioned_mobile_list").at(1), "13800000002");
}

TEST(Outgoing, FeishuSignsTheTimestampInTheBody) {
  const auto p = http_post_for(
      channel(ChannelKind::feishu, "https://open.feishu.cn/open-apis/bot/v2/hook/H", "SECtest"),
      reminder(), kNow);
  const auto body = json::parse(p.body).as_object();
  EXPECT_EQ(body.at("timestamp"), "1765101600");
  // base64(HMAC-SHA256(key "1765101600\nSECtest", empty message)), as Feishu documents it.
  EXPECT_EQ(body.at("sign"), "C1LIS+Rq/cwo8nsmlwlwvjX8mjNKKlWA0FxPnCdWpcg=");
  EXPECT_EQ(body.at("msg_type"), "text");
  EXPECT_EQ(str(body.at("content").at("text")), reminder().text);
  // Unsigned without a secret.
  const auto plain =
      json::parse(http_post_for(channel(ChannelKind::feishu, "https://h"), reminder(), kNow).body);
  EXPECT_FALSE(plain.as_object().contains("sign"));
}

TEST(Outgoing, WebhookCarriesTheEventAndSignsTheBody) {
  const auto p = http_post_for(channel(ChannelKind::webhook, "http://127.0.0.1:9/hook", "SECtest"),
                               reminder(), kNow);
  const auto body = json::parse(p.body).as_object();
  EXPECT_EQ(body.at("event"), "report.reminder");
  EXPECT_EQ(body.at("data").at("period"), "2025-W49");
  ASSERT_EQ(p.headers.size(), 2u);
  EXPECT_EQ(p.headers[1].first, "X-Fupan-Signature");
  EXPECT_EQ(p.headers[1].second, "sha256=" + hex(hmac_sha256("SECtest", p.body)));
}

TEST(Outgoing, EmailIsUtf8WithAnEncodedSubject) {
  Message m = reminder();
  m.recipient = "zhang.ping@example.com";
  const std::string mail = email_for(channel(ChannelKind::email, "smtp://127.0.0.1:25"), m, kNow);
  EXPECT_NE(mail.find("Date: Sun, 07 Dec 2025 10:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(mail.find("From: Fupan <fupan@example.com>\r\n"), std::string::npos);
  EXPECT_NE(mail.find("To: <zhang.ping@example.com>\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Subject: =?UTF-8?B?" + base64("周报提醒") + "?=\r\n"), std::string::npos);
  EXPECT_NE(mail.find("\r\n\r\n" + base64(m.text).substr(0, 76) + "\r\n"), std::string::npos);
}

TEST(Outgoing, RetriesBackOffToAnHour) {
  EXPECT_EQ(retry_delay(1), std::chrono::seconds{30});
  EXPECT_EQ(retry_delay(2), std::chrono::seconds{60});
  EXPECT_EQ(retry_delay(5), std::chrono::seconds{480});
  EXPECT_EQ(retry_delay(20), std::chrono::seconds{3600});
}

TEST(Channel, UrlsFitTheirKind) {
  EXPECT_TRUE(check_channel(channel(ChannelKind::dingtalk, "https://x/robot")).ok());
  EXPECT_EQ(check_channel(channel(ChannelKind::dingtalk, "smtp://x")).error().field, "url");
  EXPECT_EQ(check_channel(channel(ChannelKind::email, "https://x")).error().field, "url");
  EXPECT_TRUE(check_channel(channel(ChannelKind::email, "smtp://127.0.0.1:2525")).ok());
  auto no_sender = channel(ChannelKind::email, "smtp://h");
  no_sender.sender = "";
  EXPECT_EQ(check_channel(no_sender).error().field, "sender");
  EXPECT_EQ(check_channel(channel(ChannelKind::webhook, "http://a b")).error().field, "url");
}

}  // namespace
}  // namespace fupan::notifications
