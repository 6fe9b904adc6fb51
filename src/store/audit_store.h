// SQL for the audit log: one row per change (who, when, what, before and after as JSON).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "store/database.h"

namespace fupan::store {

struct AuditRecord {
  std::int64_t id = 0;
  OrgId org;
  Instant at;
  std::optional<UserId> user;
  std::string action;  // create, update, delete, login, logout, password, ...
  std::string entity;  // user, team, region, membership, org, session
  std::optional<std::int64_t> entity_id;
  std::optional<std::string> before_json, after_json;
  std::string ip;
};

struct AuditQuery {
  std::optional<std::string> entity;
  std::optional<std::int64_t> entity_id;
  std::optional<UserId> user;
  std::int64_t limit = 50, offset = 0;
};

// Appends `a`, marked as written by this process (process_writer_id()).
void insert_audit(Connection& c, const AuditRecord& a);
// This process's mark on the audit entries it writes, so a server can tell another process's
// changes from its own (service/platform/store_watch.h).
std::int64_t process_writer_id();
std::vector<AuditRecord> list_audit(Connection& c, OrgId org, const AuditQuery& q);
std::int64_t count_audit(Connection& c, OrgId org, const AuditQuery& q);

}  // namespace fupan::store
