#include "domain/quadrant.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

TEST(Quadrant, MedianOfOddAndEvenCounts) {
  EXPECT_EQ(median({3, 1, 2}), 2);
  EXPECT_EQ(median({4, 1, 3, 2}), 2.5);
  EXPECT_EQ(median({}), 0);
}

TEST(Quadrant, SplitsAtTheMediansAndLeavesPointsWithoutGrowthOut) {
  std::vector<QuadrantPoint> points = {
      {"team:1", "一组", 100, 0.5, {}}, {"team:2", "二组", 300, -0.1, {}},
      {"team:3", "三组", 200, 0.2, {}}, {"team:4", "四组", 50, std::nullopt, {}},
      {"team:5", "五组", 400, 0.3, {}},
  };
  const QuadrantSplit split = median_split(points);
  EXPECT_EQ(split.sales, 250);    // median of 100, 300, 200, 400
  EXPECT_EQ(split.growth, 0.25);  // median of 0.5, -0.1, 0.2, 0.3
  classify(points, split);
  EXPECT_EQ(points[0].quadrant, Quadrant::low_high);
  EXPECT_EQ(points[1].quadrant, Quadrant::high_low);
  EXPECT_EQ(points[2].quadrant, Quadrant::low_low);
  EXPECT_FALSE(points[3].quadrant);
  EXPECT_EQ(points[4].quadrant, Quadrant::high_high);
}

TEST(Quadrant, APointOnALineCountsAsHigh) {
  std::vector<QuadrantPoint> points = {{"a", "a", 10, 0.1, {}}};
  classify(points, {10, 0.1});
  EXPECT_EQ(points[0].quadrant, Quadrant::high_high);
  EXPECT_FALSE(quadrant_action(Quadrant::low_low, false).empty());
}

}  // namespace
}  // namespace fupan
