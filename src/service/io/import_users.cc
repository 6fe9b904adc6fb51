#include "service/io/import_users.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/crypto.h"
#include "core/text_parse.h"
#include "domain/org_lookup.h"
#include "domain/org_validation.h"
#include "service/io/import_memberships.h"
#include "service/io/import_table.h"
#include "service/org/record_json.h"
#include "service/platform/write.h"
#include "store/org_store.h"

namespace fupan::service {
namespace {

enum Column { kUsername, kDisplayName, kEmail, kPhone, kRoles, kRegion, kTeam, kPassword, kJoined };

// One good row, ready to write.
struct UserRow {
  std::size_t line = 0;
  UserRecord user;  // the user as the row leaves them
  const UserRecord* existing = nullptr;
  std::optional<MembershipRecord> stint;   // to join the team (from 加入日期, else today)
  std::optional<MembershipRecord> before;  // an open stint it moves back to 加入日期
  std::string password;                    // for a new user; "" for an unusable one
  std::string hash;
};

std::optional<Role> role_from_label(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, Role>, 10> kLabels = {{
      {"销售代表", Role::rep},
      {"销售", Role::rep},
      {"销售经理", Role::manager},
      {"经理", Role::manager},
      {"销售总监", Role::director},
      {"总监", Role::director},
      {"市场分析", Role::analyst},
      {"分析师", Role::analyst},
      {"管理员", Role::admin},
      {"系统管理员", Role::admin},
  }};
  for (const auto& [label, role] : kLabels) {
    if (s == label) return role;
  }
  std::string lower(s);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return parse_role(lower);
}

// Splits "rep,manager" / "销售代表、销售经理" into roles.
Result<RoleSet> parse_roles_cell(std::string_view text) {
  static constexpr std::array<std::string_view, 9> kSeps = {",", "，", "、", ";",           "；",
                                                            "/", "|",  " ",  "\xE3\x80\x80"};
  RoleSet roles;
  std::size_t i = 0, start = 0;
  auto take = [&](std::size_t end) -> Status {
    const std::string_view part = trim_cell(text.substr(start, end - start));
    if (part.empty()) return {};
    auto r = role_from_label(part);
    if (!r) return Error::invalid("roles", detail::role_names);
    roles.add(*r);
    return {};
  };
  while (i < text.size()) {
    std::size_t len = 0;
    for (std::string_view sep : kSeps) {
      if (text.substr(i, sep.size()) == sep) len = sep.size();
    }
    if (len == 0) {
      ++i;
      continue;
    }
    FUPAN_TRY(take(i));
    i += len;
    start = i;
  }
  FUPAN_TRY(take(text.size()));
  if (roles.empty()) return Error::invalid("roles", detail::at_least_one_role);
  return roles;
}

// True when `user` has a membership of `team` that holds on `day` or starts later.
bool in_team(const OrgSnapshot& org, UserId user, TeamId team, LocalDate day) {
  return std::any_of(
      org.memberships().begin(), org.memberships().end(), [&](const MembershipRecord& m) {
        return m.user_id == user && m.team_id == team && (!m.valid_to || day < *m.valid_to);
      });
}

bool same_user(const UserRecord& a, const UserRecord& b) {
  return a.display_name == b.display_name && a.email == b.email && a.phone == b.phone &&
         a.roles == b.roles && a.region_id == b.region_id;
}

}  // namespace

std::vector<ImportColumn> user_import_columns() {
  return {
      {.key = "username",
       .zh = "用户名",
       .en = "Username",
       .required = true,
       .aliases = {"登录名", "账号", "login"}},
      {.key = "display_name",
       .zh = "姓名",
       .en = "Name",
       .required = true,
       .aliases = {"显示名", "display name"}},
      {.key = "email", .zh = "邮箱", .en = "Email", .aliases = {"电子邮件", "e-mail"}},
      {.key = "phone", .zh = "电话", .en = "Phone", .aliases = {"手机", "mobile"}},
      {.key = "roles", .zh = "角色", .en = "Roles", .aliases = {"role"}},
      {.key = "region", .zh = "区域", .en = "Region", .aliases = {"region_id"}},
      {.key = "team", .zh = "团队", .en = "Team", .aliases = {"team_id"}},
      {.key = "password", .zh = "密码", .en = "Password"},
      {.key = "joined_on",
       .zh = "加入日期",
       .en = "Joined on",
       .aliases = {"入职日期", "加入团队日期", "入组日期", "joined"}},
  };
}

Result<ImportReport> import_users(const Context& ctx, const Actor& actor, TableReader& reader,
                                  const ImportOptions& options, const ImportProgress& progress) {
  ImportReport report;
  report.kind = "user";
  const auto columns = user_import_columns();
  auto header = read_header(reader, columns, report);
  if (!header.ok()) return header.error();
  RowErrors errors(report);
  const std::size_t estimate = reader.estimated_rows() > 0 ? reader.estimated_rows() - 1 : 0;
  ProgressTicker ticker(progress, estimate);
  ticker.phase("importing", 0, estimate);
  const OrgSnapshot& org = *actor.snapshot;
  const Instant now = ctx.clock.now();

  // Check every row first: a users file is small, and hashing passwords is slow, so nothing is
  // written (or hashed) before the whole file is known to be good.
  std::vector<UserRow> good;
  std::set<std::string, std::less<>> seen;
  bool without_join_date = false;  // a team given without 加入日期: the stint starts today
  {
    auto conn = ctx.db.acquire();
    TableRow row;
    while (reader.next(row)) {
      if (++report.rows > kMaxImportRows) return Error::invalid("file", detail::too_many_rows);
      ticker.row(report.rows);
      if (errors.add_problem(row)) {
        ++report.skipped;
        continue;
      }
      auto cell = [&](Column c) { return header->cell(row, c); };
      auto fail = [&](Column c, const Error& e) {
        errors.add(row.line, header->header_of(c), e, cell(c));
        return false;
      };
      UserRow out;
      out.line = row.line;
      const std::string username(cell(kUsername));
      bool ok = true;
      if (username.empty()) {
        ok = fail(kUsername, Error::missing("username"));
      } else if (Status s = validate_username(username); !s.ok()) {
        ok = fail(kUsername, s.error());
      } else if (seen.contains(username)) {
        ok = fail(kUsername, Error::invalid("username", detail::username_repeated));
      } else {
        seen.insert(username);
        const auto found = find_user(org, username);
        out.existing = found && found.record->username == username ? found.record : nullptr;
        if (!out.existing) {
          auto login = store::find_login(*conn, username);
          if (login) ok = fail(kUsername, Error::exists("username"));
        }
      }
      UserRecord& u = out.user;
      if (out.existing) {
        u = *out.existing;
      } else {
        u.username = username;
        u.roles = RoleSet{Role::rep};
        u.created_at = now;
      }
      if (auto v = cell(kDisplayName); !v.empty()) {
        if (Status s = validate_name("display_name", v, 64); !s.ok())
          ok = fail(kDisplayName, s.error());
        u.display_name = std::string(v);
      } else if (!out.existing) {
        ok = fail(kDisplayName, Error::missing("display_name"));
      }
      if (auto v = cell(kEmail); !v.empty()) {
        if (Status s = validate_email(v); !s.ok()) ok = fail(kEmail, s.error());
        u.email = std::string(v);
      }
      if (auto v = cell(kPhone); !v.empty()) {
        if (Status s = validate_phone(v); !s.ok()) ok = fail(kPhone, s.error());
        u.phone = std::string(v);
      }
      if (auto v = cell(kRoles); !v.empty()) {
        auto roles = parse_roles_cell(v);
        if (roles.ok()) {
          u.roles = *roles;
        } else {
          ok = fail(kRoles, roles.error());
        }
      }
      if (out.existing && out.existing->id == actor.id && !u.roles.has(Role::admin))
        ok = fail(kRoles, Error::invalid("roles", detail::cannot_drop_own_admin));
      if (auto v = cell(kRegion); !v.empty()) {
        if (const auto r = find_region(org, v)) {
          u.region_id = r.record->id;
        } else {
          ok = fail(kRegion, Error::invalid("region", detail::no_such_region));
        }
      }
      std::optional<LocalDate> joined;
      if (auto v = cell(kJoined); !v.empty()) {
        joined = parse_date_text(v);
        if (!joined) ok = fail(kJoined, Error::invalid("joined_on", detail::cell_join_date));
        if (joined && cell(kTeam).empty())
          ok = fail(kJoined, Error::invalid("joined_on", detail::join_date_needs_team));
      }
      if (auto v = cell(kTeam); !v.empty()) {
        const auto found = find_team(org, v);
        if (const TeamRecord* t = found.record) {
          MembershipRecord m;
          m.user_id = out.existing ? out.existing->id : UserId{};
          m.team_id = t->id;
          m.role = TeamRole::member;
          m.valid_from = joined.value_or(actor.today);
          if (!out.existing) {
            out.stint = m;
          } else if (!joined) {
            if (!in_team(org, out.existing->id, t->id, actor.today)) out.stint = m;
          } else if (auto place = place_stint(m, org.memberships()); !place.ok()) {
            ok = fail(kJoined, place.error());
          } else if (place->moved_back) {
            out.before = *place->moved_back;
            out.stint = *place->moved_back;
            out.stint->valid_from = m.valid_from;
          } else if (!place->same) {
            out.stint = m;
          }
          if (!joined) without_join_date = true;
        } else {
          ok = fail(kTeam, Error::invalid("team", found.ambiguous ? detail::ambiguous_team
                                                                  : detail::no_such_team));
        }
      }
      if (auto v = cell(kPassword); !v.empty() && !out.existing) {
        if (Status s = validate_password("password", v); !s.ok()) {
          ok = fail(kPassword, s.error());
        } else {
          out.password = std::string(v);
        }
      }
      if (!ok) {
        ++report.skipped;
        continue;
      }
      if (out.existing && same_user(*out.existing, u) && !out.stint) {
        ++report.unchanged;
        continue;
      }
      good.push_back(std::move(out));
    }
  }
  if (report.rows == 0) return Error::invalid("file", detail::no_data_rows);
  errors.finish();
  if (without_join_date) {
    report.warnings.push_back(
        "team memberships without 加入日期 start today: facts dated earlier count for no team "
        "(add a 加入日期 column, or import memberships with their history)");
  }
  if (report.skipped > 0 && !options.skip_bad) {
    report.unchanged = 0;
    return report;
  }

  ticker.phase("saving", report.rows, report.rows);
  // Slow hashes outside the transaction; one unusable hash serves every user without a password.
  const std::string unusable = hash_password(random_token());
  for (UserRow& r : good) {
    if (!r.existing) r.hash = r.password.empty() ? unusable : hash_password(r.password);
  }
  auto written =
      write_org<bool>(ctx, actor.org, "username", [&](store::Connection& c) -> Result<bool> {
        for (UserRow& r : good) {
          UserRecord& u = r.user;
          u.updated_at = now;
          if (r.existing) {
            if (!same_user(*r.existing, u)) {
              u.version = r.existing->version + 1;
              FUPAN_TRY(outcome_status(store::update_user(c, actor.org, u, r.existing->version)));
              audit(c, actor, "update", "user", u.id.value, to_json(*r.existing, org, actor.today),
                    to_json(u, org, actor.today), now);
            }
            ++report.updated;
          } else {
            u.id = store::insert_user(c, actor.org, u, r.hash);
            audit(c, actor, "create", "user", u.id.value, std::nullopt,
                  to_json(u, org, actor.today), now);
            ++report.inserted;
          }
          if (r.stint && r.before) {
            MembershipRecord& m = *r.stint;
            m.version = r.before->version + 1;
            m.updated_at = now;
            FUPAN_TRY(outcome_status(store::update_membership(c, actor.org, m, r.before->version)));
            audit(c, actor, "update", "membership", m.id.value, to_json(*r.before), to_json(m),
                  now);
          } else if (r.stint) {
            MembershipRecord& m = *r.stint;
            m.user_id = u.id;
            m.created_at = m.updated_at = now;
            m.id = store::insert_membership(c, actor.org, m);
            audit(c, actor, "create", "membership", m.id.value, std::nullopt, to_json(m), now);
          }
        }
        audit_json(c, actor, "import", "user", 0, std::nullopt, counts_json(report), now);
        return true;
      });
  if (!written.ok()) return written.error();
  report.committed = true;
  return report;
}

}  // namespace fupan::service
