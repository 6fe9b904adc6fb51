// Scopes a metric is asked for (SPEC §6 attribution): the org, a region, a team with its
// sub-teams, a user, or a list of them; and who counts for them on which days, from the org's
// membership history. Pure.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/error.h"
#include "domain/data_scope.h"
#include "domain/org_snapshot.h"

namespace fupan {

struct ScopeRef {
  enum class Kind { org, region, team, user };
  Kind kind = Kind::org;
  std::int64_t id = 0;  // 0 for org

  std::string text() const;            // "org", "region:2", "team:3", "user:5"
  std::string_view type_name() const;  // "org", "region", "team", "user" (as targets store it)
  friend bool operator==(const ScopeRef&, const ScopeRef&) = default;
};

// Parses "org", "region:ID", "team:ID", "user:ID", or several joined by commas (their union). In
// place of an ID: a region's name or code, a team's name, a user's username or display name
// ("team:上海一部"); a name several share is refused. Ids and names must exist in `org`; an
// unknown one is not_found. Errors name the field "scope".
Result<std::vector<ScopeRef>> parse_scope(std::string_view text, const OrgSnapshot& org);

// Returns the comma-joined text of `scopes`.
std::string scope_text(const std::vector<ScopeRef>& scopes);

// Returns ok iff `viewer` may see numbers for every scope in `scopes`: org needs the whole org in
// view (analyst, admin, a director without a region); a region needs that region (a director's);
// a team needs to lie in the viewer's view of teams led or directed (a rep's own team is not
// enough: its total would show other reps' work); a user needs to be in view. The org scope
// answers forbidden, the others not_found, so a guessed id reveals nothing.
Status check_may_view(const std::vector<ScopeRef>& scopes, const OrgSnapshot& org,
                      const DataScope& viewer, UserId viewer_id, LocalDate today);

// [start, end) of local days.
struct DayRange {
  LocalDate start{}, end{};
  friend bool operator==(const DayRange&, const DayRange&) = default;
};

// Who an event counts for: everyone (the org scope, membership or not), or each user on the days
// they belonged (ranges sorted, disjoint, merged). A user scope counts all of that user's days.
struct Attribution {
  bool everyone = false;
  std::unordered_map<UserId, std::vector<DayRange>> users;

  // Returns true iff an event of `user` on `day` counts.
  bool counts(UserId user, LocalDate day) const;
};

// Users belong to a team scope on the days of their memberships of the team or any team under
// it, to a region on the days of their memberships of the region's teams (the tree as it is now).
Attribution attribution_of(const std::vector<ScopeRef>& scopes, const OrgSnapshot& org);

// Cost entries (scope_type, scope_id, spent_on) that count for `scopes`: the org's all; a
// region's region, team and user entries within it; a team's team entries in its subtree and
// user entries of its members on that day; a user's own.
class CostScope {
 public:
  CostScope() = default;  // counts no entry
  CostScope(const std::vector<ScopeRef>& scopes, const OrgSnapshot& org);
  // The same, with the scopes' attribution already worked out.
  CostScope(const std::vector<ScopeRef>& scopes, const OrgSnapshot& org, Attribution users);
  bool counts(std::string_view scope_type, std::int64_t scope_id, LocalDate spent_on) const;

 private:
  bool everyone_ = false;
  std::unordered_set<RegionId> regions_;
  std::unordered_set<TeamId> teams_;
  Attribution users_;
};

}  // namespace fupan
