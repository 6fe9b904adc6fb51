#include "domain/forecast.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

TEST(Forecast, UnderAYearIsTheMean) {
  const auto f = seasonal_forecast({10, 20, 30}, 2);
  EXPECT_EQ(f.method, ForecastMethod::mean);
  EXPECT_EQ(f.values, (std::vector<double>{20, 20}));
  EXPECT_EQ(seasonal_forecast({}, 1).values, (std::vector<double>{0}));
}

TEST(Forecast, AYearRepeatsItself) {
  std::vector<double> h;
  for (int i = 1; i <= 12; ++i) h.push_back(i);
  const auto f = seasonal_forecast(h, 2);
  EXPECT_EQ(f.method, ForecastMethod::seasonal_naive);
  EXPECT_EQ(f.values, (std::vector<double>{1, 2}));
}

TEST(Forecast, ThirteenToTwentyFourMonthsGrowByTheMonthsBothYearsHave) {
  std::vector<double> h;
  for (int i = 1; i <= 14; ++i) h.push_back(i);  // months 1..14
  const auto f = seasonal_forecast(h, 3);
  EXPECT_EQ(f.method, ForecastMethod::seasonal_growth);
  // Months 13–14 (13 + 14 = 27) against months 1–2 (1 + 2 = 3): ×9. The next month is 12 months
  // after month 3.
  EXPECT_DOUBLE_EQ(f.values[0], 3 * 9.0);
  EXPECT_DOUBLE_EQ(f.values[2], 5 * 9.0);
}

TEST(Forecast, TwoYearsGrowLastYearByTheTrailingGrowth) {
  std::vector<double> h(12, 100.0);                              // a flat first year
  for (int i = 0; i < 12; ++i) h.push_back(i == 0 ? 240 : 110);  // 240 + 11 × 110 = 1450
  const auto f = seasonal_forecast(h, 13);
  EXPECT_EQ(f.method, ForecastMethod::seasonal_growth);
  const double g = 1450.0 / 1200.0;
  EXPECT_DOUBLE_EQ(f.values[0], 240 * g);  // the same month last year
  EXPECT_DOUBLE_EQ(f.values[1], 110 * g);
  EXPECT_DOUBLE_EQ(f.values[12], 240 * g * g);  // a year further: grown twice
}

TEST(Forecast, BacktestForecastsEachMonthFromTheMonthsBefore) {
  std::vector<double> h(12, 100.0);
  h.push_back(120);  // month 13: from a flat year, 100
  h.push_back(0);    // month 14: 100 × (120 / 100) = 120; no percentage error for a zero month
  const Backtest b = backtest(h, 2);
  ASSERT_EQ(b.points.size(), 2u);
  EXPECT_EQ(b.points[0].index, 12u);
  EXPECT_EQ(b.points[0].forecast, 100);
  EXPECT_DOUBLE_EQ(*b.mae, (20.0 + 120.0) / 2);
  EXPECT_DOUBLE_EQ(*b.mape, 20.0 / 120.0);
  EXPECT_FALSE(backtest({}, 3).mae);
}

}  // namespace
}  // namespace fupan
