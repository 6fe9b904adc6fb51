#include "domain/import_columns.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace fupan {
namespace {

ColumnMapping map(const EntityKind& kind, std::vector<std::string_view> header) {
  const auto columns = entity_import_columns(kind);
  return map_columns(columns, header);
}

int column(const EntityKind& kind, std::string_view key) {
  const auto columns = entity_import_columns(kind);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].key == key) return static_cast<int>(i);
  }
  return -2;
}

TEST(ImportColumns, NormalizesHeaders) {
  EXPECT_EQ(normalize_header("  External_ID "), "external id");
  EXPECT_EQ(normalize_header("\xE3\x80\x80客户名称*"), "客户名称");
  EXPECT_EQ(normalize_header("*时长（分钟）"), "时长(分钟)");
  EXPECT_EQ(normalize_header("Owner\xC2\xA0 Name"), "owner name");
  EXPECT_EQ(normalize_header("\xEF\xBB\xBFname"), "name");
}

TEST(ImportColumns, ChineseEnglishAndFieldNamesAllWork) {
  const EntityKind& order = *find_entity_kind("order");
  auto m = map(order, {"客户", "Owner", "ordered_at", "订单金额（元）", "外部编号", "status"});
  EXPECT_TRUE(m.missing.empty());
  EXPECT_TRUE(m.unknown.empty());
  EXPECT_EQ(m.column_of_cell[0], column(order, "customer_id"));
  EXPECT_EQ(m.column_of_cell[1], column(order, "owner_id"));
  EXPECT_EQ(m.column_of_cell[2], column(order, "ordered_at"));
  EXPECT_EQ(m.column_of_cell[3], column(order, "total"));
  EXPECT_EQ(m.column_of_cell[4], column(order, "external_id"));
  EXPECT_EQ(m.column_of_cell[5], column(order, "status"));
  EXPECT_EQ(m.cell_of_column[static_cast<std::size_t>(column(order, "total"))], 3);
  EXPECT_EQ(m.cell_of_column[static_cast<std::size_t>(column(order, "notes"))], -1);
}

TEST(ImportColumns, ReferencesByTheirNameForm) {
  const EntityKind& activity = *find_entity_kind("activity");
  auto m = map(activity, {"type", "customer_name", "user", "started at", "opportunity"});
  EXPECT_TRUE(m.missing.empty());
  EXPECT_EQ(m.column_of_cell[1], column(activity, "customer_id"));
  EXPECT_EQ(m.column_of_cell[2], column(activity, "user_id"));
  EXPECT_EQ(m.column_of_cell[4], column(activity, "opportunity_id"));
}

TEST(ImportColumns, MissingRequiredColumnsAreNamed) {
  // Owner defaults to the importer; customer and order time do not.
  auto m = map(*find_entity_kind("order"), {"订单金额", "负责人"});
  EXPECT_EQ(m.missing, (std::vector<std::string>{"customer_id", "ordered_at"}));
  auto a = map(*find_entity_kind("activity"), {"类型", "客户", "开始时间"});
  EXPECT_TRUE(a.missing.empty());
}

TEST(ImportColumns, DuplicatesUnknownAndSystemColumns) {
  auto m = map(*find_entity_kind("customer"),
               {"客户名称", "Name", "客户等级", "颜色", "", "external id"});
  EXPECT_EQ(m.duplicates, (std::vector<std::string>{"name"}));
  EXPECT_EQ(m.ignored, (std::vector<std::string>{"客户等级"}));
  EXPECT_EQ(m.unknown, (std::vector<std::string>{"颜色"}));
  EXPECT_EQ(m.column_of_cell[1], -1);
  EXPECT_EQ(m.column_of_cell[2], -1);
  EXPECT_EQ(m.column_of_cell[4], -1);
  EXPECT_EQ(m.column_of_cell[5], column(*find_entity_kind("customer"), "external_id"));
}

TEST(ImportColumns, KindsWithoutExternalIdHaveNoSuchColumn) {
  for (const EntityKind* k : entity_kinds()) {
    const auto columns = entity_import_columns(*k);
    const bool has = std::any_of(columns.begin(), columns.end(),
                                 [](const ImportColumn& c) { return c.key == "external_id"; });
    EXPECT_EQ(has, k->has_external_id) << k->name;
  }
}

}  // namespace
}  // namespace fupan
