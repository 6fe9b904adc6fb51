#include "store/bulk_load.h"

namespace fupan::store {
namespace {

const char* kNonUniqueIndexes =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
    "AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name";

}  // namespace

BulkLoad::BulkLoad(Connection& c, const std::string& table) : c_(c) {
  if (c.dialect() != Dialect::sqlite) return;
  Rows rows = c.query(kNonUniqueIndexes, {table});
  for (std::size_t r = 0; r < rows.size(); ++r) {
    c.exec_script("DROP INDEX \"" + rows.str(r, 0) + "\"");
    definitions_.push_back(rows.str(r, 1));
  }
}

void BulkLoad::finish() {
  for (const std::string& sql : definitions_) c_.exec_script(sql);
  definitions_.clear();
}

}  // namespace fupan::store
