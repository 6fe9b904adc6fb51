// The connection pool both drivers share: connections are opened lazily up to a limit and
// handed to one borrower at a time.
#pragma once

#include <condition_variable>
#include <mutex>
#include <vector>

#include "store/database.h"

namespace fupan::store {

class PooledDatabase : public Database {
 public:
  explicit PooledDatabase(std::size_t limit) : limit_(limit == 0 ? 1 : limit) {}
  Lease acquire() override;
  std::size_t pool_size() const override;
  std::size_t pool_idle() const override;

 protected:
  // Opens a new connection; called without the pool lock held.
  virtual std::unique_ptr<Connection> open_connection() = 0;
  void release(std::unique_ptr<Connection> conn) override;

 private:
  const std::size_t limit_;
  mutable std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(mu_)
  std::size_t open_ = 0;                           // GUARDED_BY(mu_)
};

}  // namespace fupan::store
