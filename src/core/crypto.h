// Security primitives on libsodium: argon2id password hashes, random tokens, token digests,
// HMAC-SHA256 signatures.
#pragma once

#include <string>
#include <string_view>

namespace fupan {

// Must be called once before any other function here; returns false if libsodium cannot start.
bool crypto_init();

// Returns an argon2id hash string (salt and parameters included) of `password`.
std::string hash_password(std::string_view password);
// Returns true iff `password` matches `hash`, in constant time.
bool verify_password(std::string_view password, const std::string& hash);

// Returns 32 random bytes as 64 lowercase hex characters.
std::string random_token();
// Returns the hex BLAKE2b-256 digest of `token`: what the store keeps instead of the token.
std::string token_digest(std::string_view token);
// Returns the 32-byte HMAC-SHA256 of `message` under `key` (the signature chat robots and
// webhooks check).
std::string hmac_sha256(std::string_view key, std::string_view message);
// Returns `bytes` in standard base64 with padding, and as lowercase hex.
std::string base64(std::string_view bytes);
std::string hex(std::string_view bytes);
// Returns true iff a and b are equal, in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace fupan
