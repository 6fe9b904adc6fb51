#include "core/millionths.h"

#include <gtest/gtest.h>

#include <cmath>

namespace fupan {
namespace {

TEST(Millionths, RoundTripsCoordinates) {
  EXPECT_EQ(millionths(31.230416), 31230416);
  EXPECT_EQ(millionths(-121.4737), -121473700);
  EXPECT_EQ(millionths(0.0000004), 0);
  EXPECT_EQ(millionths(0.0000005), 1);
  EXPECT_EQ(millionths(std::nan("")), std::nullopt);
  EXPECT_EQ(parse_millionths("31.230416"), 31230416);
  EXPECT_EQ(parse_millionths("+121.5"), 121500000);
  EXPECT_EQ(parse_millionths("-0.5"), -500000);
  EXPECT_EQ(parse_millionths("31.2304164"), 31230416);
  EXPECT_EQ(parse_millionths("north"), std::nullopt);
  EXPECT_EQ(parse_millionths(""), std::nullopt);
  EXPECT_EQ(parse_millionths("1.5x"), std::nullopt);
  EXPECT_EQ(format_millionths(31230416), "31.230416");
  EXPECT_EQ(format_millionths(-121500000), "-121.5");
  EXPECT_EQ(format_millionths(-500000), "-0.5");
  EXPECT_EQ(format_millionths(0), "0");
  EXPECT_EQ(format_millionths(90000000), "90");
}

}  // namespace
}  // namespace fupan
