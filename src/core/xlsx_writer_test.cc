#include "core/xlsx_writer.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/table_reader.h"
#include "core/xlsx_reader.h"

namespace fupan {
namespace {

using Table = std::vector<std::vector<std::string>>;

Table read_back(const std::string& bytes) {
  const auto rows = read_xlsx(bytes);
  EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : english(rows.error().detail));
  Table out;
  if (rows.ok()) {
    for (const auto& row : rows.value()) out.push_back(row.fields);
  }
  return out;
}

// Returns the unpacked part `name` of the zip `bytes`, "" when absent.
std::string part_of(const std::string& bytes, const char* name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (zip == nullptr) {
    zip_source_free(source);
    return {};
  }
  std::string out;
  if (zip_file_t* file = zip_fopen(zip, name, 0)) {
    char buffer[4096];
    zip_int64_t n;
    while ((n = zip_fread(file, buffer, sizeof buffer)) > 0) {
      out.append(buffer, static_cast<std::size_t>(n));
    }
    zip_fclose(file);
  }
  zip_discard(zip);
  return out;
}

std::int64_t unix_ms(std::chrono::sys_days day, std::chrono::seconds time_of_day) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             (day + time_of_day).time_since_epoch())
      .count();
}

TEST(XlsxWriter, WritesASheetThatReadsBack) {
  using namespace std::chrono;
  XlsxWriter w("客户/导出[1]");
  w.header({"客户名称", "金额", "成交日期", "时间", "数量", "备注"});
  w.text("上海复盘科技有限公司");
  w.money_fen(123456);
  w.date("2024-03-05");
  w.datetime(unix_ms(2024y / 3 / 5, 6h + 30min + 15s), 480);
  w.integer(42);
  w.text("第一行\n第二行");
  w.end_row();
  w.text("北京");
  w.money_fen(-5);
  w.date("2024-02-30");
  w.datetime(unix_ms(2024y / 3 / 5, 20h), 480);
  w.integer(1'234'567'890'123'456'789);
  w.text(
      "a\xFF"
      "b\x01");
  w.end_row();
  w.empty();
  w.money_fen(0);
  w.empty();
  w.number(std::nan(""));
  w.number(0.25);
  w.end_row();
  w.end_row();  // an empty row
  w.text("");
  w.empty();
  w.text("尾");
  w.end_row();
  const std::string bytes = w.finish();
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes.substr(0, 2), "PK");

  EXPECT_EQ(read_back(bytes),
            (Table{{"客户名称", "金额", "成交日期", "时间", "数量", "备注"},
                   {"上海复盘科技有限公司", "1234.56", "2024-03-05", "2024-03-05 14:30:15", "42",
                    "第一行\n第二行"},
                   {"北京", "-0.05", "2024-02-30", "2024-03-06 04:00:00", "1234567890123456789",
                    "a\xEF\xBF\xBD"
                    "b\x01"},
                   {"", "0", "", "", "0.25"},
                   {"", "", "尾"}}));
  const auto rows = read_xlsx(bytes);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->back().line, 6u);

  const std::string sheet = part_of(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<pane ySplit=\"1\""), std::string::npos) << "header row frozen";
  EXPECT_NE(sheet.find("<cols>"), std::string::npos) << "columns widened to their contents";
  EXPECT_NE(part_of(bytes, "xl/workbook.xml").find("name=\"客户_导出_1_\""), std::string::npos);
  EXPECT_NE(part_of(bytes, "xl/styles.xml").find("formatCode=\"#,##0.00\""), std::string::npos);

  EXPECT_EQ(w.finish(), "");
}

TEST(XlsxWriter, LeavesNoTemporaryFileBehind) {
  namespace fs = std::filesystem;
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old != nullptr ? old : "";
  std::string dir = (fs::temp_directory_path() / "fupan-xlsx-test-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  setenv("TMPDIR", dir.c_str(), 1);
  {
    XlsxWriter finished("");
    finished.text("x");
    EXPECT_FALSE(finished.finish().empty());
    XlsxWriter abandoned("Sheet");
    abandoned.text("y");
    EXPECT_FALSE(fs::is_empty(dir));
  }
  EXPECT_TRUE(fs::is_empty(dir));
  if (old != nullptr) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace fupan

namespace fupan {
namespace {

TEST(XlsxWriter, WritesASheetPerPartThatAnImportReadsAsOne) {
  XlsxWriter w("组织");
  w.header({"层级", "名称", "目标值"});
  w.text("组织");
  w.empty();
  w.money_fen(100);
  w.end_row();
  w.add_sheet("区域");
  w.header({"层级", "名称", "目标值"});
  w.text("区域");
  w.text("华东区");
  w.money_fen(60);
  w.end_row();
  w.text("区域");
  w.text("华南区");
  w.money_fen(40);
  w.end_row();
  const std::string bytes = w.finish();
  auto sheets = read_xlsx_sheets(bytes);
  ASSERT_TRUE(sheets.ok());
  ASSERT_EQ(sheets->size(), 2u);
  EXPECT_EQ((*sheets)[0].name, "组织");
  EXPECT_EQ((*sheets)[1].name, "区域");
  EXPECT_EQ((*sheets)[1].rows.size(), 3u);

  // Read as one table: the second sheet's header is not read again; each row knows its sheet.
  auto reader = TableReader::open_every_sheet(bytes);
  ASSERT_TRUE(reader.ok());
  TableRow row;
  std::vector<std::pair<std::string, std::size_t>> seen;
  while (reader->next(row)) seen.emplace_back(std::string(row.sheet), row.line);
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, std::size_t>>{
                      {"组织", 1}, {"组织", 2}, {"区域", 2}, {"区域", 3}}));
  // A plain open reads the first sheet alone.
  auto first = TableReader::open(bytes);
  std::size_t n = 0;
  while (first->next(row)) ++n;
  EXPECT_EQ(n, 2u);
}

TEST(XlsxWriter, ASheetWithAnotherHeaderIsRefusedWhenEverySheetIsRead) {
  XlsxWriter w("一");
  w.header({"层级", "名称"});
  w.add_sheet("二");
  w.header({"名称", "层级"});
  const std::string bytes = w.finish();
  auto reader = TableReader::open_every_sheet(bytes);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().field, "file");
}

}  // namespace
}  // namespace fupan
