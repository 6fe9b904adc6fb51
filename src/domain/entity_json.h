// The JSON of a CRM record, the one definition the API, the audit rows and the CLI share: its
// common columns, every field by type, and beside each reference the name of what it refers to
// ("owner_id": 7, "owner_name": "王芳"), so lists need no lookups.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/json_writer.h"
#include "domain/entity_record.h"
#include "domain/org_snapshot.h"

namespace fupan {

// The names of the records a page of records refers to: the references are noted, then the
// store's names of those that live in the store are added (service::load_ref_names, one query
// per kind); users, regions and teams are named from the org snapshot.
class RefNames {
 public:
  // Notes the references of `r`.
  void collect(const EntityRecord& r);
  // Notes one reference.
  void want(RefKind kind, std::int64_t id) { wanted_[kind].push_back(id); }
  // Returns the noted ids of each kind and forgets them.
  std::map<RefKind, std::vector<std::int64_t>> take_wanted() { return std::move(wanted_); }
  // Records the name of `id` of `kind`.
  void add(RefKind kind, std::int64_t id, std::string name) {
    names_[{kind, id}] = std::move(name);
  }
  // Returns the name of `id` of `kind`, or nullptr.
  const std::string* find(RefKind kind, std::int64_t id) const;

 private:
  std::map<RefKind, std::vector<std::int64_t>> wanted_;
  std::map<std::pair<RefKind, std::int64_t>, std::string> names_;
};

// Writes `v` as the API shows it (money in 分, instants in RFC 3339, tags as an array).
void write_value(JsonWriter& w, const Field& f, const FieldValue& v);
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

}  // namespace fupan
