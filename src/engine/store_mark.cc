#include "engine/store_mark.h"

#include <array>
#include <string_view>

namespace fupan::engine {
namespace {

using store::RowCursor;
using store::Value;

// The kinds of record the index holds (org_index.h); a change of a pipeline re-reads its stages.
constexpr std::array<std::string_view, 7> kIndexedKinds = {
    "customer", "order", "payment", "opportunity", "activity", "cost", "pipeline"};

bool indexed(std::string_view kind) {
  for (std::string_view k : kIndexedKinds) {
    if (k == kind) return true;
  }
  return false;
}

// Whether `entry` is in the org's audit log as it was (an empty log has entry 0).
bool still_there(store::Connection& c, OrgId org, const AuditEntry& entry) {
  if (entry.id == 0) return true;
  bool same = false;
  c.for_each("SELECT at, entity, COALESCE(entity_id, 0) FROM audit_log WHERE id = ? AND org_id = ?",
             std::vector<Value>{entry.id, org.value}, [&](const RowCursor& r) {
               same =
                   r.i64(0) == entry.at && r.text(1) == entry.entity && r.i64(2) == entry.entity_id;
             });
  return same;
}

}  // namespace

StoreMark read_store_mark(store::Connection& c, OrgId org) {
  StoreMark m;
  m.store_created_ms =
      c.query("SELECT COALESCE(MAX(applied_at), 0) FROM schema_migrations WHERE version = 1", {})
          .i64(0, 0);
  m.schema_version = c.query("SELECT MAX(version) FROM schema_migrations", {}).i64(0, 0);
  m.org_created_ms =
      c.query("SELECT COALESCE(MAX(created_at), 0) FROM orgs WHERE id = ?", {org.value}).i64(0, 0);
  c.for_each(
      "SELECT id, at, entity, COALESCE(entity_id, 0) FROM audit_log WHERE +org_id = ? "
      "ORDER BY id DESC LIMIT 1",
      std::vector<Value>{org.value}, [&](const RowCursor& r) {
        m.head = {r.i64(0), r.i64(1), r.i64(3), std::string(r.text(2))};
      });
  m.base = m.head;
  return m;
}

std::optional<CatchUp> changes_since(store::Connection& c, OrgId org, const StoreMark& mark,
                                     std::size_t limit) {
  // The same store (made at the same time, migrated as far, the org the same), and at least as
  // far as the index: the entries at its base and head are in the log as they were.
  StoreMark now = read_store_mark(c, org);
  if (now.store_created_ms != mark.store_created_ms || now.schema_version != mark.schema_version ||
      now.org_created_ms != mark.org_created_ms || now.head.id < mark.head.id ||
      mark.head.id < mark.base.id || !still_there(c, org, mark.base) ||
      !still_there(c, org, mark.head)) {
    return std::nullopt;
  }
  CatchUp out;
  out.changes.org = org;
  out.mark = now;
  bool too_many = false;
  // Up to the entry read for `now`, in this transaction: the mark and the changes agree.
  c.for_each(
      "SELECT entity, COALESCE(entity_id, 0) FROM audit_log WHERE +org_id = ? AND id > ? AND "
      "id <= ? ORDER BY id",
      std::vector<Value>{org.value, mark.base.id, now.head.id}, [&](const RowCursor& r) {
        if (too_many || ++out.entries > limit) {
          too_many = true;
          return;
        }
        const std::string_view kind = r.text(0);
        if (indexed(kind)) out.changes.ids[std::string(kind)].push_back(r.i64(1));
      });
  if (too_many) return std::nullopt;
  return out;
}

}  // namespace fupan::engine
