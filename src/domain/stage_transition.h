// What an opportunity's stage means for the rest of it (SPEC §2): its status follows the stage's
// kind, and it is closed from the moment it enters a won or lost stage until it is reopened.
#pragma once

#include <optional>
#include <span>

#include "core/money.h"
#include "core/time.h"
#include "domain/pipeline.h"

namespace fupan {

struct StageOutcome {
  StageKind status = StageKind::open;
  std::optional<Instant> closed_at;
};

// Returns the status and close time of an opportunity entering (or staying in) a stage of
// `kind` at `now`, given its previous status and close time (previous empty on create): closed
// now when it becomes won or lost, unchanged while it stays so, open with no close time otherwise.
StageOutcome stage_outcome(std::optional<StageKind> previous_status,
                           std::optional<Instant> previous_closed_at, StageKind kind, Instant now);

// Returns the open stage with the lowest position, or nullptr when there is none.
const StageDef* first_open_stage(std::span<const StageDef> stages);

// Returns amount × probability / 100 in 分, rounded half to even (core/money.h).
Fen weighted_amount(Fen amount, int probability);

}  // namespace fupan
