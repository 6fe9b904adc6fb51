#include "domain/goals/org_tree.h"

#include "domain/roles.h"

namespace fupan::goals {

std::vector<ScopeRef> org_children(const OrgSnapshot& org, const ScopeRef& scope, LocalDate today) {
  std::vector<ScopeRef> out;
  switch (scope.kind) {
    case ScopeRef::Kind::org:
      for (const RegionRecord& r : org.regions())
        out.push_back({ScopeRef::Kind::region, r.id.value});
      break;
    case ScopeRef::Kind::region:
      for (const TeamRecord& t : org.teams()) {
        if (t.region_id.value == scope.id && !t.parent_id)
          out.push_back({ScopeRef::Kind::team, t.id.value});
      }
      break;
    case ScopeRef::Kind::team:
      for (const TeamRecord& t : org.teams()) {
        if (t.parent_id && t.parent_id->value == scope.id)
          out.push_back({ScopeRef::Kind::team, t.id.value});
      }
      for (const MembershipRecord* m : org.members_of(TeamId{scope.id}, today)) {
        if (m->role == TeamRole::member) out.push_back({ScopeRef::Kind::user, m->user_id.value});
      }
      break;
    case ScopeRef::Kind::user:
      break;
  }
  return out;
}

std::string scope_name(const OrgSnapshot& org, const ScopeRef& scope) {
  switch (scope.kind) {
    case ScopeRef::Kind::org:
      return org.org().name;
    case ScopeRef::Kind::region:
      if (const RegionRecord* r = org.region(RegionId{scope.id})) return r->name;
      break;
    case ScopeRef::Kind::team:
      if (const TeamRecord* t = org.team(TeamId{scope.id})) return t->name;
      break;
    case ScopeRef::Kind::user:
      if (const UserRecord* u = org.user(UserId{scope.id})) return u->display_name;
      break;
  }
  return scope.text();
}

bool answers_for(const OrgSnapshot& org, UserId user, const ScopeRef& scope, LocalDate today) {
  switch (scope.kind) {
    case ScopeRef::Kind::org:
      return false;
    case ScopeRef::Kind::region: {
      const UserRecord* u = org.user(user);
      return u && u->roles.has(Role::director) && u->region_id && u->region_id->value == scope.id;
    }
    case ScopeRef::Kind::team:
      for (const MembershipRecord* m : org.members_of(TeamId{scope.id}, today)) {
        if (m->user_id == user && m->role == TeamRole::leader) return true;
      }
      return false;
    case ScopeRef::Kind::user:
      return scope.id == user.value;
  }
  return false;
}

}  // namespace fupan::goals
