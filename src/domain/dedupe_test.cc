#include "domain/dedupe.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

struct Case {
  std::string_view in, out;
};

TEST(Dedupe, NormalizesCustomerNames) {
  const Case cases[] = {
      {"", ""},
      {"   ", ""},
      {"  上海  复盘  科技 ", "上海 复盘 科技"},
      {"上海复盘科技有限公司", "上海复盘科技"},
      {"上海复盘科技股份有限公司", "上海复盘科技"},
      {"上海复盘科技有限责任公司", "上海复盘科技"},
      {"上海复盘科技公司", "上海复盘科技"},
      {"上海复盘科技 有限公司 ", "上海复盘科技"},
      {"腾讯科技（深圳）有限公司", "腾讯科技(深圳)"},  // full-width parentheses, content kept
      {"腾讯科技(深圳)有限公司", "腾讯科技(深圳)"},
      {"ＡＢＣ\xE3\x80\x80Ｔｒａｄｉｎｇ１２３", "abc trading123"},  // full-width letters, space
      {"Acme Co., Ltd.", "acme"},
      {"ACME CO.,LTD", "acme"},
      {"Acme Trading Co., Limited", "acme trading"},
      {"Acme, Inc.", "acme"},
      {"Acme LLC", "acme"},
      {"Acme\tInc", "acme"},
      {"Costco", "costco"},  // "co" inside a word stays
      {"Tesco Inc", "tesco"},
      {"Acme Company", "acme company"},  // not a listed suffix
      {"公司", "公司"},                  // a name that is only a suffix is kept
      {"Inc.", "inc."},
      {"有限公司公司", "有限公司"},          // one Chinese suffix only
      {"北京分公司有限公司", "北京分公司"},  // a branch keeps its 分公司
      {"Acme Ltd 有限公司", "acme"},
      {"Acme.", "acme."},  // punctuation goes only with a suffix
  };
  for (const auto& c : cases) {
    EXPECT_EQ(normalize_customer_name(c.in), c.out) << c.in;
  }
}

TEST(Dedupe, SpellingsOfOneCompanyMeet) {
  EXPECT_EQ(normalize_customer_name("华为技术有限公司"), normalize_customer_name(" 华为技术 公司"));
  EXPECT_EQ(normalize_customer_name("Huawei Technologies Co., Ltd."),
            normalize_customer_name("HUAWEI  TECHNOLOGIES"));
}

TEST(Dedupe, NormalizesPhones) {
  const Case cases[] = {
      {"138-0013-8000", "13800138000"},
      {"+86 138 0013 8000", "13800138000"},
      {"0086 13800138000", "13800138000"},
      {"8613800138000", "13800138000"},
      {"(010) 6552-9988", "01065529988"},
      {"+86 10 6552 9988", "861065529988"},       // 86 followed by 10 digits: not a mobile, kept
      {"１３８００１３８０００", "13800138000"},  // full-width digits
      {"021-12345678 ext", "02112345678"},
      {"1234", ""},
      {"12345", "12345"},
      {"", ""},
      {"n/a", ""},
      {"86123456789012", "86123456789012"},  // 14 digits: no prefix stripped
  };
  for (const auto& c : cases) {
    EXPECT_EQ(normalize_phone(c.in), c.out) << c.in;
  }
}

}  // namespace
}  // namespace fupan
