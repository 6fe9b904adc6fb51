#include "testkit/test_store.h"

#include <unistd.h>

#include <cstdlib>

#include "store/migrations.h"

namespace fupan::testkit {
namespace {

void remove_sqlite_files(const std::filesystem::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace

const char* test_pg_url() {
  return std::getenv("FUPAN_TEST_PG_URL");
}

std::unique_ptr<TestStore> TestStore::open(std::string_view backend, std::string_view name,
                                           std::size_t pool_size) {
  if (backend == "postgres") {
    const char* url = test_pg_url();
    if (!url) return nullptr;
    return open_url(url, pool_size);
  }
  const auto path = std::filesystem::temp_directory_path() /
                    ("fupan_" + std::string(name) + "_" + std::to_string(::getpid()) + ".db");
  return open_url(path.string(), pool_size);
}

std::unique_ptr<TestStore> TestStore::open_url(const std::string& url, std::size_t pool_size) {
  std::unique_ptr<TestStore> s(new TestStore);
  if (url.starts_with("postgres")) {
    s->db_ = store::open_database(url, pool_size);
    s->db_->acquire()->exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  } else {
    s->path_ = url;
    remove_sqlite_files(s->path_);
    s->db_ = store::open_database(url, pool_size);
  }
  store::migrate(*s->db_);
  return s;
}

TestStore::~TestStore() {
  db_.reset();
  if (!path_.empty()) remove_sqlite_files(path_);
}

}  // namespace fupan::testkit
