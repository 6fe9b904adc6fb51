#include "domain/goals/smart_check.h"

#include <gtest/gtest.h>

namespace fupan::goals {
namespace {

std::vector<SmartWarning> warnings(const std::vector<SmartFinding>& f) {
  std::vector<SmartWarning> out;
  for (const SmartFinding& x : f) out.push_back(x.warning);
  return out;
}

// The last four months, newest first: 100, 120, 90, then a record 300.
const std::vector<std::int64_t> kHistory = {100, 120, 90, 300};

TEST(SmartCheck, BelowTheTrailingAverageIsNotChallenging) {
  auto f = smart_check(80, true, true, kHistory);
  ASSERT_EQ(warnings(f), std::vector{SmartWarning::not_challenging});
  EXPECT_NEAR(*f[0].trailing_average, 103.33, 0.01);  // (100 + 120 + 90) / 3
  EXPECT_EQ(f[0].best, 300);
}

TEST(SmartCheck, AboveTheBestByMoreThanTheFactorIsNotAchievable) {
  auto f = smart_check(451, true, true, kHistory);  // 300 × 1.5 = 450
  ASSERT_EQ(warnings(f), std::vector{SmartWarning::not_achievable});
  EXPECT_EQ(f[0].best, 300);
  EXPECT_TRUE(smart_check(450, true, true, kHistory).empty());
  EXPECT_TRUE(smart_check(200, true, true, kHistory).empty());
  EXPECT_EQ(warnings(smart_check(451, true, true, kHistory, {3, 2.0})),
            std::vector<SmartWarning>{});
}

TEST(SmartCheck, NoOwnerOrPeriodAndNoHistory) {
  EXPECT_EQ(warnings(smart_check(100, false, false, {})),
            (std::vector{SmartWarning::no_owner, SmartWarning::no_period}));
  EXPECT_TRUE(smart_check(1, true, true, {}).empty());  // nothing to compare with
  // A scope that never sold: any target is challenging, none is judged unachievable.
  EXPECT_TRUE(smart_check(1000, true, true, {0, 0, 0}).empty());
}

}  // namespace
}  // namespace fupan::goals
