#include "domain/goals/reverse_funnel.h"

#include <gtest/gtest.h>

namespace fupan::goals {
namespace {

// A rep's last two quarters: 10 orders for 1,000,000 分 (an average of 100,000), 4 opportunities
// won and 6 lost (a win rate of 40 %), 20 opportunities opened after 60 visits (3 a piece).
const FunnelHistory kRep{10, Fen{1'000'000}, 4, 6, 20, 60};

TEST(ReverseFunnel, FromRevenueToOrdersOpportunitiesAndVisits) {
  auto rates = funnel_rates(kRep);
  ASSERT_TRUE(rates);
  EXPECT_EQ(rates->average_order, Fen{100'000});
  EXPECT_DOUBLE_EQ(rates->win_rate, 0.4);
  EXPECT_DOUBLE_EQ(rates->visits_per_opportunity, 3.0);
  const ActivityNeed need = reverse_funnel(Fen{1'000'000}, *rates);
  EXPECT_EQ(need.orders, 10);         // 1,000,000 / 100,000
  EXPECT_EQ(need.opportunities, 25);  // 10 / 0.4
  EXPECT_EQ(need.visits, 75);         // 25 × 3
  // Part of an order is a whole order: 950,000 still takes 10.
  EXPECT_EQ(reverse_funnel(Fen{950'000}, *rates).orders, 10);
  EXPECT_EQ(reverse_funnel(Fen{1'000'001}, *rates).orders, 11);
  EXPECT_EQ(reverse_funnel(Fen{1'000'001}, *rates).opportunities, 28);  // 27.5 → 28
}

TEST(ReverseFunnel, TooLittleHistoryGivesNoRates) {
  EXPECT_FALSE(funnel_rates({}));
  EXPECT_FALSE(funnel_rates({10, Fen{1'000'000}, 0, 6, 20, 60}));  // never won
  EXPECT_FALSE(funnel_rates({10, Fen{1'000'000}, 4, 6, 20, 0}));   // no visits
  EXPECT_EQ(reverse_funnel(Fen{0}, *funnel_rates(kRep)).visits, 0);
}

}  // namespace
}  // namespace fupan::goals
