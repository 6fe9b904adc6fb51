#include "store/pooled_database.h"

namespace fupan::store {

Database::Lease PooledDatabase::acquire() {
  std::unique_lock lock(mu_);
  available_.wait(lock, [&] { return !idle_.empty() || open_ < limit_; });
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(this, open_connection());
  } catch (...) {
    std::lock_guard relock(mu_);
    --open_;
    available_.notify_one();
    throw;
  }
}

void PooledDatabase::release(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

std::size_t PooledDatabase::pool_size() const {
  std::lock_guard lock(mu_);
  return open_;
}

std::size_t PooledDatabase::pool_idle() const {
  std::lock_guard lock(mu_);
  return idle_.size();
}

}  // namespace fupan::store
