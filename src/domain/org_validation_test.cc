#include "domain/org_validation.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

TEST(OrgValidation, Usernames) {
  EXPECT_TRUE(validate_username("zhang.wei").ok());
  EXPECT_TRUE(validate_username("rep-01").ok());
  EXPECT_FALSE(validate_username("a").ok());
  EXPECT_FALSE(validate_username("Zhang").ok());
  EXPECT_FALSE(validate_username(".zhang").ok());
  EXPECT_FALSE(validate_username("张伟").ok());
  EXPECT_EQ(validate_username("a b").error().field, "username");
}

TEST(OrgValidation, NamesCountCharactersNotBytes) {
  EXPECT_TRUE(validate_name("name", "上海一部", 4).ok());
  EXPECT_FALSE(validate_name("name", "上海一部A", 4).ok());
  EXPECT_FALSE(validate_name("name", "   ").ok());
  EXPECT_FALSE(validate_name("name", "a\nb").ok());
  EXPECT_FALSE(validate_name("name", "\xff\xfe").ok());
  EXPECT_EQ(utf8_length("复盘ok"), 4u);
}

TEST(OrgValidation, EmailPhonePassword) {
  EXPECT_TRUE(validate_email("").ok());
  EXPECT_TRUE(validate_email("li@example.cn").ok());
  EXPECT_FALSE(validate_email("li@example").ok());
  EXPECT_FALSE(validate_email("@example.cn").ok());
  EXPECT_TRUE(validate_phone("+86 138-0000-0000").ok());
  EXPECT_FALSE(validate_phone("call me").ok());
  EXPECT_FALSE(validate_password("password", "short").ok());
  EXPECT_TRUE(validate_password("password", "long enough").ok());
}

}  // namespace
}  // namespace fupan
