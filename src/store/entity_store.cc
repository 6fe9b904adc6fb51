#include "store/entity_store.h"

#include <unordered_map>

namespace fupan::store {
namespace {

// The common columns, then the kind's fields, in the order rows are read.
constexpr std::size_t kCommon = 5;  // id, version, created_at, updated_at, external_id

// The statements of one kind, built once.
struct KindSql {
  std::string columns;  // "t.id, t.version, ..."
  std::string select;   // "SELECT <columns> FROM table t WHERE t.org_id = ?"
  std::string insert;
  std::string update;
  std::string remove;
  std::vector<std::string> insert_columns;
};

KindSql build(const EntityKind& k) {
  KindSql s;
  const std::string table(k.plural);
  s.columns = "t.id, t.version, t.created_at, t.updated_at, " +
              std::string(k.has_external_id ? "t.external_id" : "NULL");
  for (const Field& f : k.fields) s.columns += ", t." + std::string(f.name);
  s.select = "SELECT " + s.columns + " FROM " + table + " t WHERE t.org_id = ?";

  s.insert_columns = {"org_id", "version", "created_at", "updated_at"};
  if (k.has_external_id) s.insert_columns.push_back("external_id");
  for (const Field& f : k.fields) s.insert_columns.emplace_back(f.name);
  std::string cols, marks;
  for (std::size_t i = 0; i < s.insert_columns.size(); ++i) {
    cols += (i ? ", " : "") + s.insert_columns[i];
    marks += i ? ", ?" : "?";
  }
  s.insert = "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") RETURNING id";

  s.update = "UPDATE " + table + " SET version = ?, updated_at = ?, created_at = ?";
  if (k.has_external_id) s.update += ", external_id = ?";
  for (const Field& f : k.fields) s.update += ", " + std::string(f.name) + " = ?";
  s.update += " WHERE org_id = ? AND id = ? AND version = ?";
  s.remove = "DELETE FROM " + table + " WHERE org_id = ? AND id = ? AND version = ?";
  return s;
}

// The statements of every kind, built on first use and never changed (no lock on reads).
const KindSql& sql_of(const EntityKind& k) {
  static const std::unordered_map<const EntityKind*, KindSql> all = [] {
    std::unordered_map<const EntityKind*, KindSql> m;
    for (const EntityKind* kind : entity_kinds()) m.emplace(kind, build(*kind));
    return m;
  }();
  return all.at(&k);
}

EntityRecord read_record(const EntityKind& k, const Rows& rows, std::size_t r) {
  EntityRecord e = EntityRecord::empty(k);
  e.id = rows.i64(r, 0);
  e.version = rows.i64(r, 1);
  e.created_at = instant_from_ms(rows.i64(r, 2));
  e.updated_at = instant_from_ms(rows.i64(r, 3));
  e.external_id = rows.opt_str(r, 4);
  for (std::size_t i = 0; i < k.fields.size(); ++i) {
    e.values[i] = from_store(rows, r, kCommon + i, k.fields[i].type);
  }
  return e;
}

std::vector<Value> insert_params(OrgId org, const EntityRecord& r) {
  std::vector<Value> p;
  p.reserve(r.values.size() + 5);
  p.emplace_back(org.value);
  p.emplace_back(r.version);
  p.emplace_back(to_ms(r.created_at));
  p.emplace_back(to_ms(r.updated_at));
  if (r.kind->has_external_id) {
    p.push_back(r.external_id ? Value(*r.external_id) : null_value);
  }
  for (const FieldValue& v : r.values) p.push_back(to_store(v));
  return p;
}

}  // namespace

Value to_store(const FieldValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return null_value;
}

FieldValue from_store(const Rows& rows, std::size_t r, std::size_t c, FieldType type) {
  if (rows.is_null(r, c)) return {};
  switch (type) {
    case FieldType::text:
    case FieldType::choice:
    case FieldType::date:
    case FieldType::tags:
      return rows.str(r, c);
    default:
      return rows.i64(r, c);
  }
}

std::optional<EntityRecord> find_entity(Connection& c, OrgId org, const EntityKind& kind,
                                        std::int64_t id) {
  auto rows = c.query(sql_of(kind).select + " AND t.id = ?", {org.value, id});
  if (rows.empty()) return std::nullopt;
  return read_record(kind, rows, 0);
}

std::vector<EntityRecord> query_entities(Connection& c, OrgId org, const EntityKind& kind,
                                         const EntityQuery& q) {
  std::string sql = sql_of(kind).select;
  if (!q.where.empty()) sql += " AND (" + q.where + ")";
  if (!q.order_by.empty()) sql += " ORDER BY " + q.order_by;
  sql += " LIMIT ? OFFSET ?";
  std::vector<Value> params;
  params.reserve(q.params.size() + 3);
  params.emplace_back(org.value);
  params.insert(params.end(), q.params.begin(), q.params.end());
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  auto rows = c.query(sql, params);
  std::vector<EntityRecord> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(read_record(kind, rows, r));
  return out;
}

std::int64_t count_entities(Connection& c, OrgId org, const EntityKind& kind,
                            const EntityQuery& q) {
  std::string sql = "SELECT COUNT(*) FROM " + std::string(kind.plural) + " t WHERE t.org_id = ?";
  if (!q.where.empty()) sql += " AND (" + q.where + ")";
  std::vector<Value> params;
  params.emplace_back(org.value);
  params.insert(params.end(), q.params.begin(), q.params.end());
  return c.query(sql, params).i64(0, 0);
}

std::optional<std::int64_t> find_by_external_id(Connection& c, OrgId org, const EntityKind& kind,
                                                const std::string& external_id) {
  auto rows = c.query(
      "SELECT id FROM " + std::string(kind.plural) + " WHERE org_id = ? AND external_id = ?",
      {org.value, external_id});
  if (rows.empty()) return std::nullopt;
  return rows.i64(0, 0);
}

std::int64_t insert_entity(Connection& c, OrgId org, const EntityRecord& r) {
  return c.query(sql_of(*r.kind).insert, insert_params(org, r)).i64(0, 0);
}

void bulk_insert_entities(Connection& c, OrgId org, std::span<const EntityRecord> records) {
  if (records.empty()) return;
  const KindSql& s = sql_of(*records.front().kind);
  std::vector<std::vector<Value>> rows;
  rows.reserve(records.size());
  for (const EntityRecord& r : records) rows.push_back(insert_params(org, r));
  c.bulk_insert(records.front().kind->plural, s.insert_columns, rows);
}

WriteOutcome update_entity(Connection& c, OrgId org, const EntityRecord& r,
                           std::int64_t expected_version) {
  std::vector<Value> p;
  p.reserve(r.values.size() + 6);
  p.emplace_back(r.version);
  p.emplace_back(to_ms(r.updated_at));
  p.emplace_back(to_ms(r.created_at));
  if (r.kind->has_external_id) p.push_back(r.external_id ? Value(*r.external_id) : null_value);
  for (const FieldValue& v : r.values) p.push_back(to_store(v));
  p.emplace_back(org.value);
  p.emplace_back(r.id);
  p.emplace_back(expected_version);
  const std::string table(r.kind->plural);
  return version_outcome(c, c.exec(sql_of(*r.kind).update, p), table.c_str(), r.id);
}

WriteOutcome delete_entity(Connection& c, OrgId org, const EntityKind& kind, std::int64_t id,
                           std::int64_t expected_version) {
  const std::string table(kind.plural);
  return version_outcome(c, c.exec(sql_of(kind).remove, {org.value, id, expected_version}),
                         table.c_str(), id);
}

}  // namespace fupan::store
