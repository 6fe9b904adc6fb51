// A field's value from JSON, from an import cell and back, by type.
#include "service/crm/entity_values.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace fupan::service {
namespace {

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

FieldValue from_text(std::string_view kind, std::string_view name, std::string_view text) {
  auto v = value_from_text(field(kind, name), text, shanghai());
  EXPECT_TRUE(v.ok()) << text << ": " << (v.ok() ? "" : english(v.error().detail));
  return v.ok() ? *v : FieldValue{};
}

TEST(EntityValues, JsonValuesAreCheckedByType) {
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

TEST(EntityValues, TextCellsReadAsPeopleTypeThem) {
  EXPECT_EQ(from_text("order", "total", "¥1,234.56"), FieldValue{std::int64_t{123456}});
  EXPECT_EQ(from_text("customer", "status", "潜在"), FieldValue{std::string("prospect")});
  EXPECT_EQ(from_text("customer", "status", "Churned"), FieldValue{std::string("churned")});
  EXPECT_EQ(from_text("customer", "next_follow_up", "2026/1/5"),
            FieldValue{std::string("2026-01-05")});
  EXPECT_EQ(from_text("customer", "tags", "重点，华东、 大客户"),
            FieldValue{std::string("重点,华东,大客户")});
  EXPECT_EQ(from_text("contact", "is_primary", "是"), FieldValue{std::int64_t{1}});
  EXPECT_EQ(from_text("customer", "phone", "  "), FieldValue{});
  EXPECT_FALSE(value_from_text(field("order", "total"), "-5", shanghai()).ok());
  EXPECT_FALSE(value_from_text(field("customer", "status"), "VIP", shanghai()).ok());
}

TEST(EntityValues, ExportCellsReadBackAsTheSameValue) {
  const date::time_zone* tz = shanghai();
  for (auto [kind, name, text] :
       {std::tuple{"order", "total", "1234.56"},
        std::tuple{"order", "ordered_at", "2026-11-22 23:30"},
        std::tuple{"customer", "status", "潜在"}, std::tuple{"contact", "is_primary", "是"}}) {
    const Field& f = field(kind, name);
    auto v = value_from_text(f, text, tz);
    ASSERT_TRUE(v.ok()) << name;
    EXPECT_EQ(value_to_text(f, *v, tz), text);
  }
}

}  // namespace
}  // namespace fupan::service
