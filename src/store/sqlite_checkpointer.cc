#include "store/sqlite_checkpointer.h"

namespace fupan::store {

SqliteCheckpointer::SqliteCheckpointer(std::string path)
    : path_(std::move(path)), thread_([this] { run(); }) {}

SqliteCheckpointer::~SqliteCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void SqliteCheckpointer::watch(sqlite3* db) {
  sqlite3_wal_hook(db, &on_commit, this);
}

int SqliteCheckpointer::checkpoints() const {
  std::lock_guard lock(mu_);
  return checkpoints_;
}

int SqliteCheckpointer::on_commit(void* self, sqlite3*, const char*, int pages) {
  if (pages < kPages) return SQLITE_OK;
  auto* c = static_cast<SqliteCheckpointer*>(self);
  {
    std::lock_guard lock(c->mu_);
    c->due_ = true;
  }
  c->wake_.notify_one();
  return SQLITE_OK;
}

void SqliteCheckpointer::run() {
  sqlite3* db = nullptr;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return due_ || stopping_; });
      if (stopping_) break;
      due_ = false;
    }
    // A connection checkpoints only once it has seen that the store is in WAL mode.
    if (!db &&
        (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                         nullptr) != SQLITE_OK ||
         sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr) != SQLITE_OK)) {
      sqlite3_close(db);
      db = nullptr;
      continue;  // the next commit asks again
    }
    // PASSIVE: copies what no reader still needs, never waits for a reader or the writer. A
    // busy or partial checkpoint is finished by a later one.
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    std::lock_guard lock(mu_);
    ++checkpoints_;
  }
  sqlite3_close(db);
}

}  // namespace fupan::store
