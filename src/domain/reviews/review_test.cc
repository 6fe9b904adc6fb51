#include "domain/reviews/review.h"

#include <gtest/gtest.h>

namespace fupan::reviews {
namespace {

TEST(Review, CoversAWeekAMonthAQuarterOrARange) {
  EXPECT_EQ(parse_review_period("2026-W53")->label, "2026-W53");
  EXPECT_EQ(parse_review_period("2026-11")->days(), 30);
  EXPECT_EQ(parse_review_period("2028-Q1")->days(), 91);  // 29 February included
  const auto range = parse_review_period("2026-10-01..2026-10-07");
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->days(), 7);
  for (const char* text : {"2026-12-07", "2026", "FY2026"}) {
    const auto p = parse_review_period(text);
    ASSERT_FALSE(p.ok()) << text;
    EXPECT_EQ(p.error().field, "period");
  }
  EXPECT_FALSE(parse_review_period("2026-13").ok());
}

TEST(Review, MeetingStartsOnceAndClosingLocks) {
  Review r;
  EXPECT_TRUE(check_may_start(r).ok());
  r.status = ReviewStatus::meeting;
  EXPECT_EQ(check_may_start(r).error().code, ErrorCode::forbidden);
  EXPECT_TRUE(check_open(r).ok());
  r.status = ReviewStatus::closed;
  EXPECT_EQ(check_open(r).error().code, ErrorCode::forbidden);
  EXPECT_EQ(check_may_start(r).error().code, ErrorCode::forbidden);
}

TEST(Review, TitleAndSummaryLengths) {
  EXPECT_EQ(check_title("  ").error().code, ErrorCode::missing_field);
  EXPECT_TRUE(check_title("十一月复盘").ok());
  std::string eighty, eighty_one;
  for (int i = 0; i < 80; ++i) eighty += "复";
  eighty_one = eighty + "盘";
  EXPECT_TRUE(check_title(eighty).ok());
  EXPECT_EQ(check_title(eighty_one).error().field, "title");
  EXPECT_TRUE(check_summary("").ok());
  EXPECT_FALSE(check_summary(std::string(5001, 'a')).ok());
}

TEST(Review, OwnerAndParticipantsTakePart) {
  Review r;
  r.owner = UserId{1};
  r.participants = {UserId{2}, UserId{3}};
  EXPECT_TRUE(takes_part(r, UserId{1}));
  EXPECT_TRUE(takes_part(r, UserId{3}));
  EXPECT_FALSE(takes_part(r, UserId{4}));
  EXPECT_EQ(parse_review_status("meeting"), ReviewStatus::meeting);
  EXPECT_EQ(parse_review_status("done"), std::nullopt);
}

}  // namespace
}  // namespace fupan::reviews
