// Live sessions by token digest, so an authenticated request does not read the store.
// The store stays the truth: a miss reads it, logout and password changes evict.
#pragma once

#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "core/ids.h"
#include "core/time.h"

namespace fupan::service {

struct CachedSession {
  OrgId org;
  UserId user;
  std::string csrf_token;
  Instant expires_at;
};

class SessionCache {
 public:
  std::optional<CachedSession> find(const std::string& digest) const;
  void put(const std::string& digest, CachedSession s);
  void evict(const std::string& digest);
  void evict_user(UserId user);

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, CachedSession> by_digest_;  // GUARDED_BY(mu_)
};

}  // namespace fupan::service
