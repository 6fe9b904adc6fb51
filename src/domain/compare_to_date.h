// 环比 and 同比 of a period in progress (docs/metrics.md, "Periods in progress"): a period that has
// begun but not ended is compared to date — its days so far against as many days (or working
// days, as the org chooses) from the start of the previous period and of the same period last
// year, the way MTD / QTD / YTD work. A period that has not begun has no value yet. Pure.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "domain/period.h"

namespace fupan {

// What the viewer asked for: to date (the default) or whole periods (the old behaviour).
enum class CompareMode { to_date, full };
std::optional<CompareMode> parse_compare_mode(std::string_view text);

// How the elapsed part of a period is measured (an org setting).
enum class ElapsedBasis { calendar_days, working_days };
std::optional<ElapsedBasis> parse_elapsed_basis(std::string_view text);
std::string_view elapsed_basis_name(ElapsedBasis b);

// What a period was compared as: whole (it is over, or full was asked), to date (it is in
// progress), or not at all (it starts after today).
enum class Comparison { full, to_date, future };
std::string_view comparison_name(Comparison c);

// The question's rule: the mode, the viewer's today in the org's zone (none: compare whole), and
// the org's way of counting elapsed days.
struct CompareRule {
  CompareMode mode = CompareMode::full;
  std::optional<LocalDate> today;
  ElapsedBasis basis = ElapsedBasis::calendar_days;
};

// How far a period in progress has run: `count` days or working days, today included.
struct Elapsed {
  ElapsedBasis basis = ElapsedBasis::calendar_days;
  int count = 0;
};

// How `p` is compared under `rule`.
Comparison comparison_of(const Period& p, const CompareRule& rule);

// The days or working days of `p` from its start through `today` (inclusive; `today` in `p`).
Elapsed elapsed_in(const Period& p, LocalDate today, ElapsedBasis basis,
                   const std::vector<LocalDate>& holidays);

// The first part of a compared period `p` that has run as far as `e`: its first `e.count` days,
// or its days through its `e.count`-th working day (with none, the days before its first working
// day); all of `p` when it is shorter. Kind and label stay `p`'s: only the end moves. (The period
// in progress itself counts through today.)
Period part_to_date(const Period& p, const Elapsed& e, const std::vector<LocalDate>& holidays);

}  // namespace fupan
