// The organisation as records: org, regions, teams (nested), users and their team memberships
// with history. Plain values, no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "domain/roles.h"

namespace fupan {

struct OrgRecord {
  OrgId id;
  std::string name;
  std::string timezone{kDefaultTimeZone};
  int fiscal_year_start_month = 1;
  std::string currency = "CNY";
  bool is_demo = false;
  std::int64_t version = 1;
  Instant created_at, updated_at;
  std::string tier_rule = "abc";  // how customer tiers are assigned: "abc" or "rfm"
  int stall_days = 14;            // an open opportunity with no activity this long is stalled
  // How a period in progress is compared to date: "calendar_days" or "working_days".
  std::string compare_basis = "calendar_days";
  // Goals (SPEC §3): a target above the scope's best period × this / 100 is "not achievable"
  // (the SMART check's warning); the seasonality a year's target splits into months by, twelve
  // weights in the fiscal year's order (none: given with each split).
  int smart_factor_pct = 150;
  std::vector<std::int64_t> seasonality;
};

struct RegionRecord {
  RegionId id;
  std::string name;
  std::string code;
  std::int64_t version = 1;
  Instant created_at, updated_at;
};

struct TeamRecord {
  TeamId id;
  RegionId region_id;
  std::optional<TeamId> parent_id;
  std::string name;
  std::int64_t version = 1;
  Instant created_at, updated_at;
};

struct UserRecord {
  UserId id;
  std::string username;
  std::string display_name;
  std::string email;
  std::string phone;
  RoleSet roles;
  std::optional<RegionId> region_id;  // a director's region
  bool active = true;
  std::int64_t version = 1;
  Instant created_at, updated_at;
};

// A user's membership of a team over [valid_from, valid_to); valid_to empty means open.
struct MembershipRecord {
  MembershipId id;
  UserId user_id;
  TeamId team_id;
  TeamRole role = TeamRole::member;
  LocalDate valid_from;
  std::optional<LocalDate> valid_to;
  std::int64_t version = 1;
  Instant created_at, updated_at;

  // Returns true iff the membership holds on `day`.
  bool holds_on(LocalDate day) const { return valid_from <= day && (!valid_to || day < *valid_to); }
};

}  // namespace fupan
