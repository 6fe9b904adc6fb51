#include "service/org/auth_service.h"

#include <boost/json/serialize.hpp>

#include "core/crypto.h"
#include "domain/org_validation.h"
#include "service/platform/store_watch.h"
#include "service/platform/write.h"
#include "store/audit_store.h"
#include "store/org_store.h"
#include "store/session_store.h"

namespace fupan::service {
namespace {

// A valid hash of a random password, verified against when the user name is unknown so that
// both failures take the same time.
const std::string& decoy_hash() {
  static const std::string hash = hash_password(random_token());
  return hash;
}

void audit_login(store::Connection& c, OrgId org, std::optional<UserId> user,
                 std::string_view action, const std::string& username, const std::string& ip,
                 Instant at) {
  store::AuditRecord a;
  a.org = org;
  a.at = at;
  a.user = user;
  a.action = std::string(action);
  a.entity = "session";
  if (user) a.entity_id = user->value;
  a.after_json = boost::json::serialize(boost::json::object{{"username", username}});
  a.ip = ip;
  store::insert_audit(c, a);
}

}  // namespace

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password,
                                       const std::string& ip, const std::string& user_agent) {
  if (username.empty()) return Error::missing("username");
  if (password.empty()) return Error::missing("password");
  const Instant now = ctx_.clock.now();
  const std::string name_key = "u:" + username, ip_key = "a:" + ip;
  if (!by_name_.allowed(name_key, now) || !by_address_.allowed(ip_key, now)) {
    return Error::of(ErrorCode::rate_limited, detail::too_many_failed_logins);
  }
  std::optional<store::LoginRecord> login;
  {
    auto conn = ctx_.db.acquire();
    login = store::find_login(*conn, username);
  }
  const bool match = verify_password(password, login ? login->password_hash : decoy_hash());
  if (!login || !match || !login->active) {
    by_name_.record_failure(name_key, now);
    by_address_.record_failure(ip_key, now);
    if (login) {
      auto conn = ctx_.db.acquire();
      audit_login(*conn, login->org, login->id, "login_failed", username, ip, now);
    }
    return Error::of(ErrorCode::login_failed);
  }
  by_name_.record_success(name_key);

  LoginResult out{random_token(), random_token(), now + ttl_, login->org, login->id};
  store::SessionRecord s{0,   login->org,     login->id, token_digest(out.token),  out.csrf_token,
                         now, out.expires_at, ip,        user_agent.substr(0, 256)};
  auto conn = ctx_.db.acquire();
  store::Transaction tx(*conn, true);
  store::delete_expired_sessions(*conn, now);
  store::insert_session(*conn, s);
  audit_login(*conn, login->org, login->id, "login", username, ip, now);
  tx.commit();
  ctx_.sessions.put(s.token_digest, {s.org, s.user, s.csrf_token, s.expires_at});
  return out;
}

std::optional<AuthenticatedSession> AuthService::authenticate(const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  const std::string digest = token_digest(token);
  auto cached = ctx_.sessions.find(digest);
  if (!cached) {
    auto conn = ctx_.db.acquire();
    auto s = store::find_session(*conn, digest);
    if (!s) return std::nullopt;
    cached = CachedSession{s->org, s->user, s->csrf_token, s->expires_at};
    ctx_.sessions.put(digest, *cached);
  }
  if (cached->expires_at <= ctx_.clock.now()) {
    ctx_.sessions.evict(digest);
    return std::nullopt;
  }
  if (ctx_.watch) ctx_.watch->catch_up(ctx_, cached->org);
  auto org = ctx_.orgs.get(cached->org);
  const UserRecord* user = org ? org->user(cached->user) : nullptr;
  if (!user || !user->active) return std::nullopt;
  return AuthenticatedSession{cached->org, cached->user, cached->csrf_token, std::move(org)};
}

void AuthService::logout(const Actor& actor, const std::string& token) {
  const std::string digest = token_digest(token);
  ctx_.sessions.evict(digest);
  auto conn = ctx_.db.acquire();
  store::Transaction tx(*conn, true);
  store::delete_session(*conn, digest);
  audit_login(*conn, actor.org, actor.id, "logout", actor.user().username, actor.ip,
              ctx_.clock.now());
  tx.commit();
}

Status AuthService::change_password(const Actor& actor, const std::string& token,
                                    const std::string& old_password,
                                    const std::string& new_password) {
  FUPAN_TRY(validate_password("new_password", new_password));
  std::optional<store::LoginRecord> login;
  {
    auto conn = ctx_.db.acquire();
    login = store::find_login(*conn, actor.id);
  }
  if (!login || !verify_password(old_password, login->password_hash)) {
    return Error::invalid("old_password", detail::wrong_password);
  }
  const std::string hash = hash_password(new_password);
  const Instant now = ctx_.clock.now();
  const std::string keep = token_digest(token);
  {
    auto conn = ctx_.db.acquire();
    store::Transaction tx(*conn, true);
    store::set_password(*conn, actor.org, actor.id, hash, now);
    // Other sessions end; this one stays.
    store::delete_other_sessions(*conn, actor.id, keep);
    audit(*conn, actor, "password_change", "user", actor.id.value, std::nullopt, std::nullopt, now);
    tx.commit();
  }
  auto mine = ctx_.sessions.find(keep);
  ctx_.sessions.evict_user(actor.id);
  if (mine) ctx_.sessions.put(keep, *mine);
  return {};
}

}  // namespace fupan::service
