#include "http/json_io.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace fupan::http {
namespace {

Request json_request(std::string body) {
  Request r;
  r.headers["content-type"] = "application/json";
  r.body = std::move(body);
  return r;
}

TEST(JsonIo, RejectsNonObjectsAndOtherContentTypes) {
  EXPECT_EQ(parse_object(json_request("[1]")).error().code, ErrorCode::invalid_json);
  EXPECT_EQ(parse_object(json_request("{bad")).error().code, ErrorCode::invalid_json);
  Request text = json_request("{}");
  text.headers["content-type"] = "text/plain";
  EXPECT_EQ(parse_object(text).error().code, ErrorCode::unsupported_media_type);
}

TEST(JsonIo, FieldsReportTypeErrorsMissingAndUnknownFields) {
  auto obj = boost::json::parse(R"({"name":"x","age":"7","extra":1})").as_object();
  Fields f(obj);
  EXPECT_EQ(*f.str("name"), "x");
  EXPECT_FALSE(f.integer("age"));
  auto s = f.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::invalid_field);
  EXPECT_EQ(s.error().field, "age");

  auto obj2 = boost::json::parse(R"({"name":"x","extra":1})").as_object();
  Fields g(obj2);
  g.str("name");
  EXPECT_EQ(g.finish().error().code, ErrorCode::unknown_field);
  EXPECT_EQ(g.finish().error().field, "extra");

  auto obj3 = boost::json::parse(R"({"parent_id":null})").as_object();
  Fields h(obj3);
  auto parent = h.nullable_integer("parent_id");
  ASSERT_TRUE(parent.has_value());
  EXPECT_FALSE(parent->has_value());
  h.required_integer("version");
  EXPECT_EQ(h.finish().error().code, ErrorCode::missing_field);
}

TEST(JsonIo, ErrorResponsesSpeakTheRequestLanguage) {
  Request zh, en;
  en.headers["accept-language"] = "en-US,en;q=0.9";
  Response a = error_response(Error::missing("username"), zh);
  Response b = error_response(Error::missing("username"), en);
  EXPECT_EQ(a.status, 400);
  auto ja = boost::json::parse(a.body).as_object()["error"].as_object();
  auto jb = boost::json::parse(b.body).as_object()["error"].as_object();
  EXPECT_EQ(ja["code"].as_string(), "missing_field");
  EXPECT_EQ(ja["field"].as_string(), "username");
  EXPECT_NE(std::string(ja["message"].as_string()).find("缺少"), std::string::npos);
  EXPECT_NE(std::string(jb["message"].as_string()).find("missing"), std::string::npos);
  Response c = error_response(Error::conflict(7), zh);
  EXPECT_EQ(c.status, 409);
  EXPECT_EQ(
      boost::json::parse(c.body).as_object()["error"].as_object()["current_version"].as_int64(), 7);
}

TEST(JsonIo, PagingParameters) {
  Request r;
  r.query.emplace("page", "2");
  r.query.emplace("page_size", "10");
  auto p = page_request(r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->page, 2);
  Request bad;
  bad.query.emplace("page_size", "501");
  EXPECT_EQ(page_request(bad).error().field, "page_size");
}

}  // namespace
}  // namespace fupan::http

namespace fupan::http {
namespace {

TEST(JsonIo, ChineseMessagesNameTheFieldAndReasonInChinese) {
  Request zh;
  auto body = boost::json::parse(
      error_response(Error::invalid("username", detail::username_chars), zh).body);
  std::string message(body.as_object()["error"].as_object()["message"].as_string());
  EXPECT_EQ(message, "填写的内容不正确：用户名（只能包含小写字母、数字和 . _ -）");
  auto sized = boost::json::parse(
      error_response(Error::invalid("name", detail::at_most_chars(64)), zh).body);
  EXPECT_EQ(std::string(sized.as_object()["error"].as_object()["message"].as_string()),
            "填写的内容不正确：名称（最多 64 个字符）");
  EXPECT_EQ(std::string(sized.as_object()["error"].as_object()["field"].as_string()), "name");
}

}  // namespace
}  // namespace fupan::http
