#include "domain/data_scope.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

LocalDate day(const char* s) {
  return *parse_date(s);
}

// East region: team 1 (led by user 10) with sub-team 2; team 3. South region: team 4.
// Users: 10 manager, 11 rep in team 1, 12 rep in team 2, 13 rep in team 3, 14 rep in team 4,
// 15 director of East, 16 analyst, 17 admin, 18 director without region, 19 inactive admin.
// Rep 20 moved from team 4 to team 1 on 2026-06-01.
OrgSnapshot sample_org() {
  OrgRecord org{OrgId{1}, "org"};
  std::vector<RegionRecord> regions = {{RegionId{1}, "East"}, {RegionId{2}, "South"}};
  std::vector<TeamRecord> teams = {{TeamId{1}, RegionId{1}, std::nullopt, "T1"},
                                   {TeamId{2}, RegionId{1}, TeamId{1}, "T2"},
                                   {TeamId{3}, RegionId{1}, std::nullopt, "T3"},
                                   {TeamId{4}, RegionId{2}, std::nullopt, "T4"}};
  auto user = [](std::int64_t id, RoleSet roles, std::optional<RegionId> region = std::nullopt,
                 bool active = true) {
    UserRecord u;
    u.id = UserId{id};
    u.roles = roles;
    u.region_id = region;
    u.active = active;
    return u;
  };
  std::vector<UserRecord> users = {
      user(10, {Role::manager}),  user(11, {Role::rep}),
      user(12, {Role::rep}),      user(13, {Role::rep}),
      user(14, {Role::rep}),      user(15, {Role::director}, RegionId{1}),
      user(16, {Role::analyst}),  user(17, {Role::admin}),
      user(18, {Role::director}), user(19, {Role::admin}, std::nullopt, false),
      user(20, {Role::rep})};
  std::int64_t next = 1;
  auto member = [&](std::int64_t u, std::int64_t t, TeamRole role, const char* from,
                    std::optional<LocalDate> to = std::nullopt) {
    MembershipRecord m;
    m.id = MembershipId{next++};
    m.user_id = UserId{u};
    m.team_id = TeamId{t};
    m.role = role;
    m.valid_from = day(from);
    m.valid_to = to;
    return m;
  };
  std::vector<MembershipRecord> ms = {
      member(10, 1, TeamRole::leader, "2025-01-01"),
      member(11, 1, TeamRole::member, "2025-01-01"),
      member(12, 2, TeamRole::member, "2025-01-01"),
      member(13, 3, TeamRole::member, "2025-01-01"),
      member(14, 4, TeamRole::member, "2025-01-01"),
      member(20, 4, TeamRole::member, "2025-01-01", day("2026-06-01")),
      member(20, 1, TeamRole::member, "2026-06-01")};
  return OrgSnapshot(org, regions, teams, users, ms);
}

TEST(DataScope, RepSeesOnlyThemselves) {
  auto org = sample_org();
  auto s = compute_scope(org, UserId{11}, day("2026-11-23"));
  EXPECT_FALSE(s.all);
  EXPECT_TRUE(s.sees_user(UserId{11}));
  EXPECT_FALSE(s.sees_user(UserId{12}));
  EXPECT_FALSE(s.sees_user(UserId{10}));
  EXPECT_TRUE(s.sees_team(TeamId{1}));
  EXPECT_FALSE(s.sees_team(TeamId{2}));
  EXPECT_FALSE(s.is_admin);
}

TEST(DataScope, ManagerSeesTheirTeamSubtree) {
  auto org = sample_org();
  auto s = compute_scope(org, UserId{10}, day("2026-11-23"));
  EXPECT_TRUE(s.sees_team(TeamId{1}));
  EXPECT_TRUE(s.sees_team(TeamId{2}));
  EXPECT_FALSE(s.sees_team(TeamId{3}));
  EXPECT_TRUE(s.sees_user(UserId{11}));
  EXPECT_TRUE(s.sees_user(UserId{12}));
  EXPECT_FALSE(s.sees_user(UserId{13}));
  EXPECT_FALSE(s.sees_user(UserId{14}));
  EXPECT_TRUE(s.sees_region(RegionId{1}));
  EXPECT_FALSE(s.sees_region(RegionId{2}));
}

TEST(DataScope, MembershipHistoryDecidesWhoIsInTheTeamOnADay) {
  auto org = sample_org();
  EXPECT_FALSE(compute_scope(org, UserId{10}, day("2026-05-31")).sees_user(UserId{20}));
  EXPECT_TRUE(compute_scope(org, UserId{10}, day("2026-06-01")).sees_user(UserId{20}));
}

TEST(DataScope, DirectorSeesTheirRegion) {
  auto org = sample_org();
  auto s = compute_scope(org, UserId{15}, day("2026-11-23"));
  EXPECT_FALSE(s.all);
  EXPECT_TRUE(s.sees_team(TeamId{3}));
  EXPECT_FALSE(s.sees_team(TeamId{4}));
  EXPECT_TRUE(s.sees_user(UserId{13}));
  EXPECT_FALSE(s.sees_user(UserId{14}));
}

TEST(DataScope, DirectorWithoutRegionAnalystAndAdminSeeAll) {
  auto org = sample_org();
  EXPECT_TRUE(compute_scope(org, UserId{18}, day("2026-11-23")).all);
  auto analyst = compute_scope(org, UserId{16}, day("2026-11-23"));
  EXPECT_TRUE(analyst.all);
  EXPECT_FALSE(analyst.can_write);
  EXPECT_FALSE(analyst.is_admin);
  auto admin = compute_scope(org, UserId{17}, day("2026-11-23"));
  EXPECT_TRUE(admin.all);
  EXPECT_TRUE(admin.is_admin);
}

TEST(DataScope, InactiveOrUnknownUsersSeeNothing) {
  auto org = sample_org();
  auto s = compute_scope(org, UserId{19}, day("2026-11-23"));
  EXPECT_FALSE(s.all);
  EXPECT_FALSE(s.is_admin);
  EXPECT_TRUE(s.users.empty());
  EXPECT_TRUE(compute_scope(org, UserId{999}, day("2026-11-23")).users.empty());
}

TEST(OrgSnapshot, SubtreeAndAncestry) {
  auto org = sample_org();
  EXPECT_EQ(org.subtree(TeamId{1}).size(), 2u);
  EXPECT_TRUE(org.is_within(TeamId{2}, TeamId{1}));
  EXPECT_FALSE(org.is_within(TeamId{1}, TeamId{2}));
  EXPECT_TRUE(org.subtree(TeamId{99}).empty());
}

}  // namespace
}  // namespace fupan
