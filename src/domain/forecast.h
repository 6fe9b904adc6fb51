// Forecasting 预测 (SPEC §5) from a monthly history, oldest first: the seasonal method a sales
// manager can check by hand (last year's same month × how much the latest months grew on the same
// months a year before), and its backtest on past months (each forecast from the months before it
// only). Pure.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace fupan {

enum class ForecastMethod {
  mean,             // under 12 months of history: their mean
  seasonal_naive,   // 12–23 months: the same month last year
  seasonal_growth,  // 24 months or more: the same month last year × (last 12 months / the 12
                    // before)
};
std::string_view forecast_method_name(ForecastMethod m);

struct SeriesForecast {
  ForecastMethod method = ForecastMethod::mean;
  std::vector<double> values;  // the next `horizon` months
};

// Forecasts the `horizon` months after `history`.
SeriesForecast seasonal_forecast(const std::vector<double>& history, int horizon);

struct BacktestPoint {
  std::size_t index = 0;  // into the history
  double actual = 0, forecast = 0;
};

struct Backtest {
  std::vector<BacktestPoint> points;
  std::optional<double> mape;  // mean |actual − forecast| / actual over months with actual ≠ 0
  std::optional<double> mae;   // mean |actual − forecast|
};

// Forecasts each of the last `months` months of `history` one month ahead from the months before
// it, and measures the error.
Backtest backtest(const std::vector<double>& history, int months);

}  // namespace fupan
