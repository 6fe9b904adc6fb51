#include "domain/goals/apportion.h"

#include <gtest/gtest.h>

#include <random>

namespace fupan::goals {
namespace {

using Parts = std::vector<std::int64_t>;

TEST(Apportion, PartsAddUpToTheWholeWhenWeightsDoNotDivideIt) {
  EXPECT_EQ(apportion(100, Parts{1, 1, 1}).value(), (Parts{34, 33, 33}));
  EXPECT_EQ(apportion(10, Parts{1, 2, 3, 4}).value(), (Parts{1, 2, 3, 4}));
  // 1.1, 2.2, 3.3, 4.4: the one left goes to the largest remainder, .4.
  EXPECT_EQ(apportion(11, Parts{1, 2, 3, 4}).value(), (Parts{1, 2, 3, 5}));
  EXPECT_EQ(apportion(1, Parts{1, 1}).value(), (Parts{1, 0}));  // a tie: the earlier part
  EXPECT_EQ(apportion(0, Parts{3, 7}).value(), (Parts{0, 0}));
  EXPECT_EQ(apportion(500, Parts{0, 5, 0}).value(), (Parts{0, 500, 0}));
}

TEST(Apportion, HugeTotalsAndWeightsStayExact) {
  const std::int64_t total = 900'000'000'000'000'000;  // beyond int64 once multiplied
  auto parts = apportion(total, Parts{3, 3, 3, 1'000'000'000'000});
  ASSERT_TRUE(parts.ok());
  std::int64_t sum = 0;
  for (std::int64_t p : *parts) sum += p;
  EXPECT_EQ(sum, total);
}

TEST(Apportion, RefusesWhatCannotBeSplit) {
  EXPECT_EQ(apportion(100, Parts{}).error().detail, Detail(detail::no_weights));
  EXPECT_EQ(apportion(100, Parts{1, -1}).error().detail, Detail(detail::negative_weight));
  EXPECT_EQ(apportion(100, Parts{0, 0}).error().detail, Detail(detail::all_weights_zero));
  EXPECT_EQ(apportion(-1, Parts{1}).error().field, "value");
}

TEST(Apportion, RandomSplitsAddUpAndStayWithinOneOfTheExactShare) {
  std::mt19937_64 rng(20261207);
  for (int round = 0; round < 2000; ++round) {
    const std::int64_t total = static_cast<std::int64_t>(rng() % 10'000'000'000);
    Parts weights(1 + rng() % 12);
    for (auto& w : weights) w = static_cast<std::int64_t>(rng() % 1000);
    weights[rng() % weights.size()] += 1;  // not all 0
    auto parts = apportion(total, weights);
    ASSERT_TRUE(parts.ok());
    std::int64_t sum = 0, weight_sum = 0;
    for (std::int64_t w : weights) weight_sum += w;
    for (std::size_t i = 0; i < parts->size(); ++i) {
      sum += (*parts)[i];
      const long double exact =
          static_cast<long double>(total) * weights[i] / static_cast<long double>(weight_sum);
      EXPECT_LT(std::abs(static_cast<long double>((*parts)[i]) - exact), 1.0L);
    }
    EXPECT_EQ(sum, total);
  }
}

TEST(Apportion, EquallyAndByLastYearsShare) {
  EXPECT_EQ(split_equally(10, 3), (Parts{4, 3, 3}));
  EXPECT_EQ(split_equally(5, 0), Parts{});
  EXPECT_EQ(split_by_share(1000, Parts{300, 100, 0}).value(), (Parts{750, 250, 0}));
  // Nobody sold last year: equal shares rather than an error.
  EXPECT_EQ(split_by_share(1000, Parts{0, 0, 0}).value(), (Parts{334, 333, 333}));
}

}  // namespace
}  // namespace fupan::goals
