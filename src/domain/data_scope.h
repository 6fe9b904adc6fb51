// Data scope (SPEC section 1): what a user may see and change, computed from their roles and the
// org structure on a given day. Pure; the service layer asks it on every read, list and write.
#pragma once

#include <unordered_set>

#include "domain/org_snapshot.h"

namespace fupan {

struct DataScope {
  bool all = false;        // analyst and admin: the whole org
  bool can_write = false;  // every role but analyst-only may change what it sees
  bool is_admin = false;   // may manage users, teams, regions and settings
  std::unordered_set<UserId> users;
  std::unordered_set<TeamId> teams;
  std::unordered_set<RegionId> regions;

  bool sees_user(UserId id) const { return all || users.contains(id); }
  bool sees_team(TeamId id) const { return all || teams.contains(id); }
  bool sees_region(RegionId id) const { return all || regions.contains(id); }
};

// Returns the scope of `viewer` on `day`:
//   rep      → self, the teams they belong to, and those teams' regions (for names only);
//   manager  → the teams they lead and all sub-teams, with every current member;
//   director → their region (the whole org when they have none) with its teams and members;
//   analyst  → everything, read-only;   admin → everything.
// Several roles give the union. An inactive or unknown user sees nothing.
DataScope compute_scope(const OrgSnapshot& org, UserId viewer, LocalDate day);

}  // namespace fupan
