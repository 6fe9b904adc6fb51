#include "service/platform/scope_cache.h"

namespace fupan::service {

std::shared_ptr<const DataScope> ScopeCache::get(const std::shared_ptr<const OrgSnapshot>& org,
                                                 UserId user, LocalDate day) {
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(user);
    if (it != entries_.end() && it->second.org == org && it->second.day == day)
      return it->second.scope;
  }
  auto scope = std::make_shared<const DataScope>(compute_scope(*org, user, day));
  std::lock_guard lock(mu_);
  if (entries_.size() > 100000) entries_.clear();
  entries_[user] = Entry{org, day, scope};
  return scope;
}

}  // namespace fupan::service
