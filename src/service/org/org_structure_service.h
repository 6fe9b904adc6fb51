// Use cases for the org tree: the org's settings, regions, teams and memberships. Everyone reads
// what their scope holds; only admins change the structure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "service/platform/context.h"
#include "service/platform/paging.h"

namespace fupan::service {

struct OrgInput {
  std::optional<std::string> name, timezone;
  std::optional<std::int64_t> fiscal_year_start_month;
  std::optional<std::string> tier_rule;                  // "abc" or "rfm"
  std::optional<std::int64_t> stall_days;                // 1..365
  std::optional<std::string> compare_basis;              // "calendar_days" or "working_days"
  std::optional<std::int64_t> smart_factor_pct;          // 101..1000
  std::optional<std::vector<std::int64_t>> seasonality;  // 12 weights ≥ 0, not all 0; [] clears
  // A new time zone that moves dated records to another local day needs this (else 409
  // confirmation_required with the number of records, service/org/time_zone_change.h).
  bool confirm = false;
};
Result<OrgRecord> update_org(const Context& ctx, const Actor& actor, const OrgInput& in,
                             std::int64_t version);

struct RegionInput {
  std::optional<std::string> name, code;
};
Result<Page<RegionRecord>> list_regions(const Actor& actor, const PageRequest& page);
Result<RegionRecord> get_region(const Actor& actor, RegionId id);
Result<RegionRecord> create_region(const Context& ctx, const Actor& actor, const RegionInput& in);
Result<RegionRecord> update_region(const Context& ctx, const Actor& actor, RegionId id,
                                   const RegionInput& in, std::int64_t version);
Status delete_region(const Context& ctx, const Actor& actor, RegionId id, std::int64_t version);

struct TeamInput {
  std::optional<std::string> name;
  std::optional<std::int64_t> region_id;
  std::optional<std::optional<std::int64_t>> parent_id;  // present-null makes it a top-level team
};
struct TeamFilter {
  std::optional<RegionId> region;
  std::optional<std::optional<TeamId>> parent;  // present-null: top-level teams only
};
Result<Page<TeamRecord>> list_teams(const Actor& actor, const PageRequest& page,
                                    const TeamFilter& filter);
Result<TeamRecord> get_team(const Actor& actor, TeamId id);
Result<TeamRecord> create_team(const Context& ctx, const Actor& actor, const TeamInput& in);
Result<TeamRecord> update_team(const Context& ctx, const Actor& actor, TeamId id,
                               const TeamInput& in, std::int64_t version);
Status delete_team(const Context& ctx, const Actor& actor, TeamId id, std::int64_t version);

struct MembershipInput {
  std::optional<std::int64_t> user_id, team_id;
  std::optional<std::string> role, valid_from;
  std::optional<std::optional<std::string>> valid_to;
};
struct MembershipFilter {
  std::optional<UserId> user;
  std::optional<TeamId> team;
  bool current_only = false;  // holding today
};
Result<Page<MembershipRecord>> list_memberships(const Actor& actor, const PageRequest& page,
                                                const MembershipFilter& filter);
Result<MembershipRecord> get_membership(const Actor& actor, MembershipId id);
Result<MembershipRecord> create_membership(const Context& ctx, const Actor& actor,
                                           const MembershipInput& in);
Result<MembershipRecord> update_membership(const Context& ctx, const Actor& actor, MembershipId id,
                                           const MembershipInput& in, std::int64_t version);
Status delete_membership(const Context& ctx, const Actor& actor, MembershipId id,
                         std::int64_t version);

}  // namespace fupan::service
