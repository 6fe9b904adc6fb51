// The description of a kind of CRM record (customer, opportunity, order, ...): its fields with
// their types, labels and rules. One table drives the store's SQL, the API's JSON, validation,
// list filters and sorting, import column headers and export, so each rule lives in one place.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fupan {

enum class FieldType {
  text,     // UTF-8, up to max_length characters
  integer,  // int64 in [min, max]
  money,    // int64 分; JSON and import files carry 分 in JSON, 元 in files
  date,     // a local calendar day, "YYYY-MM-DD"
  instant,  // a point in time, RFC 3339 in JSON, int64 ms in the store
  boolean,
  choice,      // one of `choices`
  ref,         // the id of a record of kind `ref`
  tags,        // a list of short texts, stored comma-joined
  coordinate,  // a latitude or longitude in degrees: int64 millionths in the store, a number with
               // up to 6 decimals in JSON and files
};

struct Choice {
  std::string_view value, zh, en;
  std::string_view old_zh = {};  // a label files written before may still carry
};

// Which records a field refers to.
enum class RefKind {
  none,
  user,
  region,
  team,
  customer,
  contact,
  opportunity,
  product,
  order,
  quote,
  pipeline,
  stage
};

struct Field {
  std::string_view name;  // JSON key and SQL column
  FieldType type;
  std::string_view zh, en;  // labels: column headers, names in error messages
  bool required = false;    // must be given on create (no default)
  bool writable = true;     // false: the server sets it
  bool sortable = false;
  bool filterable = false;
  bool searchable = false;  // matched by the list's q
  std::vector<Choice> choices = {};
  RefKind ref = RefKind::none;
  std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
  std::size_t max_length = 200;
  std::string_view default_value = {};  // on create when absent: a choice value, "true"/"false"
  bool phone = false;                   // a text field holding a phone number (domain/phone.h)
};

// How the data scope of SPEC section 1 applies to a kind's records.
enum class ScopeRule {
  owner,     // column `scope_column` holds the owning user
  customer,  // the record belongs to the customer in `scope_column`; the customer's owner counts
  order,     // the record belongs to the order in `scope_column`; the order's owner counts
  shared,    // visible to everyone in the org; only admins change it (products)
  cost,      // scope_type / scope_id columns name an org, region, team or user
};

struct EntityKind {
  std::string_view name;    // "customer": audit entity, import kind
  std::string_view plural;  // "customers": table and URL path
  std::string_view zh, en;
  std::vector<Field> fields;
  ScopeRule scope_rule;
  std::string_view scope_column;  // see ScopeRule
  std::string_view label_field;   // the field that names a record (for references)
  std::string_view default_sort;  // "-created_at"
  bool has_external_id = true;    // import key: re-imports update, never duplicate
  bool has_lines = false;         // quotes and orders: product lines (SPEC §2) beside the fields

  // Returns the index of field `name`, or -1.
  int index_of(std::string_view name) const;
  const Field* field(std::string_view name) const;
};

// Every CRM kind, in dependency order (a kind refers only to earlier ones).
std::span<const EntityKind* const> entity_kinds();
// Returns the kind named `name` (singular or plural), or nullptr.
const EntityKind* find_entity_kind(std::string_view name);

// Returns the choice of `f` whose value, Chinese or English label equals `text`, or nullptr.
const Choice* find_choice(const Field& f, std::string_view text);

}  // namespace fupan
