#include "domain/reviews/library_search.h"

#include <gtest/gtest.h>

namespace fupan::reviews {
namespace {

TEST(LibrarySearch, EveryWordMustBeFoundIgnoringAsciiCase) {
  EXPECT_TRUE(matches_words("华东 Acme 医疗", ""));
  EXPECT_TRUE(matches_words("华东 Acme 医疗", "acme 医疗"));
  EXPECT_TRUE(matches_words("华东 Acme 医疗", "  ACME  "));
  EXPECT_FALSE(matches_words("华东 Acme 医疗", "acme 教育"));
}

TEST(LibrarySearch, AFullWidthSpaceSeparatesWordsAsAChineseKeyboardTypesIt) {
  EXPECT_TRUE(matches_words("报价前先确认预算 客户", "报价\xE3\x80\x80预算"));
  EXPECT_FALSE(matches_words("报价前先确认预算", "报价\xE3\x80\x80折扣"));
}

TEST(LibrarySearch, ALessonMatchesInItsPointItsWhyOrItsReviewsTitle) {
  Card lesson;
  lesson.tone = CardTone::lesson;
  lesson.text = "报价前先确认预算";
  lesson.why = "两单因预算不足丢失";
  EXPECT_TRUE(lesson_matches(lesson, "华东一组 2026-Q3 复盘", "预算"));
  EXPECT_TRUE(lesson_matches(lesson, "华东一组 2026-Q3 复盘", "丢失"));
  EXPECT_TRUE(lesson_matches(lesson, "华东一组 2026-Q3 复盘", "Q3 报价"));
  EXPECT_FALSE(lesson_matches(lesson, "华东一组 2026-Q3 复盘", "竞品"));
}

}  // namespace
}  // namespace fupan::reviews
