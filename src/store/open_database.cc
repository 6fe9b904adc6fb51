#include "store/database.h"

namespace fupan::store {

std::unique_ptr<Database> open_sqlite_database(const std::string& path, std::size_t pool_size);
std::unique_ptr<Database> open_postgres_database(const std::string& url, std::size_t pool_size);

std::unique_ptr<Database> open_database(const std::string& url, std::size_t pool_size) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_postgres_database(url, pool_size);
  }
  std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  return open_sqlite_database(path, pool_size);
}

}  // namespace fupan::store
