#include "core/xlsx_writer.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

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
