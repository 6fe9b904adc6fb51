#include "domain/attainment.h"

namespace fupan {

namespace {

// A target's share of a period: value × days / whole.
struct Share {
  std::int64_t value = 0;
  int days = 1, whole = 1;
};

// The target set for exactly `p` (a share of 1/1), else the smallest enclosing one's share by
// working days; nullopt when there is none or the enclosing period has no working day.
std::optional<Share> share_for(const std::vector<TargetPeriod>& targets, const Period& p,
                               const std::vector<LocalDate>& holidays) {
  const TargetPeriod* smallest = nullptr;
  for (const TargetPeriod& t : targets) {
    if (t.start == p.start && t.end == p.end) return Share{t.value, 1, 1};
    if (t.start <= p.start && p.end <= t.end &&
        (smallest == nullptr || t.end - t.start < smallest->end - smallest->start)) {
      smallest = &t;
    }
  }
  if (smallest == nullptr) return std::nullopt;
  const int whole = working_days(smallest->start, smallest->end, holidays);
  if (whole == 0) return std::nullopt;
  return Share{smallest->value, working_days(p.start, p.end, holidays), whole};
}

}  // namespace

std::optional<double> target_for(const std::vector<TargetPeriod>& targets, const Period& p,
                                 const std::vector<LocalDate>& holidays) {
  const auto s = share_for(targets, p, holidays);
  if (!s) return std::nullopt;
  return static_cast<double>(s->value) * s->days / s->whole;
}

std::optional<Fen> money_target_for(const std::vector<TargetPeriod>& targets, const Period& p,
                                    const std::vector<LocalDate>& holidays) {
  const auto s = share_for(targets, p, holidays);
  if (!s) return std::nullopt;
  return round_half_even(Fen{s->value}, s->days, s->whole);
}

}  // namespace fupan
