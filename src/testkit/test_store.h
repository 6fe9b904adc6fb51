// The one store tests start from: a clean schema, migrated. SQLite is a fresh file in the temp
// directory (removed with the TestStore); PostgreSQL is FUPAN_TEST_PG_URL with its public schema
// dropped and made again (the suites run one at a time against it).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "store/database.h"

namespace fupan::testkit {

class TestStore {
 public:
  // `backend` is "sqlite" or "postgres"; null for postgres when FUPAN_TEST_PG_URL is not set (the
  // caller skips). `name` makes the SQLite file's name unique within the process.
  static std::unique_ptr<TestStore> open(std::string_view backend, std::string_view name,
                                         std::size_t pool_size = 2);
  // The same on a given store: a postgres:// URL or a SQLite path (overwritten).
  static std::unique_ptr<TestStore> open_url(const std::string& url, std::size_t pool_size = 2);

  ~TestStore();
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  store::Database& db() { return *db_; }
  bool is_postgres() const { return path_.empty(); }

 private:
  TestStore() = default;

  std::unique_ptr<store::Database> db_;
  std::filesystem::path path_;  // the SQLite file, empty for PostgreSQL
};

// FUPAN_TEST_PG_URL, or null.
const char* test_pg_url();

}  // namespace fupan::testkit
