#include "domain/reviews/review_card.h"

#include <gtest/gtest.h>

namespace fupan::reviews {
namespace {

TEST(ReviewCard, UnderASectionWithAPointAndItsWhy) {
  Card c;
  c.section = "funnel";
  c.tone = CardTone::went_wrong;
  c.text = "方案阶段转化率只有 30%";
  c.why = "方案模板老旧";
  EXPECT_TRUE(check_card(c).ok());
  c.section = "weather";
  EXPECT_EQ(check_card(c).error().field, "section");
  c.section = "general";
  c.text = "";
  EXPECT_EQ(check_card(c).error().code, ErrorCode::missing_field);
  c.text = std::string(501, 'x');
  EXPECT_EQ(check_card(c).error().field, "text");
  c.text = "ok";
  c.why = std::string(1001, 'x');
  EXPECT_EQ(check_card(c).error().field, "why");
  EXPECT_EQ(parse_card_tone("lesson"), CardTone::lesson);
  EXPECT_EQ(card_tone_name(CardTone::went_well), "went_well");
}

}  // namespace
}  // namespace fupan::reviews
