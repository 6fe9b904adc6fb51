// Where the analytics index of an org stands against the store, so an index kept in a file
// (engine/index_file.h) is used only with the store it was made from and caught up with what
// changed there since: every change of a fact is in the audit log (service/platform/write.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/change_set.h"
#include "store/database.h"

namespace fupan::engine {

// One entry of the org's audit log (id 0: none), with its time and entity, so a store rebuilt with
// the same ids is not taken for this one.
struct AuditEntry {
  std::int64_t id = 0, at = 0, entity_id = 0;
  std::string entity;

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
  template <class A>
  void io(A& a) {
    a(id);
    a(at);
    a(entity_id);
    a(entity);
  }
};

struct StoreMark {
  // Which store and org: when the store's first migration ran, its schema version, when the org
  // was created.
  std::int64_t store_created_ms = 0, schema_version = 0, org_created_ms = 0;
  // The index holds every change up to `base`, where it was last read whole, and some after it,
  // up to `head` at most (those this server applied as they committed).
  AuditEntry base, head;

  template <class A>
  void io(A& a) {
    a(store_created_ms);
    a(schema_version);
    a(org_created_ms);
    a(base);
    a(head);
  }
};

// The mark of `org` as the store is now, base and head its last audit entry (read it in the
// transaction that reads the facts).
StoreMark read_store_mark(store::Connection& c, OrgId org);

// What changed in the facts of `org` after `mark`'s base, per the audit log, and the mark after it;
// nullopt when the store is not the one `mark` was read from or is behind its head (a backup put
// back), or more than `limit` entries followed (reading the store whole is then the faster way).
struct CatchUp {
  ChangeSet changes;
  StoreMark mark;
  std::size_t entries = 0;
};
std::optional<CatchUp> changes_since(store::Connection& c, OrgId org, const StoreMark& mark,
                                     std::size_t limit);

}  // namespace fupan::engine
