// The pipeline board (kanban): a pipeline's stages as columns with the opportunities in each, the
// count, the amount and the probability-weighted amount, within the actor's data scope. A card
// moves by the ordinary opportunity change (stage_id and version).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/money.h"
#include "domain/entity_json.h"
#include "domain/entity_record.h"
#include "domain/pipeline.h"
#include "service/platform/context.h"

namespace fupan::service {

struct BoardRequest {
  std::optional<std::int64_t> pipeline_id;  // empty: the org's default pipeline
  std::optional<std::int64_t> owner_id;     // one owner in the actor's scope
  std::string q;                            // searched as in the opportunity list
};

struct BoardColumn {
  StageDef stage;
  std::int64_t count = 0;
  Fen amount;
  Fen weighted_amount;              // amount × the stage's probability
  std::vector<EntityRecord> items;  // the first kBoardColumnItems, latest expected close first
};

struct Board {
  std::int64_t pipeline_id = 0;
  std::string pipeline_name;
  std::vector<BoardColumn> columns;  // by stage position
  RefNames names;                    // of the cards' references
};

inline constexpr std::int64_t kBoardColumnItems = 50;

// Loads the board with the names its cards show; an unknown pipeline or an owner outside the
// scope is invalid_query.
Result<Board> load_board(const Context& ctx, const Actor& actor, const BoardRequest& req);

}  // namespace fupan::service
