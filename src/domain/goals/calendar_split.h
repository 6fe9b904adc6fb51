// A target split down the calendar (SPEC §3): a year to its months by a seasonality distribution,
// any period to its quarters, months, weeks or days by working days (the org's holidays
// honoured), each split adding up to its parent exactly. Pure.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/error.h"
#include "domain/period.h"

namespace fupan::goals {

// A part of a split: a period and its share of the parent's value.
struct PeriodShare {
  Period period;
  std::int64_t value = 0;
};

// Splits `total` for `outer` over its periods of `kind` (clipped to it) in proportion to their
// working days: Monday to Friday not in `holidays` (sorted). A part with no working day (a
// weekend, a holiday) gets 0. invalid("period", no_working_days) when `outer` has none.
Result<std::vector<PeriodShare>> split_by_working_days(std::int64_t total, const Period& outer,
                                                       PeriodKind kind,
                                                       const std::vector<LocalDate>& holidays,
                                                       int fiscal_start_month = 1);

// Splits `total` for a year (calendar or fiscal) over its 12 months by `seasonality`: one weight
// per month in the year's order (e.g. percentages, or last year's monthly sales).
// invalid("seasonality", ...) unless there are 12 weights, none negative, not all 0.
Result<std::vector<PeriodShare>> split_by_seasonality(std::int64_t total, const Period& year,
                                                      std::span<const std::int64_t> seasonality,
                                                      int fiscal_start_month = 1);

}  // namespace fupan::goals
