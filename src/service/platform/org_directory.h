// The in-memory org structure of every org, rebuilt from the store after each change to it.
// Readers take a shared_ptr to an immutable snapshot; they never wait for a reload.
// One server process per store is assumed: another process's changes show after its restart.
#pragma once

#include <memory>
#include <mutex>
#include <unordered_map>

#include "domain/org_snapshot.h"
#include "store/database.h"

namespace fupan::service {

class OrgDirectory {
 public:
  // Loads every org from the store.
  void load_all(store::Database& db);
  // Returns the snapshot of `org`, or nullptr when there is no such org.
  std::shared_ptr<const OrgSnapshot> get(OrgId org) const;
  // Re-reads `org` from the store (after a committed change).
  void reload(store::Database& db, OrgId org);

 private:
  mutable std::mutex mu_;
  std::unordered_map<OrgId, std::shared_ptr<const OrgSnapshot>> orgs_;  // GUARDED_BY(mu_)
  std::mutex reload_mu_;  // serialises reloads so an older read never replaces a newer one
};

// Reads one org's snapshot from the store; nullptr when the org does not exist.
std::shared_ptr<const OrgSnapshot> read_org_snapshot(store::Connection& c, OrgId org);

}  // namespace fupan::service
