#include "domain/scope_people.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

LocalDate day(int y, unsigned m, unsigned d) {
  return LocalDate{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// Region 1 holds team 10 with sub-team 11; region 2 holds team 20. User 1 is in 10 all along,
// 2 in 11 until November, 3 in 20, 4 in no team.
OrgSnapshot org() {
  std::vector<RegionRecord> regions(2);
  regions[0].id = RegionId{1};
  regions[1].id = RegionId{2};
  std::vector<TeamRecord> teams(3);
  teams[0].id = TeamId{10};
  teams[0].region_id = RegionId{1};
  teams[1].id = TeamId{11};
  teams[1].region_id = RegionId{1};
  teams[1].parent_id = TeamId{10};
  teams[2].id = TeamId{20};
  teams[2].region_id = RegionId{2};
  std::vector<UserRecord> users(4);
  for (int i = 0; i < 4; ++i) users[i].id = UserId{i + 1};
  std::vector<MembershipRecord> ms(3);
  ms[0].id = MembershipId{1};
  ms[0].user_id = UserId{1};
  ms[0].team_id = TeamId{10};
  ms[0].valid_from = day(2020, 1, 1);
  ms[1].id = MembershipId{2};
  ms[1].user_id = UserId{2};
  ms[1].team_id = TeamId{11};
  ms[1].valid_from = day(2020, 1, 1);
  ms[1].valid_to = day(2026, 11, 1);
  ms[2].id = MembershipId{3};
  ms[2].user_id = UserId{3};
  ms[2].team_id = TeamId{20};
  ms[2].valid_from = day(2020, 1, 1);
  return OrgSnapshot(OrgRecord{}, regions, teams, users, ms);
}

TEST(ScopePeople, EachScopesPeopleOverThePeriod) {
  const OrgSnapshot o = org();
  const Period october = parse_period("2026-10").value();
  const Period november = parse_period("2026-11").value();
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(people_of(o, {ScopeRef::Kind::team, 10}, october), (V{1, 2}));
  EXPECT_EQ(people_of(o, {ScopeRef::Kind::team, 10}, november), (V{1}));
  EXPECT_EQ(people_of(o, {ScopeRef::Kind::region, 1}, october), (V{1, 2}));
  EXPECT_EQ(people_of(o, {ScopeRef::Kind::region, 2}, october), (V{3}));
  EXPECT_EQ(people_of(o, {ScopeRef::Kind::user, 4}, october), (V{4}));
  EXPECT_EQ(people_of(o, {ScopeRef::Kind::org, 0}, october), (V{1, 2, 3, 4}));
}

}  // namespace
}  // namespace fupan
