// A field's value from an import cell and back, by type.
#include "domain/field_values.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace fupan {
namespace {

const Field& field(std::string_view kind, std::string_view name) {
  return *find_entity_kind(kind)->field(name);
}

const date::time_zone* shanghai() {
  return zone_of("Asia/Shanghai");
}

FieldValue from_text(std::string_view kind, std::string_view name, std::string_view text) {
  auto v = value_from_text(field(kind, name), text, shanghai());
  EXPECT_TRUE(v.ok()) << text << ": " << (v.ok() ? "" : english(v.error().detail));
  return v.ok() ? *v : FieldValue{};
}

TEST(FieldValues, TextCellsReadAsPeopleTypeThem) {
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

TEST(FieldValues, ExportCellsReadBackAsTheSameValue) {
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
}  // namespace fupan
