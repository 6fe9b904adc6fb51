#include "domain/goals/target_sheet.h"

#include <gtest/gtest.h>

namespace fupan::goals {
namespace {

TEST(TargetSheet, LevelsInChineseAndEnglish) {
  EXPECT_EQ(parse_level("组织"), ScopeRef::Kind::org);
  EXPECT_EQ(parse_level("大区"), ScopeRef::Kind::region);
  EXPECT_EQ(parse_level("部门"), ScopeRef::Kind::team);
  EXPECT_EQ(parse_level("个人"), ScopeRef::Kind::user);
  EXPECT_EQ(parse_level("user"), ScopeRef::Kind::user);
  EXPECT_FALSE(parse_level("公司级"));
  for (auto k :
       {ScopeRef::Kind::org, ScopeRef::Kind::region, ScopeRef::Kind::team, ScopeRef::Kind::user}) {
    EXPECT_EQ(parse_level(level_name(k)), k);
    EXPECT_EQ(parse_level(level_name(k, true)), k);
  }
}

TEST(TargetSheet, AdditiveMetricsByNameOrLabel) {
  EXPECT_EQ(target_metric("销售额"), Metric::orders_amount);
  EXPECT_EQ(target_metric("orders_amount"), Metric::orders_amount);
  EXPECT_EQ(target_metric("Visits"), Metric::visits);
  EXPECT_EQ(target_metric("新增客户"), Metric::new_leads);
  EXPECT_FALSE(target_metric("赢单率"));  // a ratio: no target
  EXPECT_FALSE(target_metric("销售"));
  EXPECT_TRUE(money_metric(Metric::payments_amount));
  EXPECT_FALSE(money_metric(Metric::calls));
}

}  // namespace
}  // namespace fupan::goals
