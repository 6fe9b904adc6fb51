#include "service/platform/session_cache.h"

#include <mutex>

namespace fupan::service {

std::optional<CachedSession> SessionCache::find(const std::string& digest) const {
  std::shared_lock lock(mu_);
  auto it = by_digest_.find(digest);
  if (it == by_digest_.end()) return std::nullopt;
  return it->second;
}

void SessionCache::put(const std::string& digest, CachedSession s) {
  std::unique_lock lock(mu_);
  if (by_digest_.size() > 200000) by_digest_.clear();  // a bound; misses fall back to the store
  by_digest_[digest] = std::move(s);
}

void SessionCache::evict(const std::string& digest) {
  std::unique_lock lock(mu_);
  by_digest_.erase(digest);
}

void SessionCache::evict_user(UserId user) {
  std::unique_lock lock(mu_);
  std::erase_if(by_digest_, [&](const auto& kv) { return kv.second.user == user; });
}

}  // namespace fupan::service
