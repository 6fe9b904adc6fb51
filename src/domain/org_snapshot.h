// An immutable view of one org's structure, indexed for the questions every request asks:
// who is in which team on a given day, which teams lie under a team. Built once per change of the
// structure and shared read-only between threads.
#pragma once

#include <unordered_map>
#include <vector>

#include "domain/org_model.h"

namespace fupan {

class OrgSnapshot {
 public:
  OrgSnapshot(OrgRecord org, std::vector<RegionRecord> regions, std::vector<TeamRecord> teams,
              std::vector<UserRecord> users, std::vector<MembershipRecord> memberships);

  const OrgRecord& org() const { return org_; }
  const std::vector<RegionRecord>& regions() const { return regions_; }
  const std::vector<TeamRecord>& teams() const { return teams_; }
  const std::vector<UserRecord>& users() const { return users_; }
  const std::vector<MembershipRecord>& memberships() const { return memberships_; }

  const RegionRecord* region(RegionId id) const;
  const TeamRecord* team(TeamId id) const;
  const UserRecord* user(UserId id) const;
  const MembershipRecord* membership(MembershipId id) const;

  // Returns `root` and every team below it.
  std::vector<TeamId> subtree(TeamId root) const;
  // Returns true iff `ancestor` is `team` or lies above it.
  bool is_within(TeamId team, TeamId ancestor) const;
  // Returns the memberships of `user` that hold on `day`.
  std::vector<const MembershipRecord*> memberships_of(UserId user, LocalDate day) const;
  // Returns every membership of `team`, past, present and future.
  std::vector<const MembershipRecord*> memberships_of_team(TeamId team) const;
  // Returns the memberships of `team` that hold on `day`.
  std::vector<const MembershipRecord*> members_of(TeamId team, LocalDate day) const;

 private:
  OrgRecord org_;
  std::vector<RegionRecord> regions_;
  std::vector<TeamRecord> teams_;
  std::vector<UserRecord> users_;
  std::vector<MembershipRecord> memberships_;
  std::unordered_map<RegionId, std::size_t> region_index_;
  std::unordered_map<TeamId, std::size_t> team_index_;
  std::unordered_map<UserId, std::size_t> user_index_;
  std::unordered_map<MembershipId, std::size_t> membership_index_;
  std::unordered_map<TeamId, std::vector<TeamId>> children_;
  std::unordered_map<UserId, std::vector<std::size_t>> memberships_by_user_;
  std::unordered_map<TeamId, std::vector<std::size_t>> memberships_by_team_;
};

}  // namespace fupan
