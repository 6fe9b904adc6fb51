#include "core/text_encoding.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

// "客户" in GBK.
const std::string kGbk = "\xBF\xCD\xBB\xA7";

TEST(TextEncoding, DetectsUtf8WithOrWithoutBomAndGbkOtherwise) {
  EXPECT_EQ(detect_encoding("客户,金额"), TextEncoding::utf8);
  EXPECT_EQ(detect_encoding("\xEF\xBB\xBF客户"), TextEncoding::utf8);
  EXPECT_EQ(detect_encoding(kGbk), TextEncoding::gb18030);
}

TEST(TextEncoding, ConvertsGbkAndDropsTheBom) {
  EXPECT_EQ(*to_utf8(kGbk + ",100", TextEncoding::gb18030), "客户,100");
  EXPECT_EQ(*to_utf8("\xEF\xBB\xBF客户", TextEncoding::utf8), "客户");
  std::string big;
  for (int i = 0; i < 5000; ++i) big += kGbk;
  EXPECT_EQ(to_utf8(big, TextEncoding::gb18030)->size(), 5000u * 6);
}

TEST(TextEncoding, RejectsBytesThatAreNotTheEncoding) {
  EXPECT_FALSE(to_utf8("\xC0\xAF", TextEncoding::utf8));      // overlong '/'
  EXPECT_FALSE(to_utf8("\xED\xA0\x80", TextEncoding::utf8));  // a surrogate
  EXPECT_FALSE(to_utf8("\xBF", TextEncoding::gb18030));       // a truncated GBK character
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

}  // namespace
}  // namespace fupan
