#include "domain/login_throttle.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

TEST(LoginThrottle, LocksAfterTooManyFailuresAndUnlocksLater) {
  using namespace std::chrono;
  LoginThrottle t(3, minutes(5), minutes(5));
  Instant now = instant_from_ms(1'000'000'000'000);
  for (int i = 0; i < 2; ++i) t.record_failure("u:rep", now);
  EXPECT_TRUE(t.allowed("u:rep", now));
  t.record_failure("u:rep", now);
  EXPECT_FALSE(t.allowed("u:rep", now + minutes(4)));
  EXPECT_TRUE(t.allowed("u:other", now));
  EXPECT_TRUE(t.allowed("u:rep", now + minutes(5)));
}

TEST(LoginThrottle, OldFailuresExpireAndSuccessResets) {
  using namespace std::chrono;
  LoginThrottle t(3, minutes(5), minutes(5));
  Instant now = instant_from_ms(1'000'000'000'000);
  t.record_failure("k", now);
  t.record_failure("k", now + minutes(1));
  t.record_failure("k", now + minutes(6));  // the first has left the window
  EXPECT_TRUE(t.allowed("k", now + minutes(6)));
  t.record_success("k");
  t.record_failure("k", now + minutes(7));
  t.record_failure("k", now + minutes(7));
  EXPECT_TRUE(t.allowed("k", now + minutes(7)));
}

}  // namespace
}  // namespace fupan
