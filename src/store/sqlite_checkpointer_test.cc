// The checkpoint thread: a commit that leaves the write-ahead log past 1,000 pages has its pages
// copied into the database file by the thread, with no checkpoint in the commit itself.
#include "store/sqlite_checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store/database.h"

namespace fupan::store {
namespace {

std::uintmax_t bytes_in(const std::filesystem::path& p) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(p, ec);
  return ec ? 0 : n;
}

TEST(SqliteCheckpointer, ALargeCommitIsCopiedIntoTheFileByTheThread) {
  const auto dir = std::filesystem::temp_directory_path() / "fupan_checkpointer_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto path = dir / "store.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE pages (body BLOB)", nullptr, nullptr,
               nullptr);
  {
    SqliteCheckpointer checkpointer(path.string());
    checkpointer.watch(db);
    // A small commit stays in the log: no checkpoint asked for.
    sqlite3_exec(db, "INSERT INTO pages VALUES (zeroblob(100))", nullptr, nullptr, nullptr);
    EXPECT_EQ(checkpointer.checkpoints(), 0);
    const auto before = bytes_in(path);

    // About 1,500 pages of 4 KiB in one commit.
    sqlite3_exec(db,
                 "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                 "1500) INSERT INTO pages SELECT zeroblob(4000) FROM n; COMMIT",
                 nullptr, nullptr, nullptr);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (checkpointer.checkpoints() == 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(checkpointer.checkpoints(), 1);
    EXPECT_GT(bytes_in(path), before + 1500 * 4000) << "the log's pages are in the file";
  }
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fupan::store
