#include "domain/goals/calendar_split.h"

#include "domain/goals/apportion.h"

namespace fupan::goals {

Result<std::vector<PeriodShare>> split_by_working_days(std::int64_t total, const Period& outer,
                                                       PeriodKind kind,
                                                       const std::vector<LocalDate>& holidays,
                                                       int fiscal_start_month) {
  const std::vector<Period> parts = periods_within(kind, outer, fiscal_start_month);
  std::vector<std::int64_t> weights;
  weights.reserve(parts.size());
  for (const Period& p : parts) weights.push_back(working_days(p.start, p.end, holidays));
  auto values = apportion(total, weights, "period");
  if (!values.ok()) {
    if (values.error().detail.code == DetailCode::all_weights_zero) {
      return Error::invalid("period", detail::no_working_days);
    }
    return values.error();
  }
  std::vector<PeriodShare> out;
  out.reserve(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) out.push_back({parts[i], (*values)[i]});
  return out;
}

Result<std::vector<PeriodShare>> split_by_seasonality(std::int64_t total, const Period& year,
                                                      std::span<const std::int64_t> seasonality,
                                                      int fiscal_start_month) {
  const std::vector<Period> months = periods_within(PeriodKind::month, year, fiscal_start_month);
  if (seasonality.size() != 12 || months.size() != 12) {
    return Error::invalid("seasonality", detail::twelve_months);
  }
  FUPAN_ASSIGN_OR_RETURN(auto values, apportion(total, seasonality, "seasonality"));
  std::vector<PeriodShare> out;
  out.reserve(12);
  for (std::size_t i = 0; i < 12; ++i) out.push_back({months[i], values[i]});
  return out;
}

}  // namespace fupan::goals
