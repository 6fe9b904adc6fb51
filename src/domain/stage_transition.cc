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
  // Split so that no intermediate exceeds the amount (probability is 0..100).
  const std::int64_t fen = amount.value();
  if (fen < 0) return -weighted_amount(-amount, probability);
  return Fen{fen / 100 * probability + (fen % 100 * probability + 50) / 100};
}

}  // namespace fupan
