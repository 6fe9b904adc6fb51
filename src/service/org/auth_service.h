// Logging in and out, sessions, and one's own password.
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "domain/login_throttle.h"
#include "service/platform/context.h"

namespace fupan::service {

struct LoginResult {
  std::string token;  // shown once; the store keeps only its digest
  std::string csrf_token;
  Instant expires_at;
  OrgId org;
  UserId user;
};

struct AuthenticatedSession {
  OrgId org;
  UserId user;
  std::string csrf_token;
  std::shared_ptr<const OrgSnapshot> snapshot;  // the org the user was found active in
};

class AuthService {
 public:
  explicit AuthService(const Context& ctx, std::chrono::hours ttl = std::chrono::hours(12))
      : ctx_(ctx), ttl_(ttl) {}

  // Checks the password (argon2id) and opens a session; throttles repeated failures.
  Result<LoginResult> login(const std::string& username, const std::string& password,
                            const std::string& ip, const std::string& user_agent);
  // Returns the live session of `token`, or nullopt (unknown, expired, or the user is inactive).
  std::optional<AuthenticatedSession> authenticate(const std::string& token);
  // Ends the session of `token`.
  void logout(const Actor& actor, const std::string& token);
  // Changes the actor's own password after checking the old one; ends their other sessions.
  Status change_password(const Actor& actor, const std::string& token,
                         const std::string& old_password, const std::string& new_password);

 private:
  const Context& ctx_;
  const std::chrono::hours ttl_;
  LoginThrottle by_name_{5};      // one account: 5 failures in 5 minutes lock it for 5 minutes
  LoginThrottle by_address_{50};  // one address (an office behind NAT): 50 failures
};

}  // namespace fupan::service
