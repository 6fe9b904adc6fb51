#include "domain/org_lookup.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

OrgSnapshot sample() {
  std::vector<RegionRecord> regions{{RegionId{1}, "华东区", "EAST", 1, {}, {}},
                                    {RegionId{2}, "华南区", "SOUTH", 1, {}, {}}};
  std::vector<TeamRecord> teams(3);
  teams[0].id = TeamId{1};
  teams[0].region_id = RegionId{1};
  teams[0].name = "上海一部";
  teams[1].id = TeamId{2};
  teams[1].region_id = RegionId{2};
  teams[1].name = "一部";
  teams[2].id = TeamId{3};
  teams[2].region_id = RegionId{1};
  teams[2].name = "一部";
  std::vector<UserRecord> users(3);
  users[0].id = UserId{1};
  users[0].username = "li.na";
  users[0].display_name = "李娜";
  users[1].id = UserId{2};
  users[1].username = "wang.fang";
  users[1].display_name = "王芳";
  users[2].id = UserId{3};
  users[2].username = "wang.fang2";
  users[2].display_name = "王芳";
  return OrgSnapshot(OrgRecord{}, regions, teams, users, {});
}

TEST(OrgLookup, FindsByIdNameOrCodeAndRefusesWhatSeveralShare) {
  const OrgSnapshot org = sample();
  EXPECT_EQ(find_region(org, "2").record->name, "华南区");
  EXPECT_EQ(find_region(org, "EAST").record->id, RegionId{1});
  EXPECT_EQ(find_region(org, "华东区").record->id, RegionId{1});
  EXPECT_FALSE(find_region(org, "西北区"));
  EXPECT_EQ(find_team(org, "上海一部").record->id, TeamId{1});
  EXPECT_EQ(find_team(org, "3").record->id, TeamId{3});
  const auto shared = find_team(org, "一部");
  EXPECT_FALSE(shared);
  EXPECT_TRUE(shared.ambiguous);
  EXPECT_EQ(find_user(org, "li.na").record->id, UserId{1});
  EXPECT_EQ(find_user(org, "李娜").record->id, UserId{1});
  EXPECT_TRUE(find_user(org, "王芳").ambiguous);
  EXPECT_EQ(find_user(org, "wang.fang2").record->id, UserId{3});
  EXPECT_FALSE(find_user(org, "1"));  // not an id
  EXPECT_FALSE(find_team(org, ""));
}

}  // namespace
}  // namespace fupan
