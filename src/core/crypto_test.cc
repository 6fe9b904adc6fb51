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

// Known answers from outside this code: the digest is BLAKE2b-256 (Python's hashlib.blake2b with
// digest_size=32 gives the same hex), and a password hashed by the Argon2 reference command line
// (Debian's argon2: `echo -n fupan-demo | argon2 fupansaltfupansalt -id -t 2 -m 16 -p 1 -e`)
// verifies here, as a stored hash must keep verifying across versions.
TEST(Crypto, TokenDigestIsBlake2b256) {
  ASSERT_TRUE(crypto_init());
  EXPECT_EQ(token_digest(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(token_digest("abc"),
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  EXPECT_EQ(token_digest("fupan-session-token"),
            "118d27119eb2a70a707e04495a0aead509b7f18b1af7868de790f41b6b428154");
}

TEST(Crypto, VerifiesAnArgon2idHashOfTheReferenceImplementation) {
  ASSERT_TRUE(crypto_init());
  const std::string reference =
      "$argon2id$v=19$m=65536,t=2,p=1$ZnVwYW5zYWx0ZnVwYW5zYWx0$8/y+XtmfAypLe1hMogN1sSH6k+y4thm3J4K/"
      "i4Xi9Ow";
  EXPECT_TRUE(verify_password("fupan-demo", reference));
  EXPECT_FALSE(verify_password("fupan-demO", reference));
}

}  // namespace
}  // namespace fupan

namespace fupan {
namespace {

TEST(Crypto, HmacSha256MatchesRfc4231) {
  // RFC 4231, test case 2.
  EXPECT_EQ(hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac_sha256("k", "").size(), 32u);
}

TEST(Crypto, Base64IsStandardWithPadding) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64(std::string("\xfb\xff", 2)), "+/8=");
}

}  // namespace
}  // namespace fupan
