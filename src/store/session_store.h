// SQL for login sessions: the store keeps a digest of each token, never the token.
#pragma once

#include <optional>
#include <string>

#include "core/ids.h"
#include "core/time.h"
#include "store/database.h"

namespace fupan::store {

struct SessionRecord {
  std::int64_t id = 0;
  OrgId org;
  UserId user;
  std::string token_digest;
  std::string csrf_token;
  Instant created_at, expires_at;
  std::string ip, user_agent;
};

void insert_session(Connection& c, const SessionRecord& s);
std::optional<SessionRecord> find_session(Connection& c, const std::string& token_digest);
void delete_session(Connection& c, const std::string& token_digest);
void delete_user_sessions(Connection& c, UserId user);
// Ends every session of `user` but the one with `keep_digest`.
void delete_other_sessions(Connection& c, UserId user, const std::string& keep_digest);
void delete_expired_sessions(Connection& c, Instant now);

}  // namespace fupan::store
