#include "domain/phone.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

TEST(Phone, TakesTheWaysNumbersAreWritten) {
  for (const char* ok :
       {"13800138000", "138 0013 8000", "138-0013-8000", "+86 138-0013-8000", "+8613800138000",
        "021-68888888", "(0755) 8888 8888", "400-820-8820", "021-6888 8888 转 123",
        "021-68888888 ext. 45", "010 8888 8888#8", "+1 (415) 555-0100", "6888888"}) {
    EXPECT_TRUE(is_phone_number(ok)) << ok;
  }
}

TEST(Phone, RefusesWhatIsNotANumber) {
  for (const char* bad : {"", "12345", "1380013800012345678", "12800138000", "+86 12800138000",
                          "138-0013-800a", "电话 13800138000", "((021)) 68888888", "021) 68888888",
                          "021-68888888 转", "021-68888888 转 1234567", "13800138000 转 12a"}) {
    EXPECT_FALSE(is_phone_number(bad)) << bad;
  }
}

}  // namespace
}  // namespace fupan
