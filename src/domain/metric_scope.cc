#include "domain/metric_scope.h"

#include <algorithm>
#include <charconv>

#include "domain/org_lookup.h"

namespace fupan {
namespace {

constexpr LocalDate kFirstDay = LocalDate::min();
constexpr LocalDate kLastDay = LocalDate::max();

// The id of the region, team or user `name` names (domain/org_lookup.h); 0 when none does, -1
// when several do.
std::int64_t id_named(ScopeRef::Kind kind, std::string_view name, const OrgSnapshot& org) {
  auto id_of = [](const auto& found) -> std::int64_t {
    return found ? found.record->id.value : found.ambiguous ? -1 : 0;
  };
  switch (kind) {
    case ScopeRef::Kind::region:
      return id_of(find_region(org, name));
    case ScopeRef::Kind::team:
      return id_of(find_team(org, name));
    case ScopeRef::Kind::user:
      return id_of(find_user(org, name));
    case ScopeRef::Kind::org:
      break;
  }
  return 0;
}

Result<ScopeRef> parse_one(std::string_view text, const OrgSnapshot& org) {
  if (text == "org") return ScopeRef{};
  const auto colon = text.find(':');
  const std::string_view kind = text.substr(0, colon);
  const bool known_kind = kind == "region" || kind == "team" || kind == "user";
  const std::string_view ref =
      colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  if (!known_kind || ref.empty()) {
    return Error::invalid("scope", detail::scope_syntax);
  }
  ScopeRef s{.kind = kind == "region" ? ScopeRef::Kind::region
                     : kind == "team" ? ScopeRef::Kind::team
                                      : ScopeRef::Kind::user,
             .id = 0};
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
  if (ec != std::errc{} || end != ref.data() + ref.size()) {
    id = id_named(s.kind, ref, org);  // not a number: a name or a code
    if (id < 0) {
      return Error::invalid("scope", detail::ambiguous_scope);
    }
    if (id == 0) return Error::not_found();
  }
  if (id <= 0) return Error::invalid("scope", detail::scope_id);
  s.id = id;
  const bool exists = s.kind == ScopeRef::Kind::region ? org.region(RegionId{id}) != nullptr
                      : s.kind == ScopeRef::Kind::team ? org.team(TeamId{id}) != nullptr
                                                       : org.user(UserId{id}) != nullptr;
  if (!exists) return Error::not_found();
  return s;
}

// Sorts and merges overlapping or touching ranges.
void merge(std::vector<DayRange>& ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const DayRange& a, const DayRange& b) { return a.start < b.start; });
  std::vector<DayRange> out;
  for (const DayRange& r : ranges) {
    if (r.start >= r.end) continue;
    if (!out.empty() && r.start <= out.back().end) {
      out.back().end = std::max(out.back().end, r.end);
    } else {
      out.push_back(r);
    }
  }
  ranges = std::move(out);
}

bool leads_above(const OrgSnapshot& org, UserId viewer, TeamId team, LocalDate today) {
  for (const MembershipRecord* m : org.memberships_of(viewer, today)) {
    if (m->role == TeamRole::leader && org.is_within(team, m->team_id)) return true;
  }
  return false;
}

}  // namespace

std::string_view ScopeRef::type_name() const {
  switch (kind) {
    case Kind::org:
      return "org";
    case Kind::region:
      return "region";
    case Kind::team:
      return "team";
    case Kind::user:
      return "user";
  }
  return "org";
}

std::string ScopeRef::text() const {
  if (kind == Kind::org) return "org";
  return std::string(type_name()) + ":" + std::to_string(id);
}

Result<std::vector<ScopeRef>> parse_scope(std::string_view text, const OrgSnapshot& org) {
  std::vector<ScopeRef> out;
  while (true) {
    const auto comma = text.find(',');
    auto one = parse_one(text.substr(0, comma), org);
    if (!one.ok()) return one.error();
    if (std::find(out.begin(), out.end(), *one) == out.end()) out.push_back(*one);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (out.size() > 500) return Error::invalid("scope", detail::too_many_scopes);
  return out;
}

std::string scope_text(const std::vector<ScopeRef>& scopes) {
  std::string out;
  for (const ScopeRef& s : scopes) {
    if (!out.empty()) out += ',';
    out += s.text();
  }
  return out;
}

Status check_may_view(const std::vector<ScopeRef>& scopes, const OrgSnapshot& org,
                      const DataScope& viewer, UserId viewer_id, LocalDate today) {
  if (viewer.all) return {};
  const UserRecord* user = org.user(viewer_id);
  if (user == nullptr) return Error::forbidden();
  const bool director = user->roles.has(Role::director);
  const bool manager = user->roles.has(Role::manager);
  for (const ScopeRef& s : scopes) {
    switch (s.kind) {
      case ScopeRef::Kind::org:
        return Error::forbidden();
      case ScopeRef::Kind::region:
        if (!(director && user->region_id == RegionId{s.id})) return Error::not_found();
        break;
      case ScopeRef::Kind::team: {
        const TeamRecord* team = org.team(TeamId{s.id});
        const bool in_region = director && team && user->region_id == team->region_id;
        const bool led = manager && leads_above(org, viewer_id, TeamId{s.id}, today);
        if (!in_region && !led) return Error::not_found();
        break;
      }
      case ScopeRef::Kind::user:
        if (!viewer.sees_user(UserId{s.id})) return Error::not_found();
        break;
    }
  }
  return {};
}

bool Attribution::counts(UserId user, LocalDate day) const {
  if (everyone) return true;
  auto it = users.find(user);
  if (it == users.end()) return false;
  for (const DayRange& r : it->second) {
    if (day < r.start) return false;
    if (day < r.end) return true;
  }
  return false;
}

Attribution attribution_of(const std::vector<ScopeRef>& scopes, const OrgSnapshot& org) {
  Attribution out;
  auto add_team = [&](TeamId team) {
    for (const MembershipRecord* m : org.memberships_of_team(team)) {
      out.users[m->user_id].push_back({m->valid_from, m->valid_to.value_or(kLastDay)});
    }
  };
  for (const ScopeRef& s : scopes) {
    switch (s.kind) {
      case ScopeRef::Kind::org:
        out.everyone = true;
        out.users.clear();
        return out;
      case ScopeRef::Kind::user:
        out.users[UserId{s.id}].push_back({kFirstDay, kLastDay});
        break;
      case ScopeRef::Kind::team:
        for (TeamId t : org.subtree(TeamId{s.id})) add_team(t);
        break;
      case ScopeRef::Kind::region:
        for (const TeamRecord& t : org.teams()) {
          if (t.region_id == RegionId{s.id}) add_team(t.id);
        }
        break;
    }
  }
  for (auto& [user, ranges] : out.users) merge(ranges);
  return out;
}

CostScope::CostScope(const std::vector<ScopeRef>& scopes, const OrgSnapshot& org)
    : CostScope(scopes, org, attribution_of(scopes, org)) {}

CostScope::CostScope(const std::vector<ScopeRef>& scopes, const OrgSnapshot& org, Attribution users)
    : users_(std::move(users)) {
  for (const ScopeRef& s : scopes) {
    switch (s.kind) {
      case ScopeRef::Kind::org:
        everyone_ = true;
        break;
      case ScopeRef::Kind::region:
        regions_.insert(RegionId{s.id});
        for (const TeamRecord& t : org.teams()) {
          if (t.region_id == RegionId{s.id}) teams_.insert(t.id);
        }
        break;
      case ScopeRef::Kind::team:
        for (TeamId t : org.subtree(TeamId{s.id})) teams_.insert(t);
        break;
      case ScopeRef::Kind::user:
        break;
    }
  }
}

bool CostScope::counts(std::string_view scope_type, std::int64_t scope_id,
                       LocalDate spent_on) const {
  if (everyone_) return true;
  if (scope_type == "region") return regions_.contains(RegionId{scope_id});
  if (scope_type == "team") return teams_.contains(TeamId{scope_id});
  if (scope_type == "user") return users_.counts(UserId{scope_id}, spent_on);
  return false;
}

}  // namespace fupan
