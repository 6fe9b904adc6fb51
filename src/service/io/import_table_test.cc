#include "service/io/import_table.h"

#include <gtest/gtest.h>

namespace fupan::service {
namespace {

TEST(ImportTable, SeenKeysRemembersEveryKeyOnce) {
  SeenKeys seen;
  for (int i = 0; i < 5000; ++i) EXPECT_TRUE(seen.insert("O-" + std::to_string(i)));
  for (int i = 0; i < 5000; ++i) EXPECT_FALSE(seen.insert("O-" + std::to_string(i)));
  EXPECT_TRUE(seen.insert(""));
  EXPECT_FALSE(seen.insert(""));
  EXPECT_TRUE(seen.insert("外部编号"));
}

TEST(ImportTable, TrimsAsciiNoBreakAndIdeographicSpaces) {
  EXPECT_EQ(trim_cell("  a b\t"), "a b");
  EXPECT_EQ(trim_cell("\xE3\x80\x80客户\xC2\xA0"), "客户");
  EXPECT_EQ(trim_cell(" \t "), "");
}

TEST(ImportTable, ErrorsAreCappedAndCounted) {
  ImportReport report;
  RowErrors errors(report);
  for (std::size_t i = 0; i < 10'005; ++i) {
    errors.add(i + 2, "负责人", Error::invalid("owner_id", detail::no_such_user),
               std::string(300, 'x'));
  }
  errors.finish();
  ASSERT_EQ(report.errors.size(), 10'000u);
  EXPECT_EQ(report.errors[0].line, 2u);
  EXPECT_EQ(report.errors[0].code, "invalid_field");
  EXPECT_EQ(report.errors[0].value.size(), 200u);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find("5 more errors"), std::string::npos);
}

TEST(ImportTable, HeaderProblemsFailTheFile) {
  const std::vector<ImportColumn> columns = {
      {.key = "name", .zh = "名称", .en = "Name", .required = true},
      {.key = "code", .zh = "编码", .en = "Code"}};
  ImportReport report;
  auto missing = TableReader::open("编码\nA\n");
  ASSERT_TRUE(missing.ok());
  auto m = read_header(*missing, columns, report);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, ErrorCode::missing_field);
  EXPECT_EQ(m.error().field, "name");

  auto twice = TableReader::open("名称,Name\nA,B\n");
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(read_header(*twice, columns, report).error().field, "name");

  auto empty = TableReader::open("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(read_header(*empty, columns, report).error().field, "file");

  auto fine = TableReader::open(" 名称 ,颜色,编码\nA,red,1\n");
  ASSERT_TRUE(fine.ok());
  auto h = read_header(*fine, columns, report);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(report.warnings, (std::vector<std::string>{"unknown column ignored: 颜色"}));
  TableRow row;
  ASSERT_TRUE(fine->next(row));
  EXPECT_EQ(h->cell(row, 0), "A");
  EXPECT_EQ(h->cell(row, 1), "1");
  EXPECT_EQ(h->header_of(0), "名称");
}

}  // namespace
}  // namespace fupan::service
