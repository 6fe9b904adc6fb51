#include "store/audit_feed.h"

#include <vector>

namespace fupan::store {
namespace {

constexpr const char* kNewestId = "SELECT COALESCE(MAX(id), 0) FROM audit_log";
constexpr const char* kNewestOfOrg =
    "SELECT id, at, entity, COALESCE(entity_id, 0) FROM audit_log WHERE +org_id = ? "
    "ORDER BY id DESC LIMIT 1";
constexpr const char* kEntry =
    "SELECT at, entity, COALESCE(entity_id, 0) FROM audit_log WHERE id = ? AND org_id = ?";
// By id range only (`+org_id` keeps SQLite off the org's indexes, which would scan the whole log).
constexpr const char* kAfter =
    "SELECT id, entity, COALESCE(entity_id, 0), writer FROM audit_log WHERE id > ? AND +org_id = ?"
    " ORDER BY id";
constexpr const char* kBetween =
    "SELECT id, entity, COALESCE(entity_id, 0), writer FROM audit_log WHERE +org_id = ? AND id > ? "
    "AND id <= ? ORDER BY id";
constexpr const char* kStoreCreated =
    "SELECT COALESCE(MAX(applied_at), 0) FROM schema_migrations WHERE version = 1";
constexpr const char* kSchemaVersion = "SELECT MAX(version) FROM schema_migrations";
constexpr const char* kOrgCreated = "SELECT COALESCE(MAX(created_at), 0) FROM orgs WHERE id = ?";

}  // namespace

std::int64_t newest_audit_id(Connection& c) {
  return c.query(kNewestId, {}).i64(0, 0);
}

AuditMark newest_audit_entry(Connection& c, OrgId org) {
  AuditMark m;
  c.for_each(kNewestOfOrg, std::vector<Value>{org.value}, [&](const RowCursor& r) {
    m = {r.i64(0), r.i64(1), r.i64(3), std::string(r.text(2))};
  });
  return m;
}

std::optional<AuditMark> find_audit_entry(Connection& c, OrgId org, std::int64_t id) {
  std::optional<AuditMark> found;
  c.for_each(kEntry, std::vector<Value>{id, org.value}, [&](const RowCursor& r) {
    found = AuditMark{id, r.i64(0), r.i64(2), std::string(r.text(1))};
  });
  return found;
}

void for_each_audit_entry(Connection& c, OrgId org, std::int64_t after,
                          std::optional<std::int64_t> upto,
                          const std::function<void(const AuditMark&)>& each) {
  auto row = [&](const RowCursor& r) {
    each({.id = r.i64(0),
          .entity_id = r.i64(2),
          .entity = std::string(r.text(1)),
          .writer = r.i64(3)});
  };
  if (upto) {
    c.for_each(kBetween, std::vector<Value>{org.value, after, *upto}, row);
  } else {
    c.for_each(kAfter, std::vector<Value>{after, org.value}, row);
  }
}

std::int64_t store_created_ms(Connection& c) {
  return c.query(kStoreCreated, {}).i64(0, 0);
}

std::int64_t applied_schema_version(Connection& c) {
  return c.query(kSchemaVersion, {}).i64(0, 0);
}

std::int64_t org_created_ms(Connection& c, OrgId org) {
  return c.query(kOrgCreated, {org.value}).i64(0, 0);
}

}  // namespace fupan::store
