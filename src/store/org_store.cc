#include "store/org_store.h"

#include <cstdlib>
#include <unordered_map>

namespace fupan::store {
namespace {

Value opt(const std::optional<std::int64_t>& v) {
  return v ? Value{*v} : Value{};
}
std::int64_t ms(Instant t) {
  return to_ms(t);
}
std::optional<LocalDate> opt_date(const std::optional<std::string>& s) {
  return s ? parse_date(*s) : std::nullopt;
}

// An org's seasonality as stored: its weights joined by commas, "" for none.
std::string seasonality_text(const std::vector<std::int64_t>& weights) {
  std::string out;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(weights[i]);
  }
  return out;
}
std::vector<std::int64_t> seasonality_from(const std::string& text) {
  std::vector<std::int64_t> out;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t to = text.find(',', from);
    if (to == std::string::npos) to = text.size();
    out.push_back(std::strtoll(text.substr(from, to - from).c_str(), nullptr, 10));
    from = to + 1;
  }
  return out;
}

// orgs
constexpr const char* kSelectOrg =
    "SELECT id, name, timezone, fiscal_year_start_month, currency, is_demo, version, created_at, "
    "updated_at, tier_rule, stall_days, compare_basis, smart_factor_pct, seasonality"
    " FROM orgs WHERE id = ?";
constexpr const char* kInsertOrg =
    "INSERT INTO orgs (name, timezone, fiscal_year_start_month, currency, is_demo, created_at, "
    "updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kLockOrg = "SELECT id FROM orgs WHERE id = ? FOR NO KEY UPDATE";
constexpr const char* kUpdateOrg =
    "UPDATE orgs SET name = ?, timezone = ?, fiscal_year_start_month = ?, currency = ?,"
    " tier_rule = ?, stall_days = ?, compare_basis = ?, smart_factor_pct = ?, seasonality = ?,"
    " version = version + 1, updated_at = ?"
    " WHERE id = ? AND version = ?";

// regions
constexpr const char* kSelectRegions =
    "SELECT id, name, code, version, created_at, updated_at FROM regions WHERE org_id = ? ORDER BY "
    "id";
constexpr const char* kInsertRegion =
    "INSERT INTO regions (org_id, name, code, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
    "RETURNING id";
constexpr const char* kUpdateRegion =
    "UPDATE regions SET name = ?, code = ?, version = version + 1, updated_at = ?"
    " WHERE id = ? AND org_id = ? AND version = ?";
constexpr const char* kDeleteRegion =
    "DELETE FROM regions WHERE id = ? AND org_id = ? AND version = ?";

// teams
constexpr const char* kSelectTeams =
    "SELECT id, region_id, parent_id, name, version, created_at, updated_at FROM teams WHERE "
    "org_id = ?"
    " ORDER BY id";
constexpr const char* kInsertTeam =
    "INSERT INTO teams (org_id, region_id, parent_id, name, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kUpdateTeam =
    "UPDATE teams SET region_id = ?, parent_id = ?, name = ?, version = version + 1, updated_at = ?"
    " WHERE id = ? AND org_id = ? AND version = ?";
constexpr const char* kDeleteTeam = "DELETE FROM teams WHERE id = ? AND org_id = ? AND version = ?";
constexpr const char* kSelectTeamParent = "SELECT parent_id FROM teams WHERE id = ? AND org_id = ?";

// users
constexpr const char* kSelectUsers =
    "SELECT id, username, display_name, email, phone, region_id, active, version, created_at, "
    "updated_at"
    " FROM users WHERE org_id = ? ORDER BY id";
constexpr const char* kSelectRoles = "SELECT user_id, role FROM user_roles WHERE org_id = ?";
constexpr const char* kSelectLoginByName =
    "SELECT id, org_id, password_hash, active FROM users WHERE username = ?";
constexpr const char* kSelectLoginById =
    "SELECT id, org_id, password_hash, active FROM users WHERE id = ?";
constexpr const char* kInsertUser =
    "INSERT INTO users (org_id, username, display_name, email, phone, password_hash, region_id, "
    "active,"
    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kUpdateUser =
    "UPDATE users SET username = ?, display_name = ?, email = ?, phone = ?, region_id = ?, active "
    "= ?,"
    " version = version + 1, updated_at = ? WHERE id = ? AND org_id = ? AND version = ?";
constexpr const char* kDeleteRoles = "DELETE FROM user_roles WHERE user_id = ? AND org_id = ?";
constexpr const char* kInsertRole =
    "INSERT INTO user_roles (org_id, user_id, role) VALUES (?, ?, ?)";
constexpr const char* kSetPassword =
    "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ? AND org_id = ?";

// memberships
constexpr const char* kSelectMemberships =
    "SELECT id, user_id, team_id, role, valid_from, valid_to, version, created_at, updated_at"
    " FROM memberships WHERE org_id = ? ORDER BY id";
constexpr const char* kSelectStints =
    "SELECT id, user_id, team_id, role, valid_from, valid_to, version, created_at, updated_at"
    " FROM memberships WHERE org_id = ? AND user_id = ? AND team_id = ? ORDER BY id";
constexpr const char* kInsertMembership =
    "INSERT INTO memberships (org_id, user_id, team_id, role, valid_from, valid_to, created_at, "
    "updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kUpdateMembership =
    "UPDATE memberships SET team_id = ?, role = ?, valid_from = ?, valid_to = ?, version = version "
    "+ 1,"
    " updated_at = ? WHERE id = ? AND org_id = ? AND version = ?";
constexpr const char* kDeleteMembership =
    "DELETE FROM memberships WHERE id = ? AND org_id = ? AND version = ?";

Value date_value(const std::optional<LocalDate>& d) {
  return d ? Value{format_date(*d)} : Value{};
}

void insert_roles(Connection& c, OrgId org, UserId id, RoleSet roles) {
  for (Role r : roles.list()) c.exec(kInsertRole, {org.value, id.value, std::string(role_name(r))});
}

std::vector<MembershipRecord> memberships_from(const Rows& r) {
  std::vector<MembershipRecord> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    MembershipRecord m;
    m.id = MembershipId{r.i64(i, 0)};
    m.user_id = UserId{r.i64(i, 1)};
    m.team_id = TeamId{r.i64(i, 2)};
    m.role = parse_team_role(r.str(i, 3)).value_or(TeamRole::member);
    m.valid_from = parse_date(r.str(i, 4)).value_or(LocalDate{});
    m.valid_to = opt_date(r.opt_str(i, 5));
    m.version = r.i64(i, 6);
    m.created_at = instant_from_ms(r.i64(i, 7));
    m.updated_at = instant_from_ms(r.i64(i, 8));
    out.push_back(m);
  }
  return out;
}

std::optional<LoginRecord> login_from(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return LoginRecord{UserId{rows.i64(0, 0)}, OrgId{rows.i64(0, 1)}, rows.str(0, 2),
                     rows.i64(0, 3) != 0};
}

}  // namespace

WriteOutcome version_outcome(Connection& c, std::int64_t changed, const char* table,
                             std::int64_t id) {
  if (changed > 0) return {WriteOutcome::done};
  auto rows = c.query(std::string("SELECT version FROM ") + table + " WHERE id = ?", {id});
  if (rows.empty()) return {WriteOutcome::not_found};
  return {WriteOutcome::stale, rows.i64(0, 0)};
}

std::optional<OrgRecord> find_org(Connection& c, OrgId id) {
  auto r = c.query(kSelectOrg, {id.value});
  if (r.empty()) return std::nullopt;
  return OrgRecord{OrgId{r.i64(0, 0)},
                   r.str(0, 1),
                   r.str(0, 2),
                   static_cast<int>(r.i64(0, 3)),
                   r.str(0, 4),
                   r.i64(0, 5) != 0,
                   r.i64(0, 6),
                   instant_from_ms(r.i64(0, 7)),
                   instant_from_ms(r.i64(0, 8)),
                   r.str(0, 9),
                   static_cast<int>(r.i64(0, 10)),
                   r.str(0, 11),
                   static_cast<int>(r.i64(0, 12)),
                   seasonality_from(r.str(0, 13))};
}

void lock_org(Connection& c, OrgId org) {
  if (c.dialect() == Dialect::postgres) c.query(kLockOrg, {org.value});
}

std::vector<OrgId> list_org_ids(Connection& c) {
  auto r = c.query("SELECT id FROM orgs ORDER BY id", {});
  std::vector<OrgId> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.emplace_back(r.i64(i, 0));
  return out;
}

OrgId insert_org(Connection& c, const OrgRecord& o) {
  auto r =
      c.query(kInsertOrg, {o.name, o.timezone, std::int64_t{o.fiscal_year_start_month}, o.currency,
                           std::int64_t{o.is_demo}, ms(o.created_at), ms(o.updated_at)});
  return OrgId{r.i64(0, 0)};
}

WriteOutcome update_org(Connection& c, const OrgRecord& o, std::int64_t expected) {
  auto n = c.exec(kUpdateOrg, {o.name, o.timezone, std::int64_t{o.fiscal_year_start_month},
                               o.currency, o.tier_rule, std::int64_t{o.stall_days}, o.compare_basis,
                               std::int64_t{o.smart_factor_pct}, seasonality_text(o.seasonality),
                               ms(o.updated_at), o.id.value, expected});
  return version_outcome(c, n, "orgs", o.id.value);
}

std::vector<RegionRecord> list_regions(Connection& c, OrgId org) {
  auto r = c.query(kSelectRegions, {org.value});
  std::vector<RegionRecord> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    out.push_back({RegionId{r.i64(i, 0)}, r.str(i, 1), r.str(i, 2), r.i64(i, 3),
                   instant_from_ms(r.i64(i, 4)), instant_from_ms(r.i64(i, 5))});
  }
  return out;
}

RegionId insert_region(Connection& c, OrgId org, const RegionRecord& x) {
  auto r = c.query(kInsertRegion, {org.value, x.name, x.code, ms(x.created_at), ms(x.updated_at)});
  return RegionId{r.i64(0, 0)};
}

WriteOutcome update_region(Connection& c, OrgId org, const RegionRecord& x, std::int64_t expected) {
  auto n =
      c.exec(kUpdateRegion, {x.name, x.code, ms(x.updated_at), x.id.value, org.value, expected});
  return version_outcome(c, n, "regions", x.id.value);
}

WriteOutcome delete_region(Connection& c, OrgId org, RegionId id, std::int64_t expected) {
  auto n = c.exec(kDeleteRegion, {id.value, org.value, expected});
  return version_outcome(c, n, "regions", id.value);
}

std::vector<TeamRecord> list_teams(Connection& c, OrgId org) {
  auto r = c.query(kSelectTeams, {org.value});
  std::vector<TeamRecord> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    std::optional<TeamId> parent;
    if (auto p = r.opt_i64(i, 2)) parent = TeamId{*p};
    out.push_back({TeamId{r.i64(i, 0)}, RegionId{r.i64(i, 1)}, parent, r.str(i, 3), r.i64(i, 4),
                   instant_from_ms(r.i64(i, 5)), instant_from_ms(r.i64(i, 6))});
  }
  return out;
}

TeamId insert_team(Connection& c, OrgId org, const TeamRecord& t) {
  auto r =
      c.query(kInsertTeam,
              {org.value, t.region_id.value,
               opt(t.parent_id ? std::optional<std::int64_t>(t.parent_id->value) : std::nullopt),
               t.name, ms(t.created_at), ms(t.updated_at)});
  return TeamId{r.i64(0, 0)};
}

WriteOutcome update_team(Connection& c, OrgId org, const TeamRecord& t, std::int64_t expected) {
  auto n =
      c.exec(kUpdateTeam,
             {t.region_id.value,
              opt(t.parent_id ? std::optional<std::int64_t>(t.parent_id->value) : std::nullopt),
              t.name, ms(t.updated_at), t.id.value, org.value, expected});
  return version_outcome(c, n, "teams", t.id.value);
}

WriteOutcome delete_team(Connection& c, OrgId org, TeamId id, std::int64_t expected) {
  auto n = c.exec(kDeleteTeam, {id.value, org.value, expected});
  return version_outcome(c, n, "teams", id.value);
}

std::optional<TeamId> team_parent(Connection& c, OrgId org, TeamId id) {
  auto r = c.query(kSelectTeamParent, {id.value, org.value});
  if (r.empty()) return std::nullopt;
  auto parent = r.opt_i64(0, 0);
  return parent ? std::optional<TeamId>(TeamId{*parent}) : std::nullopt;
}

std::vector<UserRecord> list_users(Connection& c, OrgId org) {
  auto r = c.query(kSelectUsers, {org.value});
  std::vector<UserRecord> out;
  out.reserve(r.size());
  std::unordered_map<std::int64_t, std::size_t> index;
  for (std::size_t i = 0; i < r.size(); ++i) {
    UserRecord u;
    u.id = UserId{r.i64(i, 0)};
    u.username = r.str(i, 1);
    u.display_name = r.str(i, 2);
    u.email = r.str(i, 3);
    u.phone = r.str(i, 4);
    if (auto reg = r.opt_i64(i, 5)) u.region_id = RegionId{*reg};
    u.active = r.i64(i, 6) != 0;
    u.version = r.i64(i, 7);
    u.created_at = instant_from_ms(r.i64(i, 8));
    u.updated_at = instant_from_ms(r.i64(i, 9));
    index.emplace(u.id.value, out.size());
    out.push_back(std::move(u));
  }
  auto roles = c.query(kSelectRoles, {org.value});
  for (std::size_t i = 0; i < roles.size(); ++i) {
    auto it = index.find(roles.i64(i, 0));
    auto role = parse_role(roles.str(i, 1));
    if (it != index.end() && role) out[it->second].roles.add(*role);
  }
  return out;
}

std::optional<LoginRecord> find_login(Connection& c, const std::string& username) {
  return login_from(c.query(kSelectLoginByName, {username}));
}

std::optional<LoginRecord> find_login(Connection& c, UserId id) {
  return login_from(c.query(kSelectLoginById, {id.value}));
}

UserId insert_user(Connection& c, OrgId org, const UserRecord& u,
                   const std::string& password_hash) {
  auto r =
      c.query(kInsertUser,
              {org.value, u.username, u.display_name, u.email, u.phone, password_hash,
               opt(u.region_id ? std::optional<std::int64_t>(u.region_id->value) : std::nullopt),
               std::int64_t{u.active}, ms(u.created_at), ms(u.updated_at)});
  UserId id{r.i64(0, 0)};
  insert_roles(c, org, id, u.roles);
  return id;
}

WriteOutcome update_user(Connection& c, OrgId org, const UserRecord& u, std::int64_t expected) {
  auto n =
      c.exec(kUpdateUser,
             {u.username, u.display_name, u.email, u.phone,
              opt(u.region_id ? std::optional<std::int64_t>(u.region_id->value) : std::nullopt),
              std::int64_t{u.active}, ms(u.updated_at), u.id.value, org.value, expected});
  auto outcome = version_outcome(c, n, "users", u.id.value);
  if (outcome == WriteOutcome::done) {
    c.exec(kDeleteRoles, {u.id.value, org.value});
    insert_roles(c, org, u.id, u.roles);
  }
  return outcome;
}

void set_password(Connection& c, OrgId org, UserId id, const std::string& hash, Instant at) {
  c.exec(kSetPassword, {hash, ms(at), id.value, org.value});
}

std::vector<MembershipRecord> list_memberships(Connection& c, OrgId org) {
  return memberships_from(c.query(kSelectMemberships, {org.value}));
}

std::vector<MembershipRecord> list_stints(Connection& c, OrgId org, UserId user, TeamId team) {
  return memberships_from(c.query(kSelectStints, {org.value, user.value, team.value}));
}

MembershipId insert_membership(Connection& c, OrgId org, const MembershipRecord& m) {
  auto r =
      c.query(kInsertMembership, {org.value, m.user_id.value, m.team_id.value,
                                  std::string(team_role_name(m.role)), format_date(m.valid_from),
                                  date_value(m.valid_to), ms(m.created_at), ms(m.updated_at)});
  return MembershipId{r.i64(0, 0)};
}

WriteOutcome update_membership(Connection& c, OrgId org, const MembershipRecord& m,
                               std::int64_t expected) {
  auto n = c.exec(kUpdateMembership,
                  {m.team_id.value, std::string(team_role_name(m.role)), format_date(m.valid_from),
                   date_value(m.valid_to), ms(m.updated_at), m.id.value, org.value, expected});
  return version_outcome(c, n, "memberships", m.id.value);
}

WriteOutcome delete_membership(Connection& c, OrgId org, MembershipId id, std::int64_t expected) {
  auto n = c.exec(kDeleteMembership, {id.value, org.value, expected});
  return version_outcome(c, n, "memberships", id.value);
}

}  // namespace fupan::store
