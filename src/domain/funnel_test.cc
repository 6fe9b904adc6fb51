#include "domain/funnel.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

TEST(Funnel, TheBottleneckFallsFurthestBelowItsBenchmark) {
  // Stage 1 converts 0.5 against 0.6 (ratio 0.83); stage 2 0.3 against 0.5 (0.6); stage 3 above.
  EXPECT_EQ(bottleneck({std::nullopt, 0.5, 0.3, 0.9}, {std::nullopt, 0.6, 0.5, 0.8}), 2u);
}

TEST(Funnel, NoBottleneckWhenEveryStageMeetsItsBenchmark) {
  EXPECT_FALSE(bottleneck({std::nullopt, 0.7, 0.6}, {std::nullopt, 0.6, 0.5}));
  EXPECT_FALSE(bottleneck({std::nullopt, std::nullopt}, {std::nullopt, 0.5}));
}

}  // namespace
}  // namespace fupan
