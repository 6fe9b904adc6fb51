// The JSON of a CRM record: its common columns, every field by type, and beside each reference
// the name of what it refers to ("owner_id": 7, "owner_name": "王芳"), so lists need no lookups.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/json_writer.h"
#include "domain/entity_record.h"
#include "domain/org_snapshot.h"
#include "store/database.h"

namespace fupan::service {

// The names of the records a page of records refers to, loaded in one query per kind.
class RefNames {
 public:
  // Notes the references of `r`.
  void collect(const EntityRecord& r);
  // Notes one reference.
  void want(RefKind kind, std::int64_t id) { wanted_[kind].push_back(id); }
  // Loads the names of every noted reference that lives in the store.
  void load(store::Connection& c, OrgId org);
  // Returns the name of `id` of `kind`, or nullptr.
  const std::string* find(RefKind kind, std::int64_t id) const;

 private:
  std::map<RefKind, std::vector<std::int64_t>> wanted_;
  std::map<std::pair<RefKind, std::int64_t>, std::string> names_;
};

// Writes the members of `r` (no braces); `names` may be null (audit rows carry no names).
void write_entity_members(JsonWriter& w, const EntityRecord& r, const OrgSnapshot& org,
                          const RefNames* names);
// Writes `r` as an object.
void write_entity(JsonWriter& w, const EntityRecord& r, const OrgSnapshot& org,
                  const RefNames* names);
// The record as a JSON text without reference names (audit before/after).
std::string entity_audit_json(const EntityRecord& r, const OrgSnapshot& org);

// Writes every CRM kind with its fields (GET /api/schema: the web app builds its forms from it).
void write_schema(JsonWriter& w);

}  // namespace fupan::service
