#include "demo/demo_org.h"

#include <array>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "store/org_store.h"

namespace fupan::demo {
namespace {

struct DemoTeam {
  const char* name;
  int region;  // index into the regions
  int parent;  // index into the teams, -1 for top level
};

struct Person {
  const char* pinyin;
  const char* hanzi;
};

constexpr std::array<std::pair<const char*, const char*>, 3> kRegions = {
    {{"华东区", "EAST"}, {"华南区", "SOUTH"}, {"华北区", "NORTH"}}};

constexpr std::array<DemoTeam, 8> kTeams = {{{"上海一部", 0, -1},
                                             {"上海二部", 0, 0},
                                             {"杭州团队", 0, -1},
                                             {"广州团队", 1, -1},
                                             {"深圳团队", 1, -1},
                                             {"深圳大客户组", 1, 4},
                                             {"北京一部", 2, -1},
                                             {"天津团队", 2, -1}}};

// Surnames and given names combined in a fixed order: realistic and repeatable.
constexpr std::array<Person, 16> kSurnames = {{{"wang", "王"},
                                               {"li", "李"},
                                               {"zhang", "张"},
                                               {"liu", "刘"},
                                               {"chen", "陈"},
                                               {"yang", "杨"},
                                               {"zhao", "赵"},
                                               {"huang", "黄"},
                                               {"zhou", "周"},
                                               {"wu", "吴"},
                                               {"xu", "徐"},
                                               {"sun", "孙"},
                                               {"hu", "胡"},
                                               {"zhu", "朱"},
                                               {"gao", "高"},
                                               {"lin", "林"}}};
constexpr std::array<Person, 20> kGiven = {
    {{"wei", "伟"},      {"fang", "芳"}, {"na", "娜"},   {"min", "敏"},  {"jing", "静"},
     {"qiang", "强"},    {"lei", "磊"},  {"jun", "军"},  {"yang", "洋"}, {"yong", "勇"},
     {"yan", "艳"},      {"jie", "杰"},  {"tao", "涛"},  {"ming", "明"}, {"chao", "超"},
     {"xiulan", "秀兰"}, {"xia", "霞"},  {"ping", "平"}, {"gang", "刚"}, {"hui", "辉"}}};

}  // namespace

Result<OrgId> create_demo_org(store::Database& db, const Clock& clock) {
  auto conn = db.acquire();
  if (!store::list_org_ids(*conn).empty()) {
    return Error::of(ErrorCode::already_exists, detail::store_has_org);
  }
  const Instant now = clock.now();
  const LocalDate today = local_date(now, "Asia/Shanghai");
  using std::chrono::days;
  // History starts two years back so every later report has a past.
  const LocalDate start = today - days(730);
  const LocalDate moved_on = today - days(120);

  // Only the five demo logins get the demo password; the other people get an unusable random one
  // (an admin can set theirs), which keeps `fupan demo` fast: each argon2id hash costs ~0.1 s.
  const std::string disabled_hash = hash_password(random_token());

  store::Transaction tx(*conn, true);
  OrgRecord org;
  org.name = "复盘示范公司";
  org.is_demo = true;
  org.created_at = org.updated_at = now;
  org.id = store::insert_org(*conn, org);

  std::vector<RegionId> regions;
  for (const auto& [name, code] : kRegions) {
    RegionRecord r{RegionId{}, name, code, 1, now, now};
    regions.push_back(store::insert_region(*conn, org.id, r));
  }
  std::vector<TeamId> teams;
  for (const DemoTeam& t : kTeams) {
    TeamRecord rec;
    rec.region_id = regions[t.region];
    if (t.parent >= 0) rec.parent_id = teams[t.parent];
    rec.name = t.name;
    rec.created_at = rec.updated_at = now;
    teams.push_back(store::insert_team(*conn, org.id, rec));
  }

  int person = 0;
  auto next_name = [&](std::string& username, std::string& display) {
    const Person& s = kSurnames[person % kSurnames.size()];
    const Person& g = kGiven[(person * 7 + 3) % kGiven.size()];
    username = std::string(s.pinyin) + "." + g.pinyin;
    display = std::string(s.hanzi) + g.hanzi;
    ++person;
  };
  auto add_user = [&](std::string username, std::string display, RoleSet roles,
                      std::optional<RegionId> region, const std::string& hash) {
    UserRecord u;
    u.username = std::move(username);
    u.display_name = std::move(display);
    u.email = u.username + "@demo.fupan.local";
    u.roles = roles;
    u.region_id = region;
    u.created_at = u.updated_at = now;
    return store::insert_user(*conn, org.id, u, hash);
  };
  auto add_membership = [&](UserId user, TeamId team, TeamRole role, LocalDate from,
                            std::optional<LocalDate> to) {
    MembershipRecord m;
    m.user_id = user;
    m.team_id = team;
    m.role = role;
    m.valid_from = from;
    m.valid_to = to;
    m.created_at = m.updated_at = now;
    store::insert_membership(*conn, org.id, m);
  };

  // The five demo logins.
  add_user("admin", "系统管理员", {Role::admin}, std::nullopt, hash_password(kDemoPassword));
  add_user("analyst", "孙分析", {Role::analyst}, std::nullopt, hash_password(kDemoPassword));
  add_user("director", "赵总监", {Role::director}, regions[0], hash_password(kDemoPassword));
  UserId manager =
      add_user("manager", "钱经理", {Role::manager}, std::nullopt, hash_password(kDemoPassword));
  UserId rep = add_user("rep", "李销售", {Role::rep}, std::nullopt, hash_password(kDemoPassword));
  add_membership(manager, teams[0], TeamRole::leader, start, std::nullopt);
  add_membership(rep, teams[0], TeamRole::member, start, std::nullopt);

  // Directors of the other regions, a leader for every other team, and 3-4 reps per team.
  std::string username, display;
  for (std::size_t r = 1; r < regions.size(); ++r) {
    next_name(username, display);
    add_user(username, display, {Role::director}, regions[r], disabled_hash);
  }
  for (std::size_t t = 0; t < teams.size(); ++t) {
    if (t != 0) {
      next_name(username, display);
      add_membership(add_user(username, display, {Role::manager}, std::nullopt, disabled_hash),
                     teams[t], TeamRole::leader, start, std::nullopt);
    }
    const int reps = t % 2 == 0 ? 4 : 3;
    for (int i = 0; i < reps; ++i) {
      next_name(username, display);
      UserId u = add_user(username, display, {Role::rep}, std::nullopt, disabled_hash);
      if (t == 0 && i == 0) {
        // A rep who moved from 杭州团队 to 上海一部 120 days ago: history that reports must honour.
        add_membership(u, teams[2], TeamRole::member, start, moved_on);
        add_membership(u, teams[0], TeamRole::member, moved_on, std::nullopt);
      } else {
        add_membership(u, teams[t], TeamRole::member, start, std::nullopt);
      }
    }
  }
  tx.commit();
  return org.id;
}

}  // namespace fupan::demo
