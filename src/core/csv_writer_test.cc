#include "core/csv_writer.h"

#include <gtest/gtest.h>

#include "core/table_reader.h"

namespace fupan {
namespace {

TEST(CsvWriter, QuotesWhatNeedsItAndReadsBack) {
  CsvWriter w;
  w.row({"层级", "名称", "目标值"});
  w.row({"团队", "上海一部, 二组", "1,234.50"});
  w.row({"个人", "说\"好\"的", " 空格 "});
  const std::string text = std::move(w).finish();
  EXPECT_TRUE(text.starts_with("\xEF\xBB\xBF层级,名称,目标值\r\n"));
  EXPECT_NE(text.find("团队,\"上海一部, 二组\",\"1,234.50\"\r\n"), std::string::npos);
  auto reader = TableReader::open(text);
  ASSERT_TRUE(reader.ok());
  TableRow row;
  std::vector<std::vector<std::string>> rows;
  while (reader->next(row)) rows.emplace_back(row.fields.begin(), row.fields.end());
  EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{{"层级", "名称", "目标值"},
                                                         {"团队", "上海一部, 二组", "1,234.50"},
                                                         {"个人", "说\"好\"的", " 空格 "}}));
}

}  // namespace
}  // namespace fupan
