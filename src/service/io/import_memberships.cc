#include "service/io/import_memberships.h"

#include <map>
#include <set>

#include "core/text_parse.h"
#include "domain/org_lookup.h"
#include "service/io/import_table.h"
#include "service/org/record_json.h"
#include "service/platform/write.h"
#include "store/org_store.h"

namespace fupan::service {
namespace {

enum Column { kUser, kTeam, kRole, kFrom, kTo };

// One good row, ready to write.
struct StintRow {
  std::size_t line = 0;
  MembershipRecord stint;
  std::optional<MembershipRecord> before;  // the stint it updates, as it was
};

std::optional<TeamRole> role_from_cell(std::string_view s) {
  if (s.empty() || s == "成员" || s == "组员" || s == "member" || s == "Member") {
    return TeamRole::member;
  }
  if (s == "组长" || s == "负责人" || s == "经理" || s == "leader" || s == "Leader") {
    return TeamRole::leader;
  }
  return parse_team_role(s);
}

bool overlaps(const MembershipRecord& a, const MembershipRecord& b) {
  return (!a.valid_to || b.valid_from < *a.valid_to) && (!b.valid_to || a.valid_from < *b.valid_to);
}

}  // namespace

std::vector<ImportColumn> membership_import_columns() {
  return {
      {.key = "user",
       .zh = "用户名",
       .en = "Username",
       .required = true,
       .aliases = {"用户", "账号", "登录名", "姓名", "user", "username", "user_id"}},
      {.key = "team", .zh = "团队", .en = "Team", .required = true, .aliases = {"team_id"}},
      {.key = "role", .zh = "角色", .en = "Role", .aliases = {"团队角色"}},
      {.key = "valid_from",
       .zh = "开始日期",
       .en = "Valid from",
       .required = true,
       .aliases = {"加入日期", "生效日期", "起始日期", "from"}},
      {.key = "valid_to",
       .zh = "结束日期",
       .en = "Valid to",
       .aliases = {"离开日期", "截止日期", "失效日期", "to"}},
  };
}

Result<StintPlace> place_stint(const MembershipRecord& stint,
                               const std::vector<MembershipRecord>& stints) {
  StintPlace place;
  for (const MembershipRecord& s : stints) {
    if (s.user_id != stint.user_id || s.team_id != stint.team_id) continue;
    if (s.valid_from == stint.valid_from) {
      place.same = &s;
    } else if (!s.valid_to && !stint.valid_to && stint.valid_from < s.valid_from) {
      place.moved_back = &s;
    }
  }
  for (const MembershipRecord& s : stints) {
    if (s.user_id != stint.user_id || s.team_id != stint.team_id) continue;
    if (&s == place.same || &s == place.moved_back) continue;
    if (overlaps(s, stint)) {
      return Error::invalid("valid_from", detail::membership_overlap);
    }
  }
  if (place.same) place.moved_back = nullptr;
  return place;
}

Result<ImportReport> import_memberships(const Context& ctx, const Actor& actor, TableReader& reader,
                                        const ImportOptions& options,
                                        const ImportProgress& progress) {
  ImportReport report;
  report.kind = "membership";
  const auto columns = membership_import_columns();
  auto header = read_header(reader, columns, report);
  if (!header.ok()) return header.error();
  RowErrors errors(report);
  const std::size_t estimate = reader.estimated_rows() > 0 ? reader.estimated_rows() - 1 : 0;
  ProgressTicker ticker(progress, estimate);
  ticker.phase("importing", 0, estimate);
  const OrgSnapshot& org = *actor.snapshot;
  const Instant now = ctx.clock.now();

  // Every row is checked against the store's stints and the file's rows before anything is
  // written; the file's stints join the list as they are accepted.
  std::vector<MembershipRecord> stints(org.memberships().begin(), org.memberships().end());
  stints.reserve(stints.size() + estimate + 1);
  std::vector<StintRow> good;
  std::set<std::int64_t> changed;  // ids of stored stints an earlier row changes
  TableRow row;
  while (reader.next(row)) {
    if (++report.rows > kMaxImportRows) return Error::invalid("file", detail::too_many_rows);
    ticker.row(report.rows);
    if (errors.add_problem(row)) {
      ++report.skipped;
      continue;
    }
    auto cell = [&](Column c) { return header->cell(row, c); };
    bool ok = true;
    auto fail = [&](Column c, const Error& e) {
      errors.add(row.line, header->header_of(c), e, cell(c));
      ok = false;
    };
    MembershipRecord m;
    if (cell(kUser).empty()) {
      fail(kUser, Error::missing("user"));
    } else if (const auto u = find_user(org, cell(kUser))) {
      m.user_id = u.record->id;
    } else {
      fail(kUser, Error::invalid("user", detail::no_such_user_cell));
    }
    const auto team = find_team(org, cell(kTeam));
    if (cell(kTeam).empty()) {
      fail(kTeam, Error::missing("team"));
    } else if (team) {
      m.team_id = team.record->id;
    } else {
      fail(kTeam,
           Error::invalid("team", team.ambiguous ? detail::ambiguous_team : detail::no_such_team));
    }
    if (auto role = role_from_cell(cell(kRole))) {
      m.role = *role;
    } else {
      fail(kRole, Error::invalid("role", detail::member_or_leader_zh));
    }
    if (auto from = parse_date_text(cell(kFrom))) {
      m.valid_from = *from;
    } else {
      fail(kFrom, cell(kFrom).empty() ? Error::missing("valid_from")
                                      : Error::invalid("valid_from", detail::cell_join_date));
    }
    if (!cell(kTo).empty()) {
      if (auto to = parse_date_text(cell(kTo))) {
        m.valid_to = *to;
        if (ok && *to <= m.valid_from) fail(kTo, Error::invalid("valid_to", detail::after_start));
      } else {
        fail(kTo, Error::invalid("valid_to", detail::cell_end_date));
      }
    }
    if (ok) {
      auto place = place_stint(m, stints);
      if (!place.ok()) {
        fail(kFrom, place.error());
      } else if (place->same) {
        if (place->same->role == m.role && place->same->valid_to == m.valid_to) {
          ++report.unchanged;
          continue;
        }
        if (place->same->id.value == 0 || changed.contains(place->same->id.value)) {
          fail(kFrom, Error::invalid("valid_from", detail::stint_repeated));
        } else {
          StintRow r{row.line, *place->same, *place->same};
          r.stint.role = m.role;
          r.stint.valid_to = m.valid_to;
          good.push_back(r);
        }
      } else if (place->moved_back) {
        StintRow r{row.line, *place->moved_back, *place->moved_back};
        r.stint.valid_from = m.valid_from;
        r.stint.role = m.role;
        good.push_back(r);
      } else {
        good.push_back({row.line, m, std::nullopt});
      }
    }
    if (!ok) {
      ++report.skipped;
      continue;
    }
    // Later rows see this stint as it will be.
    const StintRow& g = good.back();
    if (g.before) changed.insert(g.before->id.value);
    if (g.before) {
      for (MembershipRecord& s : stints) {
        if (s.id == g.before->id) s = g.stint;
      }
    } else {
      stints.push_back(g.stint);
    }
  }
  if (report.rows == 0) return Error::invalid("file", detail::no_data_rows);
  errors.finish();
  if (report.skipped > 0 && !options.skip_bad) {
    report.unchanged = 0;
    return report;
  }
  ticker.phase("saving", report.rows, report.rows);
  auto written =
      write_org<bool>(ctx, actor.org, "valid_from", [&](store::Connection& c) -> Result<bool> {
        for (StintRow& r : good) {
          MembershipRecord& m = r.stint;
          m.updated_at = now;
          if (r.before) {
            m.version = r.before->version + 1;
            FUPAN_TRY(outcome_status(store::update_membership(c, actor.org, m, r.before->version)));
            audit(c, actor, "update", "membership", m.id.value, to_json(*r.before), to_json(m),
                  now);
            ++report.updated;
          } else {
            m.created_at = now;
            m.id = store::insert_membership(c, actor.org, m);
            audit(c, actor, "create", "membership", m.id.value, std::nullopt, to_json(m), now);
            ++report.inserted;
          }
        }
        audit_json(c, actor, "import", "membership", 0, std::nullopt, counts_json(report), now);
        return true;
      });
  if (!written.ok()) return written.error();
  report.committed = true;
  return report;
}

}  // namespace fupan::service
