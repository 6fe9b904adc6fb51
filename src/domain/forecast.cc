#include "domain/forecast.h"

#include <cmath>

namespace fupan {

std::string_view forecast_method_name(ForecastMethod m) {
  switch (m) {
    case ForecastMethod::mean:
      return "mean";
    case ForecastMethod::seasonal_naive:
      return "seasonal_naive";
    case ForecastMethod::seasonal_growth:
      return "seasonal_growth";
  }
  return "";
}

SeriesForecast seasonal_forecast(const std::vector<double>& history, int horizon) {
  SeriesForecast out;
  const std::size_t n = history.size();
  if (horizon <= 0) return out;
  if (n < 12) {
    double sum = 0;
    for (double v : history) sum += v;
    out.values.assign(static_cast<std::size_t>(horizon), n ? sum / static_cast<double>(n) : 0.0);
    return out;
  }
  // The trend: the latest k months (up to a year) against the same k months a year before.
  double growth = 1;
  out.method = ForecastMethod::seasonal_naive;
  const std::size_t k = std::min<std::size_t>(12, n - 12);
  if (k > 0) {
    double last = 0, before = 0;
    for (std::size_t i = n - k; i < n; ++i) last += history[i];
    for (std::size_t i = n - 12 - k; i < n - 12; ++i) before += history[i];
    if (before > 0) growth = last / before;
    out.method = ForecastMethod::seasonal_growth;
  }
  for (int h = 0; h < horizon; ++h) {
    // Month h ahead is the same month (h mod 12) of the last year of history, grown once per
    // year ahead.
    const double base = history[n - 12 + static_cast<std::size_t>(h % 12)];
    out.values.push_back(base * std::pow(growth, h / 12 + 1));
  }
  return out;
}

Backtest backtest(const std::vector<double>& history, int months) {
  Backtest out;
  const std::size_t n = history.size();
  const std::size_t k = std::min(n, static_cast<std::size_t>(std::max(months, 0)));
  double abs_sum = 0, pct_sum = 0;
  std::size_t pct_n = 0;
  for (std::size_t t = n - k; t < n; ++t) {
    if (t == 0) continue;  // nothing to forecast from
    const std::vector<double> before(history.begin(), history.begin() + static_cast<long>(t));
    const double f = seasonal_forecast(before, 1).values.front();
    out.points.push_back({t, history[t], f});
    abs_sum += std::abs(history[t] - f);
    if (history[t] != 0) {
      pct_sum += std::abs(history[t] - f) / std::abs(history[t]);
      ++pct_n;
    }
  }
  if (!out.points.empty()) out.mae = abs_sum / static_cast<double>(out.points.size());
  if (pct_n) out.mape = pct_sum / static_cast<double>(pct_n);
  return out;
}

}  // namespace fupan
