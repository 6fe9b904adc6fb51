#include "store/session_store.h"

namespace fupan::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO sessions (org_id, user_id, token_digest, csrf_token, created_at, expires_at, ip, "
    "user_agent)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kFind =
    "SELECT id, org_id, user_id, token_digest, csrf_token, created_at, expires_at, ip, user_agent"
    " FROM sessions WHERE token_digest = ?";
constexpr const char* kDelete = "DELETE FROM sessions WHERE token_digest = ?";
constexpr const char* kDeleteUser = "DELETE FROM sessions WHERE user_id = ?";
constexpr const char* kDeleteOthers =
    "DELETE FROM sessions WHERE user_id = ? AND token_digest <> ?";
constexpr const char* kDeleteExpired = "DELETE FROM sessions WHERE expires_at <= ?";

}  // namespace

void insert_session(Connection& c, const SessionRecord& s) {
  c.exec(kInsert, {s.org.value, s.user.value, s.token_digest, s.csrf_token, to_ms(s.created_at),
                   to_ms(s.expires_at), s.ip, s.user_agent});
}

std::optional<SessionRecord> find_session(Connection& c, const std::string& digest) {
  auto r = c.query(kFind, {digest});
  if (r.empty()) return std::nullopt;
  return SessionRecord{
      r.i64(0, 0), OrgId{r.i64(0, 1)},           UserId{r.i64(0, 2)},          r.str(0, 3),
      r.str(0, 4), instant_from_ms(r.i64(0, 5)), instant_from_ms(r.i64(0, 6)), r.str(0, 7),
      r.str(0, 8)};
}

void delete_session(Connection& c, const std::string& digest) {
  c.exec(kDelete, {digest});
}
void delete_user_sessions(Connection& c, UserId user) {
  c.exec(kDeleteUser, {user.value});
}
void delete_other_sessions(Connection& c, UserId user, const std::string& keep) {
  c.exec(kDeleteOthers, {user.value, keep});
}
void delete_expired_sessions(Connection& c, Instant now) {
  c.exec(kDeleteExpired, {to_ms(now)});
}

}  // namespace fupan::store
