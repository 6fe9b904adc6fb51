#include "service/crm/opportunity_board.h"

#include "domain/entity_json.h"
#include "domain/stage_transition.h"
#include "service/crm/entity_service.h"
#include "service/crm/pipeline_service.h"
#include "service/crm/ref_names.h"
#include "store/entity_store.h"
#include "store/pipeline_store.h"

namespace fupan::service {
namespace {

const EntityKind& opportunity_kind() {
  static const EntityKind* const kind = find_entity_kind("opportunity");
  return *kind;
}

Error bad_query(std::string field, Detail why) {
  return {ErrorCode::invalid_query, std::move(field), std::move(why), {}};
}

}  // namespace

Result<Board> load_board(const Context& ctx, const Actor& actor, const BoardRequest& req) {
  auto pipeline = get_pipeline(ctx, actor, req.pipeline_id);
  if (!pipeline.ok()) {
    if (req.pipeline_id) return bad_query("pipeline_id", detail::no_such_pipeline);
    return pipeline.error();
  }
  if (req.owner_id && !actor.scope().sees_user(UserId{*req.owner_id})) {
    return bad_query("owner_id", detail::no_such_user);
  }
  ListRequest list;
  list.page.q = req.q;
  list.page.sort = "-expected_close";
  list.filters.push_back({"pipeline_id", {std::to_string(pipeline->id)}, {}, {}});
  if (req.owner_id) list.filters.push_back({"owner_id", {std::to_string(*req.owner_id)}, {}, {}});
  auto query = build_list_query(actor, opportunity_kind(), list);
  if (!query.ok()) return query.error();

  Board board;
  board.pipeline_id = pipeline->id;
  board.pipeline_name = pipeline->name;
  for (const StageDef& s : pipeline->stages) board.columns.push_back({s, 0, Fen{0}, Fen{0}, {}});

  auto conn = ctx.db.acquire();
  for (const store::StageTotal& total :
       store::opportunity_totals_by_stage(*conn, actor.org, query->where, query->params)) {
    for (BoardColumn& col : board.columns) {
      if (col.stage.id != total.stage_id) continue;
      col.count = total.count;
      col.amount = total.amount;
      col.weighted_amount = weighted_amount(col.amount, col.stage.probability);
    }
  }
  for (BoardColumn& col : board.columns) {
    if (col.count == 0) continue;
    store::EntityQuery q = *query;
    q.where = (q.where.empty() ? "" : "(" + q.where + ") AND ") + "t.stage_id = ?";
    q.params.emplace_back(col.stage.id);
    q.limit = kBoardColumnItems;
    q.offset = 0;
    col.items = store::query_entities(*conn, actor.org, opportunity_kind(), q);
    for (const EntityRecord& r : col.items) board.names.collect(r);
  }
  load_ref_names(*conn, actor.org, board.names);
  return board;
}

}  // namespace fupan::service
