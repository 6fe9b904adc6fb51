// The SQLite driver: WAL, foreign keys on, a statement cache per connection.
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/pooled_database.h"
#include "store/sqlite_checkpointer.h"

namespace fupan::store {
namespace {

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, std::shared_ptr<SqliteCheckpointer> checkpointer)
      : checkpointer_(std::move(checkpointer)) {
    int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError(StoreError::Kind::other, "cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 10000);
    exec_script(
        "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
        " PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824;");
    if (checkpointer_) checkpointer_->watch(db_);
  }
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  Rows query(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    Rows rows;
    const int ncol = sqlite3_column_count(stmt);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(stmt, rc);
      std::vector<Value> row;
      row.reserve(ncol);
      for (int c = 0; c < ncol; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            row.emplace_back(std::monostate{});
            break;
          case SQLITE_INTEGER:
            row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_FLOAT:
            row.emplace_back(sqlite3_column_double(stmt, c));
            break;
          default:
            row.emplace_back(
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                            sqlite3_column_bytes(stmt, c)));
        }
      }
      rows.add_row(std::move(row));
    }
    sqlite3_reset(stmt);
    return rows;
  }

  void for_each(std::string_view sql, std::span<const Value> params,
                const std::function<void(const RowCursor&)>& row) override {
    struct Cursor final : RowCursor {
      sqlite3_stmt* stmt;
      bool is_null(int c) const override { return sqlite3_column_type(stmt, c) == SQLITE_NULL; }
      std::int64_t i64(int c) const override { return sqlite3_column_int64(stmt, c); }
      std::string_view text(int c) const override {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        return p ? std::string_view(p, sqlite3_column_bytes(stmt, c)) : std::string_view();
      }
    } cursor;
    cursor.stmt = prepare(sql, params);
    try {
      for (;;) {
        int rc = sqlite3_step(cursor.stmt);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) fail(cursor.stmt, rc);
        row(cursor);
      }
    } catch (...) {
      sqlite3_reset(cursor.stmt);
      throw;
    }
    sqlite3_reset(cursor.stmt);
  }

  std::int64_t exec(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail(stmt, rc);
    sqlite3_reset(stmt);
    return sqlite3_changes64(db_);
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw StoreError(classify(sqlite3_extended_errcode(db_)), "SQLite: " + msg);
    }
  }

  using Connection::bulk_insert;
  void bulk_insert(std::string_view table, std::span<const std::string> columns, std::size_t count,
                   const BulkRowSource& row, BulkRows layout) override {
    // A load that writes all over the indexes gets a large page cache until the transaction
    // ends: their pages stay in memory instead of going through the file system for each row.
    if (layout == BulkRows::scattered && !saved_cache_size_) {
      saved_cache_size_ = query("PRAGMA cache_size", std::span<const Value>()).i64(0, 0);
      exec_script("PRAGMA cache_size = " + std::to_string(kBulkCacheSize));
    }
    // Many rows to one statement: each step costs a third less per row than a row's own step.
    // A row's values are copied as it is bound (the next call may reuse its buffer).
    const std::size_t width = columns.size();
    if (width == 0) throw StoreError(StoreError::Kind::other, "bulk insert without columns");
    const std::size_t rows_per_step = std::clamp<std::size_t>(999 / width, 1, 64);
    // A row of another width would leave the previous row's values bound.
    auto checked = [&](std::size_t i) {
      const std::span<const Value> values = row(i);
      if (values.size() != width) {
        throw StoreError(StoreError::Kind::other, "bulk insert into " + std::string(table) +
                                                      ": a row of " +
                                                      std::to_string(values.size()) + " values");
      }
      return values;
    };
    std::size_t i = 0;
    if (rows_per_step > 1 && count >= rows_per_step) {
      sqlite3_stmt* many = statement(insert_sql(table, columns, rows_per_step));
      for (; i + rows_per_step <= count; i += rows_per_step) {
        for (std::size_t r = 0; r < rows_per_step; ++r)
          bind_values(many, static_cast<int>(r * width), checked(i + r), SQLITE_TRANSIENT);
        step_done(many);
      }
    }
    sqlite3_stmt* one = statement(insert_sql(table, columns, 1));
    for (; i < count; ++i) {
      bind(one, checked(i));
      step_done(one);
    }
  }

  void begin(bool for_write) override { exec_script(for_write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  void commit() override {
    exec_script("COMMIT");
    restore_cache_size();
  }
  void rollback() override {
    exec_script("ROLLBACK");
    restore_cache_size();
  }

 private:
  static StoreError::Kind classify(int extended) {
    switch (extended) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        return StoreError::Kind::unique;
      case SQLITE_CONSTRAINT_FOREIGNKEY:
        return StoreError::Kind::foreign_key;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return StoreError::Kind::busy;
      default:
        return StoreError::Kind::other;
    }
  }

  [[noreturn]] void fail(sqlite3_stmt* stmt, int) {
    int extended = sqlite3_extended_errcode(db_);
    std::string msg = std::string("SQLite: ") + sqlite3_errmsg(db_) + " in: " + sqlite3_sql(stmt);
    sqlite3_reset(stmt);
    throw StoreError(classify(extended), msg);
  }

  // INSERT INTO table (columns) VALUES (?, …), … for `rows` rows.
  static std::string insert_sql(std::string_view table, std::span<const std::string> columns,
                                std::size_t rows) {
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string marks;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : "") + columns[i];
      marks += i ? ", ?" : "(?";
    }
    marks += ")";
    sql += ") VALUES ";
    for (std::size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + marks;
    return sql;
  }

  void step_done(sqlite3_stmt* stmt) {
    const int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE) fail(stmt, rc);
    sqlite3_reset(stmt);
  }

  // Puts the page cache back to the size it had before a bulk load.
  void restore_cache_size() {
    if (!saved_cache_size_) return;
    const std::int64_t size = *saved_cache_size_;
    saved_cache_size_.reset();
    exec_script("PRAGMA cache_size = " + std::to_string(size));
  }

  sqlite3_stmt* prepare(std::string_view sql, std::span<const Value> params) {
    sqlite3_stmt* stmt = statement(std::string(sql));
    bind(stmt, params);
    return stmt;
  }

  // Returns the cached statement for `sql`, preparing it the first time.
  sqlite3_stmt* statement(const std::string& sql) {
    auto it = cache_.find(sql);
    sqlite3_stmt* stmt = nullptr;
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
        throw StoreError(StoreError::Kind::other,
                         std::string("SQLite prepare: ") + sqlite3_errmsg(db_) + " in: " + sql);
      }
      cache_.emplace(sql, stmt);
    }
    return stmt;
  }

  // Binds `values` to the parameters after the first `offset`. Strings are copied when
  // `copy_text` is SQLITE_TRANSIENT, else must outlive the statement's step (SQLITE_STATIC).
  static void bind_values(sqlite3_stmt* stmt, int offset, std::span<const Value> values,
                          sqlite3_destructor_type copy_text) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      const int idx = offset + static_cast<int>(i) + 1;
      const Value& v = values[i];
      if (auto* n = std::get_if<std::int64_t>(&v)) {
        sqlite3_bind_int64(stmt, idx, *n);
      } else if (auto* d = std::get_if<double>(&v)) {
        sqlite3_bind_double(stmt, idx, *d);
      } else if (auto* s = std::get_if<std::string>(&v)) {
        sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), copy_text);
      } else {
        sqlite3_bind_null(stmt, idx);
      }
    }
  }

  static void bind(sqlite3_stmt* stmt, std::span<const Value> params) {
    sqlite3_clear_bindings(stmt);
    bind_values(stmt, 0, params, SQLITE_STATIC);
  }

  static constexpr std::int64_t kBulkCacheSize = -262144;  // KiB: 256 MiB
  std::shared_ptr<SqliteCheckpointer> checkpointer_;       // null for an in-memory store
  sqlite3* db_ = nullptr;
  std::optional<std::int64_t> saved_cache_size_;  // set while a bulk load's cache is in place
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteDatabase final : public PooledDatabase {
 public:
  SqliteDatabase(std::string path, std::size_t pool)
      : PooledDatabase(pool),
        path_(std::move(path)),
        checkpointer_(path_ == ":memory:" ? nullptr : std::make_shared<SqliteCheckpointer>(path_)) {
  }
  Dialect dialect() const override { return Dialect::sqlite; }

 protected:
  std::unique_ptr<Connection> open_connection() override {
    return std::make_unique<SqliteConnection>(path_, checkpointer_);
  }

 private:
  std::string path_;
  std::shared_ptr<SqliteCheckpointer> checkpointer_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite_database(const std::string& path, std::size_t pool_size) {
  // SQLite's memory statistics take a global mutex on every allocation, and nothing reads them.
  // Set once, before SQLite initialises (later it is refused, harmlessly).
  static const int no_memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)no_memstatus;
  auto db = std::make_unique<SqliteDatabase>(path, pool_size);
  db->acquire();  // opens (and creates) the file now so a bad path fails at start
  return db;
}

}  // namespace fupan::store
