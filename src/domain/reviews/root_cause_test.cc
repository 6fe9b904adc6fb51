#include "domain/reviews/root_cause.h"

#include <gtest/gtest.h>

namespace fupan::reviews {
namespace {

TEST(RootCause, BuiltInsUntilTheAdminChangesThem) {
  const auto plain = root_causes({});
  ASSERT_EQ(plain.size(), 6u);
  EXPECT_EQ(plain.front().key, "price");
  EXPECT_EQ(plain.back().key, "execution");

  const auto changed = root_causes({{"timing", "时机不对", false, false, 4},
                                    {"c7", "交付能力", false, true, 0},
                                    {"c8", "资质", false, true, 9}});
  ASSERT_EQ(changed.size(), 8u);
  EXPECT_EQ(changed.front().key, "c7");  // position 0 first
  EXPECT_FALSE(changed.front().builtin);
  const auto timing = std::find_if(changed.begin(), changed.end(),
                                   [](const RootCause& c) { return c.key == "timing"; });
  EXPECT_EQ(timing->name, "时机不对");
  EXPECT_FALSE(timing->active);
  EXPECT_TRUE(timing->builtin);
  EXPECT_EQ(changed.back().key, "c8");
}

TEST(RootCause, NameLength) {
  EXPECT_TRUE(check_root_cause_name("交付周期").ok());
  EXPECT_EQ(check_root_cause_name(" ").error().code, ErrorCode::missing_field);
  EXPECT_EQ(check_root_cause_name(std::string(21, 'a')).error().field, "name");
}

}  // namespace
}  // namespace fupan::reviews
