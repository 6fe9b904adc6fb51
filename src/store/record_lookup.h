// Small reads of the CRM tables by key: whether a record is there, the names of records by id,
// the external ids of a kind. `table` is a CRM kind's table (domain/crm_schema.cc), never input.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ids.h"
#include "store/database.h"

namespace fupan::store {

// A condition over the table aliased `t` (the data scope's, service/crm/entity_access.h).
struct Condition {
  std::string sql;  // empty: none
  std::vector<Value> params;
};

// Whether the org has record `id` in `table` (and it meets `where`, when given).
bool record_exists(Connection& c, OrgId org, std::string_view table, std::int64_t id,
                   const Condition& where = {});
// `columns` of the org's records in `table` aliased `t` that meet `where`, the id first.
Rows select_records(Connection& c, OrgId org, std::string_view table, const std::string& columns,
                    const Condition& where);
// (id, name) of the org's records in `table` among `ids` (any order, missing ones left out).
std::vector<std::pair<std::int64_t, std::string>> names_by_id(Connection& c, OrgId org,
                                                              std::string_view table,
                                                              std::span<const std::int64_t> ids);
// (id, name) of every record of the org in `table`.
std::vector<std::pair<std::int64_t, std::string>> all_names(Connection& c, OrgId org,
                                                            std::string_view table);
// (external id, id) of the org's records in `table` that have one.
std::vector<std::pair<std::string, std::int64_t>> external_ids(Connection& c, OrgId org,
                                                               std::string_view table);

}  // namespace fupan::store
