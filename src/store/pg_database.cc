// The PostgreSQL driver on libpq: prepared statements cached per connection (the `?` placeholders
// numbered once), COPY for bulk loads.
#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/pooled_database.h"

namespace fupan::store {
namespace {

constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kTextOid = 25,
              kFloat4Oid = 700, kFloat8Oid = 701;
constexpr int kText = 0, kBinary = 1;  // libpq's result formats

// Returns `sql` with each `?` outside quotes replaced by $1, $2, ...
std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool in_quote = false;
  for (char c : sql) {
    if (c == '\'') in_quote = !in_quote;
    if (c == '?' && !in_quote) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

StoreError::Kind classify(const PGresult* res) {
  const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
  std::string_view s = state ? state : "";
  if (s == "23505") return StoreError::Kind::unique;
  if (s == "23503") return StoreError::Kind::foreign_key;
  if (s == "40001" || s == "40P01") return StoreError::Kind::busy;
  return StoreError::Kind::other;
}

// Formats a value as COPY text: \N for null, backslash escapes for specials.
void append_copy_field(std::string& out, const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) {
    out += "\\N";
  } else if (auto* i = std::get_if<std::int64_t>(&v)) {
    out += std::to_string(*i);
  } else if (auto* d = std::get_if<double>(&v)) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
    out.append(buf, end);
  } else {
    for (char c : std::get<std::string>(v)) {
      switch (c) {
        case '\\':
          out += "\\\\";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        default:
          out += c;
      }
    }
  }
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw StoreError(StoreError::Kind::other, "cannot connect to PostgreSQL: " + msg);
    }
    exec_script("SET client_min_messages TO WARNING; SET TIME ZONE 'UTC'");
  }
  ~PgConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgres; }

  Rows query(std::string_view sql, std::span<const Value> params) override {
    Result res = run(sql, params);
    Rows rows;
    const int nrow = PQntuples(res.get()), ncol = PQnfields(res.get());
    for (int r = 0; r < nrow; ++r) {
      std::vector<Value> row;
      row.reserve(ncol);
      for (int c = 0; c < ncol; ++c) {
        if (PQgetisnull(res.get(), r, c)) {
          row.emplace_back(std::monostate{});
          continue;
        }
        const char* text = PQgetvalue(res.get(), r, c);
        const int len = PQgetlength(res.get(), r, c);
        switch (PQftype(res.get(), c)) {
          case kInt8Oid:
          case kInt4Oid:
          case kInt2Oid: {
            std::int64_t v = 0;
            std::from_chars(text, text + len, v);
            row.emplace_back(v);
            break;
          }
          case kBoolOid:
            row.emplace_back(std::int64_t{text[0] == 't'});
            break;
          case kFloat4Oid:
          case kFloat8Oid:
            row.emplace_back(std::strtod(text, nullptr));
            break;
          default:
            row.emplace_back(std::string(text, len));
        }
      }
      rows.add_row(std::move(row));
    }
    return rows;
  }

  // Asks for the rows in binary: the server skips formatting numbers as text and this side skips
  // parsing them, which halves the CPU of loading the analytics index. Only integer, boolean and
  // text columns are read this way (all the bulk reads need).
  void for_each(std::string_view sql, std::span<const Value> params,
                const std::function<void(const RowCursor&)>& row) override {
    struct Cursor final : RowCursor {
      const PGresult* res;
      std::vector<Oid> types;
      int r = 0;
      bool is_null(int c) const override { return PQgetisnull(res, r, c); }
      std::int64_t i64(int c) const override {
        if (PQgetisnull(res, r, c)) return 0;
        const auto* b = reinterpret_cast<const unsigned char*>(PQgetvalue(res, r, c));
        auto big_endian = [b](int bytes) {
          std::uint64_t v = 0;
          for (int i = 0; i < bytes; ++i) v = (v << 8) | b[i];
          return v;
        };
        switch (types[static_cast<std::size_t>(c)]) {
          case kInt8Oid:
            return static_cast<std::int64_t>(big_endian(8));
          case kInt4Oid:
            return static_cast<std::int32_t>(big_endian(4));
          case kInt2Oid:
            return static_cast<std::int16_t>(big_endian(2));
          case kBoolOid:
            return b[0] != 0;
          default:
            throw StoreError(StoreError::Kind::other,
                             "PostgreSQL: column " + std::to_string(c) + " is not an integer");
        }
      }
      std::string_view text(int c) const override {
        if (types[static_cast<std::size_t>(c)] != kTextOid) {
          throw StoreError(StoreError::Kind::other,
                           "PostgreSQL: column " + std::to_string(c) + " is not text");
        }
        return {PQgetvalue(res, r, c), static_cast<std::size_t>(PQgetlength(res, r, c))};
      }
    } cursor;
    Result res = run(sql, params, kBinary);
    cursor.res = res.get();
    for (int c = 0; c < PQnfields(res.get()); ++c) cursor.types.push_back(PQftype(res.get(), c));
    const int nrow = PQntuples(res.get());
    for (; cursor.r < nrow; ++cursor.r) row(cursor);
  }

  std::int64_t exec(std::string_view sql, std::span<const Value> params) override {
    Result res = run(sql, params);
    const char* n = PQcmdTuples(res.get());
    return n && *n ? std::strtoll(n, nullptr, 10) : 0;
  }

  void exec_script(std::string_view sql) override {
    Result res(PQexec(conn_, std::string(sql).c_str()));
    check(res.get(), sql);
  }

  using Connection::bulk_insert;
  void bulk_insert(std::string_view table, std::span<const std::string> columns, std::size_t count,
                   const BulkRowSource& source, BulkRows) override {
    std::string sql = "COPY " + std::string(table) + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
    sql += ") FROM STDIN";
    Result start(PQexec(conn_, sql.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) check(start.get(), sql);
    std::string buf;
    buf.reserve(1 << 20);
    auto flush = [&] {
      if (PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) != 1) {
        throw StoreError(StoreError::Kind::other, std::string("COPY: ") + PQerrorMessage(conn_));
      }
      buf.clear();
    };
    for (std::size_t i = 0; i < count; ++i) {
      const std::span<const Value> row = source(i);
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (c) buf += '\t';
        append_copy_field(buf, row[c]);
      }
      buf += '\n';
      if (buf.size() > (1 << 20) - 4096) flush();
    }
    if (!buf.empty()) flush();
    if (PQputCopyEnd(conn_, nullptr) != 1) {
      throw StoreError(StoreError::Kind::other, std::string("COPY end: ") + PQerrorMessage(conn_));
    }
    Result done(PQgetResult(conn_));
    check(done.get(), sql);
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
  }

  // A read transaction sees one snapshot throughout (the analytics index is read by many
  // statements); a write transaction reads committed rows, as the version checks expect.
  void begin(bool for_write) override {
    exec_script(for_write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  void commit() override { exec_script("COMMIT"); }
  void rollback() override { exec_script("ROLLBACK"); }

 private:
  struct Result {
    explicit Result(PGresult* r) : res(r) {}
    Result(const Result&) = delete;
    Result(Result&& other) noexcept : res(other.res) { other.res = nullptr; }
    ~Result() {
      if (res) PQclear(res);
    }
    PGresult* get() const { return res; }
    PGresult* res;
  };

  void check(const PGresult* res, std::string_view sql) {
    auto status = PQresultStatus(res);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    throw StoreError(res ? classify(res) : StoreError::Kind::other,
                     std::string("PostgreSQL: ") +
                         (res ? PQresultErrorMessage(res) : PQerrorMessage(conn_)) +
                         " in: " + std::string(sql));
  }

  Result run(std::string_view sql, std::span<const Value> params, int result_format = kText) {
    const std::string& name = prepare(sql, params.size());
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        values[i] = nullptr;
        continue;
      }
      if (auto* n = std::get_if<std::int64_t>(&v)) {
        text[i] = std::to_string(*n);
      } else if (auto* d = std::get_if<double>(&v)) {
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
        text[i].assign(buf, end);
      } else {
        text[i] = std::get<std::string>(v);
      }
      values[i] = text[i].c_str();
    }
    Result res(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(),
                              nullptr, nullptr, result_format));
    check(res.get(), sql);
    return res;
  }

  const std::string& prepare(std::string_view sql, std::size_t) {
    auto it = names_.find(std::string(sql));
    if (it != names_.end()) return it->second;
    std::string name = "s" + std::to_string(names_.size());
    std::string numbered = number_placeholders(sql);
    Result res(PQprepare(conn_, name.c_str(), numbered.c_str(), 0, nullptr));
    check(res.get(), sql);
    return names_.emplace(std::string(sql), std::move(name)).first->second;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> names_;
};

class PgDatabase final : public PooledDatabase {
 public:
  PgDatabase(std::string url, std::size_t pool) : PooledDatabase(pool), url_(std::move(url)) {}
  Dialect dialect() const override { return Dialect::postgres; }

 protected:
  std::unique_ptr<Connection> open_connection() override {
    return std::make_unique<PgConnection>(url_);
  }

 private:
  std::string url_;
};

}  // namespace

std::unique_ptr<Database> open_postgres_database(const std::string& url, std::size_t pool_size) {
  auto db = std::make_unique<PgDatabase>(url, pool_size);
  db->acquire();  // connects now so a bad URL fails at start
  return db;
}

}  // namespace fupan::store
