// What the goals compare their targets with: the actual of a metric for a scope over days, from
// the analytics index, many at once under one read (a team's progress asks for dozens).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "domain/metric_scope.h"
#include "service/platform/context.h"

namespace fupan::service {

struct ActualAsk {
  std::string metric;  // an additive metric's name
  ScopeRef scope;
  LocalDate from, to;  // [from, to); none when empty
};

// The answer to each ask, in order (0 without the analytics index); equal to the metrics' value
// of the metric for the scope over those days.
std::vector<std::int64_t> goal_actuals(const Context& ctx, const Actor& actor,
                                       std::span<const ActualAsk> asks);

// The holidays of the org as the analytics index holds them (sorted), else as the store does.
std::vector<LocalDate> org_holidays(const Context& ctx, OrgId org);

}  // namespace fupan::service
