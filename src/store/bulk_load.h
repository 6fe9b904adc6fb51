// A bulk load into one table: on SQLite, the table's non-unique indexes are dropped for the load
// and built again at its end, inside the caller's transaction (a sorted build instead of one
// B-tree insert per row and index: 1.5–1.8× on a million orders, bench/README.md). A rollback
// restores them, as SQLite's DDL is transactional, and readers keep their snapshot meanwhile. On
// PostgreSQL nothing changes: DROP INDEX would lock the table's readers out for the whole load.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace fupan::store {

class BulkLoad {
 public:
  // Starts a load into `table` in the transaction open on `c`.
  BulkLoad(Connection& c, const std::string& table);
  BulkLoad(const BulkLoad&) = delete;
  BulkLoad& operator=(const BulkLoad&) = delete;

  // Builds the dropped indexes again; call it before the commit.
  void finish();
  // The number of indexes dropped for the load.
  std::size_t dropped() const { return definitions_.size(); }

 private:
  Connection& c_;
  std::vector<std::string> definitions_;  // CREATE INDEX statements to run at finish()
};

}  // namespace fupan::store
