// A CRM record's input read from a request body: each field by its type, and a document's lines.
#include "http/routes/crm_entity_input.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace fupan::http {
namespace {

namespace json = boost::json;

const Field& field(std::string_view kind, std::string_view name) {
  return *find_entity_kind(kind)->field(name);
}

const date::time_zone* shanghai() {
  return zone_of("Asia/Shanghai");
}

FieldValue from_json(std::string_view kind, std::string_view name, std::string_view json) {
  auto v = value_from_json(field(kind, name), boost::json::parse(json), shanghai());
  EXPECT_TRUE(v.ok()) << json << ": " << (v.ok() ? "" : english(v.error().detail));
  return v.ok() ? *v : FieldValue{};
}

std::string json_error(std::string_view kind, std::string_view name, std::string_view json) {
  auto v = value_from_json(field(kind, name), boost::json::parse(json), shanghai());
  EXPECT_FALSE(v.ok()) << json;
  return v.ok() ? "" : v.error().field + ": " + english(v.error().detail);
}

TEST(EntityInput, JsonValuesAreCheckedByType) {
  EXPECT_EQ(from_json("order", "total", "500000000000"), FieldValue{std::int64_t{500000000000}});
  EXPECT_EQ(from_json("customer", "status", "\"prospect\""), FieldValue{std::string("prospect")});
  EXPECT_EQ(from_json("customer", "next_follow_up", "\"2026-11-30\""),
            FieldValue{std::string("2026-11-30")});
  EXPECT_EQ(from_json("customer", "tags", R"([" 重点 ","华东","重点"])"),
            FieldValue{std::string("重点,华东")});
  EXPECT_EQ(from_json("contact", "is_primary", "true"), FieldValue{std::int64_t{1}});
  EXPECT_EQ(from_json("customer", "phone", "null"), FieldValue{});
  // 23:30 on Sunday in Beijing is 15:30 UTC.
  EXPECT_EQ(from_json("order", "ordered_at", "\"2026-11-22T23:30:00+08:00\""),
            FieldValue{std::int64_t{1'795'361'400'000}});
  EXPECT_EQ(from_json("order", "ordered_at", "\"2026-11-22 23:30\""),
            FieldValue{std::int64_t{1'795'361'400'000}});

  EXPECT_EQ(json_error("order", "total", "-1"), "total: must not be negative");
  EXPECT_EQ(json_error("order", "total", "1.5"), "total: an integer number of fen");
  EXPECT_EQ(json_error("customer", "status", "\"vip\""),
            "status: one of lead, prospect, customer, churned");
  EXPECT_EQ(json_error("customer", "next_follow_up", "\"2026-02-30\""),
            "next_follow_up: a date YYYY-MM-DD");
  EXPECT_EQ(json_error("customer", "name", "\"   \""), "name: must not be blank");
  EXPECT_EQ(json_error("customer", "name", "\"" + std::string(101, 'x') + "\""),
            "name: at most 100 characters");
  EXPECT_EQ(json_error("customer", "tags", "[\"a,b\"]"), "tags: a tag cannot contain ','");
  EXPECT_EQ(json_error("activity", "satisfaction", "6"), "satisfaction: at most 5");
  EXPECT_EQ(json_error("activity", "customer_id", "0"), "customer_id: a positive integer id");
}

Result<std::optional<std::vector<service::LineRequest>>> read(std::string_view body) {
  static json::object holder;
  holder = json::parse(body).as_object();
  return read_line_requests(holder);
}

TEST(EntityInput, ReadsLinesWithDefaults) {
  auto r = read(R"({"lines":[{"product_id":3,"quantity":2},
                             {"product_id":4,"quantity":1,"unit_price":0,"discount_bp":10000},
                             {"product_id":5,"quantity":9,"unit_price":null,"discount_bp":null}]})");
  ASSERT_TRUE(r.ok()) << english(r.error().detail);
  ASSERT_TRUE(r->has_value());
  const auto& lines = **r;
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].product_id, ProductId{3});
  EXPECT_EQ(lines[0].quantity, 2);
  EXPECT_FALSE(lines[0].unit_price.has_value());
  EXPECT_EQ(lines[0].discount_bp, 0);
  EXPECT_EQ(lines[1].unit_price, Fen{0});
  EXPECT_EQ(lines[1].discount_bp, 10000);
  EXPECT_FALSE(lines[2].unit_price.has_value());
}

TEST(EntityInput, AbsentIsNulloptAndEmptyIsEmpty) {
  auto absent = read(R"({"notes":"x"})");
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
  // null is not "no lines": lines are left alone only when the member is absent.
  EXPECT_EQ(english(read(R"({"lines":null})").error().detail), "must be an array of lines");
  auto empty = read(R"({"lines":[]})");
  ASSERT_TRUE(empty.ok());
  ASSERT_TRUE(empty->has_value());
  EXPECT_TRUE((*empty)->empty());
}

TEST(EntityInput, NamesTheBadLine) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {R"({"lines":{}})", "must be an array of lines"},
      {R"({"lines":[1]})", "line 1: must be an object"},
      {R"({"lines":[{"product_id":1,"quantity":1},{"quantity":1}]})",
       "line 2: product_id is required"},
      {R"({"lines":[{"product_id":1}]})", "line 1: quantity is required"},
      {R"({"lines":[{"product_id":0,"quantity":1}]})",
       "line 1: product_id must be a positive integer id"},
      {R"({"lines":[{"product_id":1,"quantity":0}]})",
       "line 1: quantity must be an integer of at least 1"},
      {R"({"lines":[{"product_id":1,"quantity":1.5}]})",
       "line 1: quantity must be an integer of at least 1"},
      {R"({"lines":[{"product_id":1,"quantity":"2"}]})",
       "line 1: quantity must be an integer of at least 1"},
      {R"({"lines":[{"product_id":1,"quantity":1,"unit_price":-1}]})",
       "line 1: unit_price must be an integer number of fen, 0 or more"},
      {R"({"lines":[{"product_id":1,"quantity":1,"discount_bp":10001}]})",
       "line 1: discount_bp must be an integer 0..10000"},
      {R"({"lines":[{"product_id":1,"quantity":1,"colour":"red"}]})",
       "line 1: colour is not accepted here"},
      {R"({"lines":[{"product_id":1,"quantity":18446744073709551615}]})",
       "line 1: quantity must be an integer of at least 1"},
  };
  for (const auto& [body, detail] : cases) {
    auto r = read(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_field) << body;
    EXPECT_EQ(r.error().field, "lines") << body;
    EXPECT_EQ(english(r.error().detail), detail) << body;
  }
}

TEST(EntityInput, AtMostAThousandLines) {
  std::string body = R"({"lines":[)";
  for (std::size_t i = 0; i <= service::kMaxLines; ++i) {
    body += (i ? "," : "") + std::string(R"({"product_id":1,"quantity":1})");
  }
  body += "]}";
  auto r = read(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(english(r.error().detail), "at most 1000 lines");
}

}  // namespace
}  // namespace fupan::http
