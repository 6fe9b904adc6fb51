// Where the analytics index of an org stands against the store, so an index kept in a file
// (engine/index_file.h) is used only with the store it was made from and caught up with what
// changed there since: every change of a fact is in the audit log (service/write.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/change_set.h"
#include "store/database.h"

namespace fupan::engine {

struct StoreMark {
  // Which store and org: when the store's first migration ran, its schema version, when the org
  // was created.
  std::int64_t store_created_ms = 0, schema_version = 0, org_created_ms = 0;
  // The org's last audit entry the index includes (id 0: none), with its time and entity, so a
  // store rebuilt with the same ids is not taken for this one.
  std::int64_t audit_id = 0, audit_at = 0, audit_entity_id = 0;
  std::string audit_entity;

  friend bool operator==(const StoreMark&, const StoreMark&) = default;
  template <class A>
  void io(A& a) {
    a(store_created_ms);
    a(schema_version);
    a(org_created_ms);
    a(audit_id);
    a(audit_at);
    a(audit_entity_id);
    a(audit_entity);
  }
};

// The mark of `org` as the store is now (read it in the transaction that reads the facts).
StoreMark read_store_mark(store::Connection& c, OrgId org);

// What changed in the facts of `org` after `mark`, per the audit log, and the mark after it;
// nullopt when the store is not the one `mark` was read from, or more than `limit` entries
// followed it (reading the store whole is then the faster way).
struct CatchUp {
  ChangeSet changes;
  StoreMark mark;
  std::size_t entries = 0;
};
std::optional<CatchUp> changes_since(store::Connection& c, OrgId org, const StoreMark& mark,
                                     std::size_t limit);

}  // namespace fupan::engine
