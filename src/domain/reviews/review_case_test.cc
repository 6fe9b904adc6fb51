#include "domain/reviews/review_case.h"

#include <gtest/gtest.h>

namespace fupan::reviews {
namespace {

TEST(ReviewCase, SearchFindsEveryWordInChineseToo) {
  ReviewCase c;
  c.opportunity_name = "华东医院信息化二期";
  c.customer_name = "上海第一人民医院";
  c.industry = "医疗";
  c.competitor = "Acme Soft";
  c.lost_reason = "价格高于对手 15%";
  c.tags = {"招投标", "大客户"};
  EXPECT_TRUE(case_matches(c, "价格", "医疗 价格"));
  EXPECT_TRUE(case_matches(c, "价格", "acme"));
  EXPECT_TRUE(case_matches(c, "", "招投标"));
  EXPECT_TRUE(case_matches(c, "", ""));
  EXPECT_FALSE(case_matches(c, "价格", "医疗 制造"));
  EXPECT_TRUE(case_matches(c, "客户关系", "客户关系"));  // the root cause's name
}

TEST(ReviewCase, NoteAndTags) {
  ReviewCase c;
  EXPECT_TRUE(check_case_text(c).ok());
  c.tags = {"a,b"};
  EXPECT_EQ(check_case_text(c).error().field, "tags[0]");
  c.tags = {"ok", " "};
  EXPECT_EQ(check_case_text(c).error().field, "tags[1]");
  c.tags.assign(11, "t");
  EXPECT_EQ(check_case_text(c).error().field, "tags");
  c.tags.clear();
  c.note = std::string(2001, 'x');
  EXPECT_EQ(check_case_text(c).error().field, "note");
  EXPECT_EQ(parse_case_outcome("lost"), CaseOutcome::lost);
  EXPECT_EQ(parse_case_outcome("open"), std::nullopt);
}

}  // namespace
}  // namespace fupan::reviews
