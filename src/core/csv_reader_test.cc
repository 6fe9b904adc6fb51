#include "core/csv_reader.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

std::vector<std::vector<std::string>> fields(std::string_view text) {
  auto rows = parse_csv(text);
  EXPECT_TRUE(rows.ok());
  std::vector<std::vector<std::string>> out;
  if (rows.ok()) {
    for (auto& r : *rows) out.push_back(r.fields);
  }
  return out;
}

TEST(Csv, PlainQuotedAndEmptyFields) {
  using V = std::vector<std::vector<std::string>>;
  EXPECT_EQ(fields("客户名称,行业\n上海复盘,制造业\n"),
            (V{{"客户名称", "行业"}, {"上海复盘", "制造业"}}));
  EXPECT_EQ(fields("a,\"b,c\",\"say \"\"hi\"\"\"\r\n"), (V{{"a", "b,c", "say \"hi\""}}));
  EXPECT_EQ(fields("a,,\"\"\n"), (V{{"a", "", ""}}));
  EXPECT_EQ(fields("\"two\nlines\",x\ny,z"), (V{{"two\nlines", "x"}, {"y", "z"}}));
  EXPECT_EQ(fields("a\n\n\r\nb\n"), (V{{"a"}, {"b"}}));
  EXPECT_TRUE(fields("").empty());
}

TEST(Csv, RowsKnowTheirLine) {
  auto rows = parse_csv("h\n\"x\ny\"\nz\n");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[1].line, 2u);
  EXPECT_EQ((*rows)[2].line, 4u);
}

TEST(Csv, MalformedQuotesNameTheLine) {
  auto open = parse_csv("a\nb,\"never closed\n");
  ASSERT_FALSE(open.ok());
  EXPECT_NE(english(open.error().detail).find("line 2"), std::string::npos);
  auto stray = parse_csv("\"x\"y,z\n");
  ASSERT_FALSE(stray.ok());
  EXPECT_NE(english(stray.error().detail).find("line 1"), std::string::npos);
}

}  // namespace
}  // namespace fupan
