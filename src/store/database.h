// One storage interface, two drivers (SQLite and PostgreSQL). SQL is written once with `?`
// placeholders and the dialect-neutral types of migrations.cc; the PostgreSQL driver numbers them.
// Unexpected store failures throw StoreError (they become 500 internal at the HTTP edge);
// a unique-constraint violation throws StoreError with kind unique, which services translate.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace fupan::store {

enum class Dialect { sqlite, postgres };

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
inline const Value null_value{};

// "?, ?, ?": the placeholders of an IN list of `n` values.
inline std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

class StoreError : public std::runtime_error {
 public:
  enum class Kind { unique, foreign_key, busy, other };
  StoreError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// A fully read result set; cells are null, int64, double or text.
class Rows {
 public:
  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  bool is_null(std::size_t r, std::size_t c) const;
  std::int64_t i64(std::size_t r, std::size_t c) const;
  std::optional<std::int64_t> opt_i64(std::size_t r, std::size_t c) const;
  double f64(std::size_t r, std::size_t c) const;
  std::string str(std::size_t r, std::size_t c) const;
  std::optional<std::string> opt_str(std::size_t r, std::size_t c) const;

  void add_row(std::vector<Value> row) { rows_.push_back(std::move(row)); }

 private:
  std::vector<std::vector<Value>> rows_;
};

// The row a for_each callback is reading; its cells are valid only during the call.
class RowCursor {
 public:
  virtual ~RowCursor() = default;
  virtual bool is_null(int c) const = 0;
  virtual std::int64_t i64(int c) const = 0;       // 0 for null
  virtual std::string_view text(int c) const = 0;  // "" for null
};

// Where a bulk load's new index entries fall.
enum class BulkRows {
  scattered,  // all over each index (an import): SQLite keeps a large page cache for the load
  clustered,  // side by side in few places (a decomposition, by scope and day): the usual cache
              // holds them, and filling a large one would only cost time
};

// One connection; not thread-safe, borrowed from the Database's pool by one thread at a time.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs a statement (prepared and cached per connection) and returns its rows.
  virtual Rows query(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs a query and calls `row` for each result row without materialising them (bulk reads:
  // the analytics index). Page large reads by key: PostgreSQL still buffers one result.
  virtual void for_each(std::string_view sql, std::span<const Value> params,
                        const std::function<void(const RowCursor&)>& row) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual std::int64_t exec(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  // Loads `count` rows fast: COPY on PostgreSQL, many rows a statement on SQLite.
  // `row(i)` gives row i, one value per column, valid until the next call: a caller can make
  // each row in one buffer instead of holding them all.
  using BulkRowSource = std::function<std::span<const Value>(std::size_t i)>;
  virtual void bulk_insert(std::string_view table, std::span<const std::string> columns,
                           std::size_t count, const BulkRowSource& row, BulkRows layout) = 0;
  void bulk_insert(std::string_view table, std::span<const std::string> columns,
                   std::span<const std::vector<Value>> rows,
                   BulkRows layout = BulkRows::scattered) {
    bulk_insert(
        table, columns, rows.size(), [&](std::size_t i) { return std::span<const Value>(rows[i]); },
        layout);
  }
  virtual void begin(bool for_write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;

  Rows query(std::string_view sql, std::initializer_list<Value> params) {
    return query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  std::int64_t exec(std::string_view sql, std::initializer_list<Value> params) {
    return exec(sql, std::span<const Value>(params.begin(), params.size()));
  }
};

// A pool of connections to one store.
class Database {
 public:
  class Lease {
   public:
    Lease(Database* owner, std::unique_ptr<Connection> conn)
        : owner_(owner), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (conn_) owner_->release(std::move(conn_));
    }
    Connection& operator*() { return *conn_; }
    Connection* operator->() { return conn_.get(); }

   private:
    Database* owner_;
    std::unique_ptr<Connection> conn_;
  };

  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Borrows a connection, waiting while all are in use.
  virtual Lease acquire() = 0;
  // Counters for /metrics.
  virtual std::size_t pool_size() const = 0;
  virtual std::size_t pool_idle() const = 0;

 protected:
  virtual void release(std::unique_ptr<Connection> conn) = 0;
};

// Opens the store named by `url`: "postgresql://..." / "postgres://..." or a SQLite file path.
std::unique_ptr<Database> open_database(const std::string& url, std::size_t pool_size = 8);

// A transaction that rolls back unless committed.
class Transaction {
 public:
  Transaction(Connection& conn, bool for_write) : conn_(conn) { conn_.begin(for_write); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (!done_) {
      try {
        conn_.rollback();
      } catch (...) {
      }
    }
  }
  void commit() {
    conn_.commit();
    done_ = true;
  }

 private:
  Connection& conn_;
  bool done_ = false;
};

}  // namespace fupan::store
