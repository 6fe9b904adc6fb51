// Copies a SQLite store's write-ahead log back into the database file on a thread of its own,
// so that a commit answers without waiting for it. SQLite's default runs this checkpoint inside
// the commit that makes the log pass 1,000 pages: after a 500,000-target decomposition that is
// 0.3 s of copying the requester waits for, and after a small write the next requester pays it.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace fupan::store {

class SqliteCheckpointer {
 public:
  explicit SqliteCheckpointer(std::string path);
  ~SqliteCheckpointer();  // stops the thread; the last connection to close checkpoints the rest
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

  // Makes `db` report its commits here instead of checkpointing them itself.
  void watch(sqlite3* db);
  // How many checkpoints the thread has run (tests).
  int checkpoints() const;

  static constexpr int kPages = 1000;  // the log's size that calls for a checkpoint, as SQLite's

 private:
  static int on_commit(void* self, sqlite3*, const char*, int pages);
  void run();

  const std::string path_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool due_ = false;       // GUARDED_BY(mu_)
  bool stopping_ = false;  // GUARDED_BY(mu_)
  int checkpoints_ = 0;    // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace fupan::store
