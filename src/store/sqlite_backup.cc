#include "store/sqlite_backup.h"

#include <sqlite3.h>

#include <filesystem>

#include "store/database.h"

namespace fupan::store {
namespace {

void copy_database(const std::string& from, const std::string& to, bool from_must_exist) {
  if (from_must_exist && !std::filesystem::exists(from)) {
    throw StoreError(StoreError::Kind::other, "no such database file: " + from);
  }
  sqlite3 *src = nullptr, *dst = nullptr;
  auto close = [&] {
    sqlite3_close(src);
    sqlite3_close(dst);
  };
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
          SQLITE_OK) {
    std::string msg = sqlite3_errmsg(dst ? dst : src);
    close();
    throw StoreError(StoreError::Kind::other, "cannot open for backup: " + msg);
  }
  sqlite3_backup* backup = sqlite3_backup_init(dst, "main", src, "main");
  int rc = SQLITE_ERROR;
  if (backup) {
    rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
  }
  std::string msg = sqlite3_errmsg(dst);
  close();
  if (rc != SQLITE_DONE) throw StoreError(StoreError::Kind::other, "backup failed: " + msg);
}

}  // namespace

void backup_sqlite(const std::string& db_path, const std::string& backup_path) {
  if (std::filesystem::exists(backup_path)) {
    throw StoreError(StoreError::Kind::other, "backup file already exists: " + backup_path);
  }
  copy_database(db_path, backup_path, true);
}

void restore_sqlite(const std::string& backup_path, const std::string& db_path) {
  copy_database(backup_path, db_path, true);
}

}  // namespace fupan::store
