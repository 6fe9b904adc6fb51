#include "store/record_lookup.h"

#include <algorithm>

namespace fupan::store {

bool record_exists(Connection& c, OrgId org, std::string_view table, std::int64_t id,
                   const Condition& where) {
  std::string sql = "SELECT 1 FROM " + std::string(table) + " t WHERE t.org_id = ? AND t.id = ?";
  if (!where.sql.empty()) sql += " AND (" + where.sql + ")";
  std::vector<Value> params{org.value, id};
  params.insert(params.end(), where.params.begin(), where.params.end());
  return !c.query(sql, params).empty();
}

Rows select_records(Connection& c, OrgId org, std::string_view table, const std::string& columns,
                    const Condition& where) {
  std::string sql =
      "SELECT t.id, " + columns + " FROM " + std::string(table) + " t WHERE t.org_id = ?";
  if (!where.sql.empty()) sql += " AND (" + where.sql + ")";
  std::vector<Value> params{org.value};
  params.insert(params.end(), where.params.begin(), where.params.end());
  return c.query(sql, params);
}

std::vector<std::pair<std::int64_t, std::string>> names_by_id(Connection& c, OrgId org,
                                                              std::string_view table,
                                                              std::span<const std::int64_t> ids) {
  // By primary key, a few hundred a statement; `+org_id` keeps SQLite from choosing the org's
  // index, which would scan every record of a large org.
  constexpr std::size_t kChunk = 500;
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (std::size_t start = 0; start < ids.size(); start += kChunk) {
    const std::size_t end = std::min(ids.size(), start + kChunk);
    const std::string sql = "SELECT id, name FROM " + std::string(table) +
                            " WHERE +org_id = ? AND id IN (" + placeholders(end - start) + ")";
    std::vector<Value> params{org.value};
    params.insert(params.end(), ids.begin() + start, ids.begin() + end);
    auto rows = c.query(sql, params);
    for (std::size_t r = 0; r < rows.size(); ++r) out.emplace_back(rows.i64(r, 0), rows.str(r, 1));
  }
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> all_names(Connection& c, OrgId org,
                                                            std::string_view table) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  auto rows =
      c.query("SELECT id, name FROM " + std::string(table) + " WHERE org_id = ?", {org.value});
  for (std::size_t r = 0; r < rows.size(); ++r) out.emplace_back(rows.i64(r, 0), rows.str(r, 1));
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> external_ids(Connection& c, OrgId org,
                                                               std::string_view table) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  auto rows = c.query("SELECT external_id, id FROM " + std::string(table) +
                          " WHERE org_id = ? AND external_id IS NOT NULL",
                      {org.value});
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.emplace_back(rows.str(r, 0), rows.i64(r, 1));
  return out;
}

}  // namespace fupan::store
