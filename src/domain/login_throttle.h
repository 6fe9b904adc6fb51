// Login rate limiting: after `max_failures` failed attempts for one key (a user name or an address)
// within `window`, the key is locked for `lockout`. Pure: the caller passes the time.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/time.h"

namespace fupan {

class LoginThrottle {
 public:
  LoginThrottle(int max_failures = 5, std::chrono::milliseconds window = std::chrono::minutes(5),
                std::chrono::milliseconds lockout = std::chrono::minutes(5))
      : max_failures_(max_failures), window_(window), lockout_(lockout) {}

  // Returns true iff `key` may try to log in at `now`.
  bool allowed(const std::string& key, Instant now);
  void record_failure(const std::string& key, Instant now);
  void record_success(const std::string& key);

 private:
  struct Entry {
    std::deque<Instant> failures;
    Instant locked_until{};
  };
  const int max_failures_;
  const std::chrono::milliseconds window_, lockout_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
};

}  // namespace fupan
