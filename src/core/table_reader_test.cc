#include "core/table_reader.h"

#include <gtest/gtest.h>

#include "core/xlsx_writer.h"

namespace fupan {
namespace {

std::vector<std::vector<std::string>> read_all(TableReader& r,
                                               std::vector<TableRow::Problem>* problems = nullptr) {
  std::vector<std::vector<std::string>> out;
  TableRow row;
  while (r.next(row)) {
    out.emplace_back(row.fields.begin(), row.fields.end());
    if (problems) problems->push_back(row.problem);
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(TableReader, Utf8WithAndWithoutBom) {
  for (std::string_view text : {"名称,金额\n上海,1.5\n", "\xEF\xBB\xBF名称,金额\n上海,1.5\n"}) {
    auto r = TableReader::open(text);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->format(), TableFormat::csv_utf8);
    EXPECT_EQ(read_all(*r), (Rows{{"名称", "金额"}, {"上海", "1.5"}}));
  }
}

TEST(TableReader, Gb18030IsConverted) {
  // "名称,金额\n上海,1\n" in GBK.
  const std::string gbk = "\xC3\xFB\xB3\xC6,\xBD\xF0\xB6\xEE\n\xC9\xCF\xBA\xA3,1\n";
  auto r = TableReader::open(gbk);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->format(), TableFormat::csv_gb18030);
  EXPECT_EQ(read_all(*r), (Rows{{"名称", "金额"}, {"上海", "1"}}));
}

TEST(TableReader, AFewBadLinesInUtf8AreRowProblems) {
  const std::string text = "名称,金额\n上海,1\n\xFF\xFE\xFD,2\n北京,3\n";
  auto r = TableReader::open(text);
  ASSERT_TRUE(r.ok());
  std::vector<TableRow::Problem> problems;
  read_all(*r, &problems);
  EXPECT_EQ(problems,
            (std::vector<TableRow::Problem>{TableRow::Problem::none, TableRow::Problem::none,
                                            TableRow::Problem::not_utf8, TableRow::Problem::none}));
}

TEST(TableReader, RefusesWhatIsNotATable) {
  for (std::string_view bytes :
       {std::string_view("a,b\n\x00\x01", 6), std::string_view("\xD0\xCF\x11\xE0\xA1\xB1"),
        std::string_view("\xFF\xFF\xFF\xFF,\x80\n")}) {
    auto r = TableReader::open(bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "file");
  }
}

TEST(TableReader, ReadsXlsx) {
  XlsxWriter w("产品");
  w.header({"产品名称", "标准价"});
  w.text("笔记本");
  w.money_fen(123456);
  w.end_row();
  const std::string bytes = w.finish();
  ASSERT_FALSE(bytes.empty());
  auto r = TableReader::open(bytes);
  ASSERT_TRUE(r.ok()) << english(r.error().detail);
  EXPECT_EQ(r->format(), TableFormat::xlsx);
  EXPECT_EQ(read_all(*r), (Rows{{"产品名称", "标准价"}, {"笔记本", "1234.56"}}));
}

TEST(TableReader, SkipsRowsOfEmptyCells) {
  auto r = TableReader::open("a,b\n,\n1,2\n , \n,,,\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(read_all(*r), (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(TableReader, EstimatesRows) {
  auto r = TableReader::open("a\nb\nc");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->estimated_rows(), 3u);
}

}  // namespace
}  // namespace fupan
