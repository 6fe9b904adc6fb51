#include "domain/stage_transition.h"

namespace fupan {

StageOutcome stage_outcome(std::optional<StageKind> previous_status,
                           std::optional<Instant> previous_closed_at, StageKind kind, Instant now) {
  if (kind == StageKind::open) return {StageKind::open, std::nullopt};
  if (previous_status == kind && previous_closed_at) return {kind, previous_closed_at};
  return {kind, now};
}

const StageDef* first_open_stage(std::span<const StageDef> stages) {
  const StageDef* first = nullptr;
  for (const StageDef& s : stages) {
    if (s.kind == StageKind::open && (!first || s.position < first->position)) first = &s;
  }
  return first;
}

Fen weighted_amount(Fen amount, int probability) {
  // probability is 0..100, so the result is within the amount and always fits.
  return round_half_even(amount, probability, 100).value_or(amount);
}

}  // namespace fupan
