#include "domain/scope_people.h"

#include <set>

namespace fupan {

std::vector<std::int64_t> people_of(const OrgSnapshot& org, const ScopeRef& scope,
                                    const Period& p) {
  if (scope.kind == ScopeRef::Kind::user) return {scope.id};
  std::set<std::int64_t> ids;
  if (scope.kind == ScopeRef::Kind::org) {
    for (const UserRecord& u : org.users()) ids.insert(u.id.value);
    return {ids.begin(), ids.end()};
  }
  std::vector<TeamId> teams;
  if (scope.kind == ScopeRef::Kind::team) teams = org.subtree(TeamId{scope.id});
  for (const TeamRecord& t : org.teams()) {
    if (scope.kind == ScopeRef::Kind::region && t.region_id.value == scope.id) {
      teams.push_back(t.id);
    }
  }
  for (TeamId t : teams) {
    for (const MembershipRecord* m : org.memberships_of_team(t)) {
      if (m->valid_from < p.end && (!m->valid_to || p.start < *m->valid_to)) {
        ids.insert(m->user_id.value);
      }
    }
  }
  return {ids.begin(), ids.end()};
}

}  // namespace fupan
