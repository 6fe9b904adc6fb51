// Data scope (SPEC section 1) applied to the CRM kinds: the SQL condition that keeps a list,
// a search, an export or a lookup to the records the actor may see, and who may change what.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "domain/entity_kind.h"
#include "service/platform/context.h"
#include "store/database.h"
#include "store/record_lookup.h"

namespace fupan::service {

// Over the kind's table aliased `t`; empty when the actor sees everything.
using SqlCondition = store::Condition;

// The records of `kind` that `actor` may see.
SqlCondition visible_condition(const Actor& actor, const EntityKind& kind);
// Forbidden unless `actor` may create, change or delete records of `kind` at all.
Status check_can_write(const Actor& actor, const EntityKind& kind);
// Returns true iff the record of `kind` with `id` exists in the actor's org and is visible.
bool is_visible(store::Connection& c, const Actor& actor, const EntityKind& kind, std::int64_t id);

}  // namespace fupan::service
