#include "core/error.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace fupan {
namespace {

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return Error::invalid("digit", detail::range(0, 9));
  return c - '0';
}

Result<std::pair<int, int>> two_digits(const std::string& s) {
  FUPAN_ASSIGN_OR_RETURN(const int tens, parse_digit(s.at(0)));
  int ones = 0;
  FUPAN_ASSIGN_OR_RETURN(ones, parse_digit(s.at(1)));  // assigns an existing variable
  return std::pair{tens * 10 + ones, ones};
}

Status both_digits(const std::string& s) {
  FUPAN_TRY(parse_digit(s.at(0)));
  FUPAN_TRY(parse_digit(s.at(1)));
  return {};
}

TEST(Error, AssignOrReturnGivesTheValueOrReturnsTheFirstError) {
  auto ok = two_digits("42");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->first, 42);
  EXPECT_EQ(ok->second, 2);

  auto bad = two_digits("4x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_field);
  EXPECT_EQ(bad.error().field, "digit");
}

TEST(Error, TryReturnsTheFirstError) {
  EXPECT_TRUE(both_digits("12").ok());
  EXPECT_EQ(both_digits("x2").error().field, "digit");
}

TEST(Error, CodesHaveStableNamesAndOneStatus) {
  EXPECT_EQ(error_code_name(ErrorCode::version_conflict), "version_conflict");
  EXPECT_EQ(http_status(ErrorCode::version_conflict), 409);
  EXPECT_EQ(http_status(ErrorCode::invalid_field), 400);
  EXPECT_EQ(http_status(ErrorCode::not_found), 404);
}

}  // namespace
}  // namespace fupan
