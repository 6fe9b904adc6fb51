// Changing a stored pipeline's stages: the requested list (existing stages named by id, new ones
// without) becomes inserts, updates and removals. Pure; the service checks removals against use.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/error.h"
#include "domain/pipeline.h"

namespace fupan {

struct StageEditPlan {
  std::vector<StageDef> inserts;       // id 0
  std::vector<StageDef> updates;       // existing stages with their new name/position/...
  std::vector<StageDef> removals;      // existing stages not requested, as stored
  std::vector<StageDef> kind_changes;  // updated stages whose kind changes, as stored
};

// Plans turning `existing` into `requested` (positions as requested). Fails with
// invalid("stages", ...) when a requested id is not a stage of this pipeline or is listed twice.
// Does not validate the resulting pipeline (see validate_stages).
Result<StageEditPlan> plan_stage_edit(std::span<const StageDef> existing,
                                      std::span<const StageDef> requested);

}  // namespace fupan
