// The audit log read as a feed of changes: where it ends, and what came after an entry. The
// analytics index catches up from it (engine/store_mark.h), and so does a server taking in another
// process's writes (service/platform/store_watch.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/ids.h"
#include "store/database.h"

namespace fupan::store {

// One entry of the log (id 0: none).
struct AuditMark {
  std::int64_t id = 0, at = 0, entity_id = 0;
  std::string entity;
  std::int64_t writer = 0;  // the process that wrote it (process_writer_id())
};

// The newest entry's id in the whole store, 0 when the log is empty.
std::int64_t newest_audit_id(Connection& c);
// The org's newest entry (id 0 when it has none).
AuditMark newest_audit_entry(Connection& c, OrgId org);
// The org's entry `id`, if it is there.
std::optional<AuditMark> find_audit_entry(Connection& c, OrgId org, std::int64_t id);
// The org's entries after `after` (up to `upto` when given), in id order.
void for_each_audit_entry(Connection& c, OrgId org, std::int64_t after,
                          std::optional<std::int64_t> upto,
                          const std::function<void(const AuditMark&)>& each);

// When the store's first migration ran (ms), 0 when it has not.
std::int64_t store_created_ms(Connection& c);
// The newest migration applied.
std::int64_t applied_schema_version(Connection& c);
// When the org was created (ms), 0 when there is no such org.
std::int64_t org_created_ms(Connection& c, OrgId org);

}  // namespace fupan::store
