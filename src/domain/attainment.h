// Attainment 达成率 (SPEC §6): actual / target, where a period without a target of its own takes
// the target of the smallest period that encloses it, prorated by working days. Pure.
#pragma once

#include <optional>
#include <vector>

#include "core/money.h"
#include "domain/period.h"

namespace fupan {

// One target of a metric for a scope: its period [start, end) and value (分 or a count).
struct TargetPeriod {
  LocalDate start{}, end{};
  std::int64_t value = 0;
};

// The target for `p`: the one set for exactly `p`; else the smallest target period enclosing `p`
// (ties: the first) × working days in `p` / working days in it, unrounded (a count's share may be
// a fraction); nullopt when there is none or the enclosing period has no working day.
std::optional<double> target_for(const std::vector<TargetPeriod>& targets, const Period& p,
                                 const std::vector<LocalDate>& holidays);
// The money target for `p` (values in 分): as target_for, a prorated share rounded half-even to
// whole 分 (docs/metrics.md); nullopt as there, or when the share does not fit in int64.
std::optional<Fen> money_target_for(const std::vector<TargetPeriod>& targets, const Period& p,
                                    const std::vector<LocalDate>& holidays);

}  // namespace fupan
