// A CRM record's story as its audit log tells it: who changed what, field by field, newest first.
// Anyone who may see the record may read its history (the audit log page stays admin-only).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/entity_kind.h"
#include "service/platform/context.h"

namespace fupan::service {

// One field an audited change touched.
struct FieldChange {
  std::string field;
  // Each side as the audit row stored it (JSON text); nullopt where the side lacks the field.
  std::optional<std::string> before, after;
  bool is_ref = false;  // a reference field: the names below are meaningful
  std::optional<std::string> before_name, after_name;  // null when unknown
};

struct HistoryEntry {
  std::int64_t id = 0;  // of the audit row
  Instant at;
  std::string action;
  std::optional<UserId> user;
  std::vector<FieldChange> changes;
};

// The history of the record `id` of `kind`, newest first, at most 200 entries; 404 when the actor
// does not see it. A create lists the fields it set, a delete those it had; unchanged fields are
// left out. A change of a reference also names what it referred to. The rows of an earlier
// record that had the same id (SQLite may reuse the id of a deleted row) are not its history.
Result<std::vector<HistoryEntry>> record_history(const Context& ctx, const Actor& actor,
                                                 const EntityKind& kind, std::int64_t id);

}  // namespace fupan::service
