#include "engine/store_mark.h"

#include <array>
#include <string_view>

#include "store/audit_feed.h"

namespace fupan::engine {
namespace {

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
  const auto found = store::find_audit_entry(c, org, entry.id);
  return found && found->at == entry.at && found->entity == entry.entity &&
         found->entity_id == entry.entity_id;
}

}  // namespace

StoreMark read_store_mark(store::Connection& c, OrgId org) {
  StoreMark m;
  m.store_created_ms = store::store_created_ms(c);
  m.schema_version = store::applied_schema_version(c);
  m.org_created_ms = store::org_created_ms(c, org);
  const store::AuditMark head = store::newest_audit_entry(c, org);
  m.head = {head.id, head.at, head.entity_id, head.entity};
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
  store::for_each_audit_entry(c, org, mark.base.id, now.head.id, [&](const store::AuditMark& e) {
    if (too_many || ++out.entries > limit) {
      too_many = true;
      return;
    }
    if (indexed(e.entity)) out.changes.ids[e.entity].push_back(e.entity_id);
  });
  if (too_many) return std::nullopt;
  return out;
}

}  // namespace fupan::engine
