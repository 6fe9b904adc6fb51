#include "core/crypto.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

TEST(Crypto, PasswordHashIsArgon2idAndVerifies) {
  ASSERT_TRUE(crypto_init());
  std::string hash = hash_password("fupan-demo");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password("fupan-demo", hash));
  EXPECT_FALSE(verify_password("fupan-demO", hash));
  EXPECT_NE(hash, hash_password("fupan-demo"));  // salted
}

TEST(Crypto, TokensAreRandomAndDigestsStable) {
  ASSERT_TRUE(crypto_init());
  std::string a = random_token(), b = random_token();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(token_digest(a), token_digest(a));
  EXPECT_NE(token_digest(a), a);
  EXPECT_TRUE(constant_time_equal(a, a));
  EXPECT_FALSE(constant_time_equal(a, b));
  EXPECT_FALSE(constant_time_equal("ab", "abc"));
}

}  // namespace
}  // namespace fupan
