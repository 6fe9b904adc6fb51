#include "domain/attainment.h"

namespace fupan {

std::optional<double> target_for(const std::vector<TargetPeriod>& targets, const Period& p,
                                 const std::vector<LocalDate>& holidays) {
  const TargetPeriod* smallest = nullptr;
  for (const TargetPeriod& t : targets) {
    if (t.start == p.start && t.end == p.end) return static_cast<double>(t.value);
    if (t.start <= p.start && p.end <= t.end &&
        (smallest == nullptr || t.end - t.start < smallest->end - smallest->start)) {
      smallest = &t;
    }
  }
  if (smallest == nullptr) return std::nullopt;
  const int whole = working_days(smallest->start, smallest->end, holidays);
  if (whole == 0) return std::nullopt;
  return static_cast<double>(smallest->value) * working_days(p.start, p.end, holidays) / whole;
}

}  // namespace fupan
