// Versioned schema migrations, the same schema on SQLite and PostgreSQL.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace fupan::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;  // dialect-neutral, with {{pk}} for an auto-increment id column
  // A step only SQLite needs, run after `sql` with foreign keys off (a table rebuild).
  void (*sqlite_step)(Connection&) = nullptr;
  std::string postgres_sql;  // run on PostgreSQL only, after `sql`
};

// Returns every migration in version order.
const std::vector<Migration>& all_migrations();
// Returns `sql` with the dialect tokens replaced.
std::string render_migration(const std::string& sql, Dialect dialect);
// Applies the migrations not yet applied, each in its own transaction; returns how many ran.
int migrate(Database& db);
// Returns the highest applied version, 0 for an empty store.
int schema_version(Database& db);

}  // namespace fupan::store
