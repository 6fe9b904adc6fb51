#include "domain/goals/smart_check.h"

#include <algorithm>

namespace fupan::goals {

std::vector<SmartFinding> smart_check(std::int64_t value, bool has_owner, bool has_period,
                                      const std::vector<std::int64_t>& history,
                                      const SmartPolicy& policy) {
  std::vector<SmartFinding> out;
  if (!has_owner) out.push_back({SmartWarning::no_owner, std::nullopt, std::nullopt});
  if (!has_period) out.push_back({SmartWarning::no_period, std::nullopt, std::nullopt});
  if (history.empty()) return out;
  const std::size_t n =
      std::min(history.size(), static_cast<std::size_t>(std::max(1, policy.trailing)));
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += static_cast<double>(history[i]);
  const double average = sum / static_cast<double>(n);
  const std::int64_t best = *std::max_element(history.begin(), history.end());
  if (static_cast<double>(value) < average) {
    out.push_back({SmartWarning::not_challenging, average, best});
  } else if (best > 0 &&
             static_cast<double>(value) > static_cast<double>(best) * policy.achievable_factor) {
    out.push_back({SmartWarning::not_achievable, average, best});
  }
  return out;
}

}  // namespace fupan::goals
