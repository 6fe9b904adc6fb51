// The organisation as the goals see it (SPEC §3): the scopes one level below a scope (what a
// target splits into and what the tree view sums), a scope's name, and who answers for a scope
// (who commits a number bottom-up against its target). Pure.
#pragma once

#include <string>
#include <vector>

#include "domain/metric_scope.h"
#include "domain/org_snapshot.h"

namespace fupan::goals {

// The scopes one level down from `scope` on `today`: the regions of the org, the top teams of a
// region, the sub-teams and the members (not the leaders) of a team; none below a person.
std::vector<ScopeRef> org_children(const OrgSnapshot& org, const ScopeRef& scope, LocalDate today);

// "华东区", "上海一部", "张伟", or the org's name.
std::string scope_name(const OrgSnapshot& org, const ScopeRef& scope);

// True iff `user` answers for `scope` on `today`: a person for themselves, a team's leader for
// the team, a director for their region. The org answers to nobody below it.
bool answers_for(const OrgSnapshot& org, UserId user, const ScopeRef& scope, LocalDate today);

}  // namespace fupan::goals
