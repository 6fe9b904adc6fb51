// Data scopes by user, reused while the org snapshot and the day stay the same: computing a
// director's scope walks the region, and every request needs one.
#pragma once

#include <memory>
#include <mutex>
#include <unordered_map>

#include "domain/data_scope.h"

namespace fupan::service {

class ScopeCache {
 public:
  // Returns the scope of `user` in `org` on `day`, computing it on a miss.
  std::shared_ptr<const DataScope> get(const std::shared_ptr<const OrgSnapshot>& org, UserId user,
                                       LocalDate day);

 private:
  struct Entry {
    std::shared_ptr<const OrgSnapshot> org;  // held, so a new snapshot never reuses its address
    LocalDate day;
    std::shared_ptr<const DataScope> scope;
  };
  std::mutex mu_;
  std::unordered_map<UserId, Entry> entries_;  // GUARDED_BY(mu_)
};

}  // namespace fupan::service
