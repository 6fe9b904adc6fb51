#include "domain/login_throttle.h"

namespace fupan {

bool LoginThrottle::allowed(const std::string& key, Instant now) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  return it == entries_.end() || it->second.locked_until <= now;
}

void LoginThrottle::record_failure(const std::string& key, Instant now) {
  std::lock_guard lock(mu_);
  if (entries_.size() > 100000) entries_.clear();  // bound memory under a flood of random names
  Entry& e = entries_[key];
  while (!e.failures.empty() && e.failures.front() <= now - window_) e.failures.pop_front();
  e.failures.push_back(now);
  if (static_cast<int>(e.failures.size()) >= max_failures_) {
    e.locked_until = now + lockout_;
    e.failures.clear();
  }
}

void LoginThrottle::record_success(const std::string& key) {
  std::lock_guard lock(mu_);
  entries_.erase(key);
}

}  // namespace fupan
