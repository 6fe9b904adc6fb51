// What every use case needs: the store, the org directory, the clock; and who is asking.
#pragma once

#include <memory>
#include <string>

#include "core/time.h"
#include "domain/data_scope.h"
#include "service/platform/org_directory.h"
#include "service/platform/scope_cache.h"
#include "service/platform/session_cache.h"
#include "store/database.h"

namespace fupan::engine {
class Analytics;
}

namespace fupan::service {

class StoreWatch;

struct Context {
  store::Database& db;
  OrgDirectory& orgs;
  const Clock& clock;
  SessionCache& sessions;
  ScopeCache& scopes;
  engine::Analytics* analytics = nullptr;  // kept in step with committed changes when present
  StoreWatch* watch = nullptr;  // when present, other processes' changes are taken in per request
};

// The authenticated caller of a use case, with the org as it stood when the request began.
struct Actor {
  UserId id;
  OrgId org;
  std::shared_ptr<const OrgSnapshot> snapshot;
  std::shared_ptr<const DataScope> scope_ptr;
  LocalDate today;  // in the org's time zone
  std::string ip;

  const UserRecord& user() const { return *snapshot->user(id); }
  const DataScope& scope() const { return *scope_ptr; }
};

// Builds the actor for `user` of the org `snapshot` (not null) as of now.
Actor make_actor(const Context& ctx, std::shared_ptr<const OrgSnapshot> snapshot, UserId user,
                 std::string ip);

}  // namespace fupan::service
