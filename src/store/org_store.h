// SQL for the organisation's tables. Every statement is scoped by org id; updates and deletes
// check the record's version (optimistic locking) and report what they found.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/org_model.h"
#include "store/database.h"

namespace fupan::store {

// What a version-checked update or delete found.
struct WriteOutcome {
  enum Kind { done, not_found, stale } kind = done;
  std::int64_t current_version = 0;  // the stored version, when stale
  friend bool operator==(const WriteOutcome& a, Kind k) { return a.kind == k; }
};

// Returns the outcome of a version-checked statement that changed `changed` rows, reading the
// current version of table.id when nothing changed.
WriteOutcome version_outcome(Connection& c, std::int64_t changed, const char* table,
                             std::int64_t id);

// orgs
std::optional<OrgRecord> find_org(Connection& c, OrgId id);
// Makes the org's writers wait for each other until this transaction ends, so that checks made
// inside it see every earlier write (SQLite's write transactions are serial already).
void lock_org(Connection& c, OrgId org);
std::vector<OrgId> list_org_ids(Connection& c);
OrgId insert_org(Connection& c, const OrgRecord& org);
WriteOutcome update_org(Connection& c, const OrgRecord& org, std::int64_t expected_version);

// regions
std::vector<RegionRecord> list_regions(Connection& c, OrgId org);
RegionId insert_region(Connection& c, OrgId org, const RegionRecord& r);
WriteOutcome update_region(Connection& c, OrgId org, const RegionRecord& r,
                           std::int64_t expected_version);
WriteOutcome delete_region(Connection& c, OrgId org, RegionId id, std::int64_t expected_version);

// teams
std::vector<TeamRecord> list_teams(Connection& c, OrgId org);
TeamId insert_team(Connection& c, OrgId org, const TeamRecord& t);
WriteOutcome update_team(Connection& c, OrgId org, const TeamRecord& t,
                         std::int64_t expected_version);
WriteOutcome delete_team(Connection& c, OrgId org, TeamId id, std::int64_t expected_version);
// Returns the parent of team `id`; nullopt for a top-level or unknown team.
std::optional<TeamId> team_parent(Connection& c, OrgId org, TeamId id);

// users and their roles
std::vector<UserRecord> list_users(Connection& c, OrgId org);
struct LoginRecord {
  UserId id;
  OrgId org;
  std::string password_hash;
  bool active = false;
};
std::optional<LoginRecord> find_login(Connection& c, const std::string& username);
std::optional<LoginRecord> find_login(Connection& c, UserId id);
UserId insert_user(Connection& c, OrgId org, const UserRecord& u, const std::string& password_hash);
WriteOutcome update_user(Connection& c, OrgId org, const UserRecord& u,
                         std::int64_t expected_version);
void set_password(Connection& c, OrgId org, UserId id, const std::string& password_hash,
                  Instant at);

// memberships
std::vector<MembershipRecord> list_memberships(Connection& c, OrgId org);
// Returns every membership of `user` in `team`, past and future included.
std::vector<MembershipRecord> list_stints(Connection& c, OrgId org, UserId user, TeamId team);
MembershipId insert_membership(Connection& c, OrgId org, const MembershipRecord& m);
WriteOutcome update_membership(Connection& c, OrgId org, const MembershipRecord& m,
                               std::int64_t expected_version);
WriteOutcome delete_membership(Connection& c, OrgId org, MembershipId id,
                               std::int64_t expected_version);

}  // namespace fupan::store
