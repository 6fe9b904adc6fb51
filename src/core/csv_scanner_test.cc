#include "core/csv_scanner.h"

#include <gtest/gtest.h>

#include "core/csv_reader.h"

namespace fupan {
namespace {

using Records = std::vector<std::vector<std::string>>;

Records scan(std::string_view text) {
  CsvScanner s(text);
  Records out;
  while (s.next()) {
    EXPECT_EQ(s.problem(), CsvScanner::Problem::none);
    out.emplace_back(s.fields().begin(), s.fields().end());
  }
  return out;
}

TEST(CsvScanner, ReadsWhatParseCsvReads) {
  for (std::string_view text :
       {"客户名称,行业\n上海复盘,制造业\n", "a,\"b,c\",\"say \"\"hi\"\"\"\r\n", "a,,\"\"\n",
        "\"two\nlines\",x\ny,z", "a\n\n\r\nb\n", "", "a,", "a,\n,b\r\n\"\"\n\"x\"\"\",\"\"\"y\"\r",
        "one\rtwo\r\nthree"}) {
    auto rows = parse_csv(text);
    ASSERT_TRUE(rows.ok()) << text;
    Records want;
    for (const CsvRow& r : *rows) want.push_back(r.fields);
    EXPECT_EQ(scan(text), want) << text;
  }
}

TEST(CsvScanner, RecordsKnowTheirLine) {
  CsvScanner s("h\n\"x\ny\"\n\nz\n");
  std::vector<std::size_t> lines;
  while (s.next()) lines.push_back(s.line());
  EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2, 5}));
}

TEST(CsvScanner, TextAfterAQuoteSpoilsOnlyItsRecord) {
  CsvScanner s("a,b\n\"x\"y,z\nc,d\n");
  ASSERT_TRUE(s.next());
  ASSERT_TRUE(s.next());
  EXPECT_EQ(s.problem(), CsvScanner::Problem::text_after_quote);
  EXPECT_EQ(s.line(), 2u);
  ASSERT_TRUE(s.next());
  EXPECT_EQ(s.problem(), CsvScanner::Problem::none);
  EXPECT_EQ(s.fields()[0], "c");
  EXPECT_FALSE(s.next());
}

TEST(CsvScanner, AnUnclosedQuoteEndsTheScan) {
  CsvScanner s("a\nb,\"never closed\nmore\n");
  ASSERT_TRUE(s.next());
  ASSERT_TRUE(s.next());
  EXPECT_EQ(s.problem(), CsvScanner::Problem::unclosed_quote);
  EXPECT_EQ(s.problem_line(), 2u);
  EXPECT_FALSE(s.next());
}

TEST(CsvScanner, FieldsStayValidUntilTheNextRecord) {
  CsvScanner s("\"a\"\"1\",\"b\"\"2\",\"c\"\"3\"\n");
  ASSERT_TRUE(s.next());
  ASSERT_EQ(s.fields().size(), 3u);
  EXPECT_EQ(s.fields()[0], "a\"1");
  EXPECT_EQ(s.fields()[1], "b\"2");
  EXPECT_EQ(s.fields()[2], "c\"3");
}

}  // namespace
}  // namespace fupan
