#include "service/sales/document_lines.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <type_traits>

namespace fupan::service {
namespace {

namespace json = boost::json;

// A quote id and an order id cannot be passed swapped.
static_assert(std::is_invocable_v<decltype(&store::copy_quote_lines), store::Connection&, OrgId,
                                  QuoteId, OrderId>);
static_assert(!std::is_invocable_v<decltype(&store::copy_quote_lines), store::Connection&, OrgId,
                                   OrderId, QuoteId>);
static_assert(!std::is_invocable_v<decltype(&store::copy_quote_lines), store::Connection&, OrgId,
                                   std::int64_t, std::int64_t>);

Result<std::optional<std::vector<LineRequest>>> read(std::string_view body) {
  static json::object holder;
  holder = json::parse(body).as_object();
  return read_line_requests(&holder);
}

TEST(DocumentLines, ReadsLinesWithDefaults) {
  auto r = read(R"({"lines":[{"product_id":3,"quantity":2},
                             {"product_id":4,"quantity":1,"unit_price":0,"discount_bp":10000},
                             {"product_id":5,"quantity":9,"unit_price":null,"discount_bp":null}]})");
  ASSERT_TRUE(r.ok()) << english(r.error().detail);
  ASSERT_TRUE(r->has_value());
  const auto& lines = **r;
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].product_id, 3);
  EXPECT_EQ(lines[0].quantity, 2);
  EXPECT_FALSE(lines[0].unit_price.has_value());
  EXPECT_EQ(lines[0].discount_bp, 0);
  EXPECT_EQ(lines[1].unit_price, Fen{0});
  EXPECT_EQ(lines[1].discount_bp, 10000);
  EXPECT_FALSE(lines[2].unit_price.has_value());
}

TEST(DocumentLines, AbsentIsNulloptAndEmptyIsEmpty) {
  auto absent = read(R"({"notes":"x"})");
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
  EXPECT_FALSE(read_line_requests(nullptr)->has_value());
  auto empty = read(R"({"lines":[]})");
  ASSERT_TRUE(empty.ok());
  ASSERT_TRUE(empty->has_value());
  EXPECT_TRUE((*empty)->empty());
}

TEST(DocumentLines, NamesTheBadLine) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {R"({"lines":{}})", "must be an array of lines"},
      {R"({"lines":[1]})", "line 1: must be an object"},
      {R"({"lines":[{"product_id":1,"quantity":1},{"quantity":1}]})",
       "line 2: product_id is required"},
      {R"({"lines":[{"product_id":1}]})", "line 1: quantity is required"},
      {R"({"lines":[{"product_id":0,"quantity":1}]})",
       "line 1: product_id must be a positive integer id"},
      {R"({"lines":[{"product_id":1,"quantity":0}]})",
       "line 1: quantity must be an integer of at least 1"},
      {R"({"lines":[{"product_id":1,"quantity":1.5}]})",
       "line 1: quantity must be an integer of at least 1"},
      {R"({"lines":[{"product_id":1,"quantity":"2"}]})",
       "line 1: quantity must be an integer of at least 1"},
      {R"({"lines":[{"product_id":1,"quantity":1,"unit_price":-1}]})",
       "line 1: unit_price must be an integer number of fen, 0 or more"},
      {R"({"lines":[{"product_id":1,"quantity":1,"discount_bp":10001}]})",
       "line 1: discount_bp must be an integer 0..10000"},
      {R"({"lines":[{"product_id":1,"quantity":1,"colour":"red"}]})",
       "line 1: colour is not accepted here"},
      {R"({"lines":[{"product_id":1,"quantity":18446744073709551615}]})",
       "line 1: quantity must be an integer of at least 1"},
  };
  for (const auto& [body, detail] : cases) {
    auto r = read(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_field) << body;
    EXPECT_EQ(r.error().field, "lines") << body;
    EXPECT_EQ(english(r.error().detail), detail) << body;
  }
}

TEST(DocumentLines, AtMostAThousandLines) {
  std::string body = R"({"lines":[)";
  for (std::size_t i = 0; i <= kMaxLines; ++i) {
    body += (i ? "," : "") + std::string(R"({"product_id":1,"quantity":1})");
  }
  body += "]}";
  auto r = read(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(english(r.error().detail), "at most 1000 lines");
}

TEST(DocumentLines, TotalIsTheSumOfLineTotals) {
  const std::vector<DocumentLine> lines = {
      {1, 1, "a", 3, Fen{10000}, 1000, Fen{27000}},
      {2, 2, "b", 2, Fen{1999}, 2500, Fen{2999}},
  };
  auto total = lines_total(lines);
  ASSERT_TRUE(total.ok());
  EXPECT_EQ(total->value(), 29999);
  EXPECT_EQ(lines_total({}).value().value(), 0);
}

}  // namespace
}  // namespace fupan::service
