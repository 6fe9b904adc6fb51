#include "domain/pipeline_edit.h"

#include <algorithm>
#include <set>
#include <string>

namespace fupan {

Result<StageEditPlan> plan_stage_edit(std::span<const StageDef> existing,
                                      std::span<const StageDef> requested) {
  StageEditPlan plan;
  std::set<std::int64_t> kept;
  for (const StageDef& r : requested) {
    if (r.id == 0) {
      plan.inserts.push_back(r);
      continue;
    }
    auto it = std::find_if(existing.begin(), existing.end(),
                           [&](const StageDef& e) { return e.id == r.id; });
    if (it == existing.end()) {
      return Error::invalid("stages", detail::stage_in_pipeline(static_cast<std::int64_t>(r.id)));
    }
    if (!kept.insert(r.id).second) {
      return Error::invalid("stages", detail::stage_listed_twice(static_cast<std::int64_t>(r.id)));
    }
    plan.updates.push_back(r);
    if (it->kind != r.kind) plan.kind_changes.push_back(*it);
  }
  for (const StageDef& e : existing) {
    if (!kept.contains(e.id)) plan.removals.push_back(e);
  }
  return plan;
}

}  // namespace fupan
