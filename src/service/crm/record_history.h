// A CRM record's story as its audit log tells it: who changed what, field by field, newest first.
// Anyone who may see the record may read its history (the audit log page stays admin-only).
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "domain/entity_kind.h"
#include "service/platform/context.h"

namespace fupan::service {

// Renders {items:[{id, at, action, user_id, user_name, changes:[{field, before, after}]}]} for the
// record `id` of `kind`, at most 200 entries; 404 when the actor does not see it. A create lists
// the fields it set, a delete those it had; unchanged fields are left out. A change of a reference
// also names what it referred to (before_name, after_name; null when unknown).
Result<std::string> record_history(const Context& ctx, const Actor& actor, const EntityKind& kind,
                                   std::int64_t id);

}  // namespace fupan::service
