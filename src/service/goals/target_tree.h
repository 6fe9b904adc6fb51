// The decomposition tree (SPEC §3): a target with the targets of the same metric and period one
// level down the organisation, and theirs below, each node with the sum of its children and the
// gap wherever they do not add up to it; the same scope's targets inside the period, by kind; and
// the numbers committed bottom-up against the top-down ones.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/goals/target.h"
#include "service/platform/context.h"

namespace fupan::service {

struct TreeNode {
  ScopeRef scope;
  std::string scope_name;
  std::optional<goals::Target> target;        // none: this scope has no target for the period
  std::optional<goals::TargetCommit> commit;  // what its owner committed against it
  std::optional<std::int64_t> children_sum;   // none when no child has a target
  int missing = 0;                            // children without a target
  std::vector<TreeNode> children;             // those the viewer may see
};

// The same scope's targets of one kind of period inside the root's period (its months, say).
struct CalendarGroup {
  PeriodKind kind = PeriodKind::month;
  std::int64_t sum = 0;
  bool complete = false;  // a target for every such period of the root's
  std::vector<goals::Target> items;
};

struct TargetTree {
  TreeNode root;
  std::vector<CalendarGroup> calendar;  // coarsest kind first
};

// The tree under target `id`; not_found when the actor may not see it.
Result<TargetTree> target_tree(const Context& ctx, const Actor& actor, std::int64_t id);

struct CommitInput {
  std::int64_t value = 0;
  std::string note;  // up to 200 characters
};

// Commits a number against target `id`: only whoever answers for its scope (a rep for their own,
// a team's leader for the team, a director for the region) may.
Result<goals::TargetCommit> commit_to_target(const Context& ctx, const Actor& actor,
                                             std::int64_t id, const CommitInput& in);

}  // namespace fupan::service
