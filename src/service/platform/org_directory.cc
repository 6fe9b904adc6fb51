#include "service/platform/org_directory.h"

#include "store/org_store.h"

namespace fupan::service {

std::shared_ptr<const OrgSnapshot> read_org_snapshot(store::Connection& c, OrgId org) {
  store::Transaction tx(c, false);  // one consistent read of all tables
  auto record = store::find_org(c, org);
  if (!record) return nullptr;
  auto snap = std::make_shared<const OrgSnapshot>(
      *record, store::list_regions(c, org), store::list_teams(c, org), store::list_users(c, org),
      store::list_memberships(c, org));
  tx.commit();
  return snap;
}

void OrgDirectory::load_all(store::Database& db) {
  auto conn = db.acquire();
  std::unordered_map<OrgId, std::shared_ptr<const OrgSnapshot>> loaded;
  for (OrgId id : store::list_org_ids(*conn)) loaded[id] = read_org_snapshot(*conn, id);
  std::lock_guard lock(mu_);
  orgs_ = std::move(loaded);
}

std::shared_ptr<const OrgSnapshot> OrgDirectory::get(OrgId org) const {
  std::lock_guard lock(mu_);
  auto it = orgs_.find(org);
  return it == orgs_.end() ? nullptr : it->second;
}

void OrgDirectory::reload(store::Database& db, OrgId org) {
  std::lock_guard reload_lock(reload_mu_);
  auto conn = db.acquire();
  auto snap = read_org_snapshot(*conn, org);
  std::lock_guard lock(mu_);
  if (snap) {
    orgs_[org] = std::move(snap);
  } else {
    orgs_.erase(org);
  }
}

}  // namespace fupan::service
