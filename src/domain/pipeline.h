// Sales pipeline stages (SPEC §2): an org configures its stages, each with a win probability; open
// stages lead to exactly one won stage and one or more lost stages.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace fupan {

enum class StageKind { open, won, lost };

// Parses "open", "won" or "lost"; nullopt otherwise.
std::optional<StageKind> parse_stage_kind(std::string_view text);
// Returns "open", "won" or "lost".
std::string_view stage_kind_name(StageKind kind);

struct StageDef {
  std::int64_t id = 0;  // 0 until stored
  std::string name;
  int position = 0;     // order in the pipeline, unique, ascending
  int probability = 0;  // win probability in percent, 0..100
  StageKind kind = StageKind::open;
};

// Returns the default pipeline, unsaved (ids 0): 初步接触 10% → 需求确认 30% → 方案报价 60% → 谈判
// 80% → 赢单 100% (won) / 输单 0% (lost), positions 1..6.
std::vector<StageDef> default_stages();
// Checks a whole pipeline: at least one open stage, exactly one won stage (probability 100), at
// least one lost stage and every lost stage at probability 0, names 1..32 characters and unique,
// positions unique, probabilities 0..100, and open stages' probabilities non-decreasing by
// position. Fails with invalid("stages", ...) naming the first problem.
Status validate_stages(std::span<const StageDef> stages);

}  // namespace fupan
