// Online backup and restore of a SQLite store (the SQLite backup API: consistent while in use).
#pragma once

#include <string>

namespace fupan::store {

// Copies the database at `db_path` into a new file `backup_path`; throws StoreError on failure.
void backup_sqlite(const std::string& db_path, const std::string& backup_path);
// Replaces the database at `db_path` with the copy at `backup_path`. Stop the server first.
void restore_sqlite(const std::string& backup_path, const std::string& db_path);

}  // namespace fupan::store
