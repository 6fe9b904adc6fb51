#include "service/sales/document_lines.h"

#include <gtest/gtest.h>

#include <type_traits>

namespace fupan::service {
namespace {

// A quote id and an order id cannot be passed swapped.
static_assert(std::is_invocable_v<decltype(&store::copy_quote_lines), store::Connection&, OrgId,
                                  QuoteId, OrderId>);
static_assert(!std::is_invocable_v<decltype(&store::copy_quote_lines), store::Connection&, OrgId,
                                   OrderId, QuoteId>);
static_assert(!std::is_invocable_v<decltype(&store::copy_quote_lines), store::Connection&, OrgId,
                                   std::int64_t, std::int64_t>);

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
