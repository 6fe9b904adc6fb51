// The SMART check of a target (SPEC §3): measurable (a metric), time-bound (a period), owned (a
// scope), and achievable but challenging against the scope's own history. Its findings are
// warnings, never errors: a manager may set a stretch goal on purpose. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace fupan::goals {

enum class SmartWarning {
  no_owner,         // no scope: nobody answers for it
  no_period,        // no period: no deadline
  not_challenging,  // below the trailing average of the scope's recent periods
  not_achievable,   // above the best period ever by more than the factor
};

struct SmartFinding {
  SmartWarning warning;
  // The history that justifies a not_challenging or not_achievable warning.
  std::optional<double> trailing_average;  // of the last `trailing` periods
  std::optional<std::int64_t> best;        // the best period in the history
};

struct SmartPolicy {
  int trailing = 3;                // periods in the trailing average
  double achievable_factor = 1.5;  // a target above best × this is not achievable
};

// Checks a target of `value` (分 or a count). `history` holds the scope's actuals in the periods
// of the same kind before it, newest first (e.g. the last 12 months for a month's target); an
// empty history checks only owner and period.
std::vector<SmartFinding> smart_check(std::int64_t value, bool has_owner, bool has_period,
                                      const std::vector<std::int64_t>& history,
                                      const SmartPolicy& policy = {});

}  // namespace fupan::goals
