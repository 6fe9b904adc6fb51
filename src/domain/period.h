// Periods of SPEC section 6: a day, an ISO week, a month, a quarter, a fiscal quarter, a year, a
// fiscal year or a custom range of local days, always [start, end) in the org's calendar; their
// previous period (环比) and the same period last year (同比); working days. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace fupan {

enum class PeriodKind { day, week, month, quarter, fiscal_quarter, year, fiscal_year, range };

struct Period {
  PeriodKind kind = PeriodKind::day;
  LocalDate start{};  // the first local day
  LocalDate end{};    // the first local day after the period
  std::string label;  // canonical text: "2026-11-22", "2026-W47", "2026-11", "2026-Q4",
                      // "FY2026-Q1", "2026", "FY2026", "2026-11-01..2026-11-30"

  int days() const { return static_cast<int>((end - start).count()); }
  bool contains(LocalDate d) const { return start <= d && d < end; }
  friend bool operator==(const Period&, const Period&) = default;
};

// Parses a period as written in the API. A range's second day is inclusive, as people write it
// ("2026-11-01..2026-11-30" is November). FY<y> starts on the first day of `fiscal_start_month`
// (1–12) of year y. Errors are invalid("period", why).
Result<Period> parse_period(std::string_view text, int fiscal_start_month = 1);

// The period of `kind` (not range) that contains `day`.
Period period_containing(PeriodKind kind, LocalDate day, int fiscal_start_month = 1);

// 环比: the period of the same kind just before; for a range, the range of the same length that
// ends where `p` starts.
Period previous_period(const Period& p, int fiscal_start_month = 1);

// 同比: the same day, month, quarter or year one year earlier; for a week the same ISO week number
// of the previous ISO year (W53 maps to that year's last week); for a range the same days one year
// earlier (29 February maps to 28 February).
Period same_period_last_year(const Period& p, int fiscal_start_month = 1);

// The periods of `kind` that overlap `outer`, each clipped to `outer` (label unchanged), in order.
// Their days add up to `outer`'s.
std::vector<Period> periods_within(PeriodKind kind, const Period& outer,
                                   int fiscal_start_month = 1);

// Parses "day", "week", "month", "quarter", "fiscal_quarter", "year", "fiscal_year".
std::optional<PeriodKind> parse_period_kind(std::string_view text);
// "day", "week", "month", "quarter", "fiscal_quarter", "year", "fiscal_year", "range".
std::string_view period_kind_name(PeriodKind kind);

// `d` moved by `n` calendar months, the day of month clamped to the month's end (31 Mar − 1 month
// is 28 or 29 Feb).
LocalDate add_months(LocalDate d, int n);
// The first day of the month of `d`.
LocalDate month_start(LocalDate d);

// Monday to Friday in [start, end) that are not in `holidays` (sorted ascending).
int working_days(LocalDate start, LocalDate end, const std::vector<LocalDate>& holidays);

}  // namespace fupan
