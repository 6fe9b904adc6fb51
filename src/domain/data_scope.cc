#include "domain/data_scope.h"

namespace fupan {
namespace {

void add_team_with_members(const OrgSnapshot& org, TeamId team, LocalDate day, DataScope& scope) {
  scope.teams.insert(team);
  if (const TeamRecord* t = org.team(team)) scope.regions.insert(t->region_id);
  for (const MembershipRecord* m : org.members_of(team, day)) scope.users.insert(m->user_id);
}

}  // namespace

DataScope compute_scope(const OrgSnapshot& org, UserId viewer, LocalDate day) {
  DataScope scope;
  const UserRecord* user = org.user(viewer);
  if (user == nullptr || !user->active) return scope;
  const RoleSet roles = user->roles;

  scope.is_admin = roles.has(Role::admin);
  scope.can_write = roles.has(Role::admin) || roles.has(Role::rep) || roles.has(Role::manager) ||
                    roles.has(Role::director);
  if (roles.has(Role::admin) || roles.has(Role::analyst) ||
      (roles.has(Role::director) && !user->region_id)) {
    scope.all = true;
    return scope;
  }

  scope.users.insert(viewer);
  if (roles.has(Role::rep) || roles.has(Role::manager) || roles.has(Role::director)) {
    for (const MembershipRecord* m : org.memberships_of(viewer, day)) {
      scope.teams.insert(m->team_id);
      if (const TeamRecord* t = org.team(m->team_id)) scope.regions.insert(t->region_id);
    }
  }
  if (roles.has(Role::manager)) {
    for (const MembershipRecord* m : org.memberships_of(viewer, day)) {
      if (m->role != TeamRole::leader) continue;
      for (TeamId t : org.subtree(m->team_id)) add_team_with_members(org, t, day, scope);
    }
  }
  if (roles.has(Role::director)) {
    const RegionId region = *user->region_id;
    scope.regions.insert(region);
    for (const TeamRecord& t : org.teams()) {
      if (t.region_id == region) add_team_with_members(org, t.id, day, scope);
    }
    for (const UserRecord& u : org.users()) {
      if (u.region_id == region) scope.users.insert(u.id);
    }
  }
  return scope;
}

}  // namespace fupan
