// SQL for the CRM kinds, generated once per kind from its field table (domain/crm_schema.cc):
// every statement is scoped by org id, and updates and deletes check the record's version.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/ids.h"
#include "domain/entity_record.h"
#include "store/database.h"
#include "store/org_store.h"

namespace fupan::store {

// A list query: `where` is SQL over the kind's table aliased `t` (empty for all of the org),
// `order_by` a list of columns of `t`.
struct EntityQuery {
  std::string where;
  std::vector<Value> params;
  std::string order_by;
  std::int64_t limit = 50;
  std::int64_t offset = 0;
};

// Converts between a field's value and a store value.
Value to_store(const FieldValue& v);
FieldValue from_store(const Rows& rows, std::size_t r, std::size_t c, FieldType type);

std::optional<EntityRecord> find_entity(Connection& c, OrgId org, const EntityKind& kind,
                                        std::int64_t id);
std::vector<EntityRecord> query_entities(Connection& c, OrgId org, const EntityKind& kind,
                                         const EntityQuery& q);
std::int64_t count_entities(Connection& c, OrgId org, const EntityKind& kind, const EntityQuery& q);
// Returns the id of the record of `kind` with `external_id`, if any.
std::optional<std::int64_t> find_by_external_id(Connection& c, OrgId org, const EntityKind& kind,
                                                const std::string& external_id);

// Inserts `r` (its id is ignored) and returns the new id.
std::int64_t insert_entity(Connection& c, OrgId org, const EntityRecord& r);
// Inserts many records at once (imports): COPY on PostgreSQL, one prepared insert on SQLite.
void bulk_insert_entities(Connection& c, OrgId org, std::span<const EntityRecord> records);
// Writes `r` (with its new version, and its created_at: an import may correct it) where the
// stored version is `expected_version`.
WriteOutcome update_entity(Connection& c, OrgId org, const EntityRecord& r,
                           std::int64_t expected_version);
WriteOutcome delete_entity(Connection& c, OrgId org, const EntityKind& kind, std::int64_t id,
                           std::int64_t expected_version);

}  // namespace fupan::store
