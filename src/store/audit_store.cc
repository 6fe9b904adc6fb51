#include "store/audit_store.h"

#include <algorithm>
#include <random>

namespace fupan::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO audit_log (org_id, at, user_id, action, entity, entity_id, before_json, "
    "after_json, ip, writer)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// Optional filters are passed as NULL to keep one prepared statement.
constexpr const char* kFilter =
    " FROM audit_log WHERE org_id = ? AND (CAST(? AS TEXT) IS NULL OR entity = ?)"
    " AND (CAST(? AS BIGINT) IS NULL OR entity_id = ?) AND (CAST(? AS BIGINT) IS NULL OR user_id = "
    "?)";

Value opt_str(const std::optional<std::string>& s) {
  return s ? Value{*s} : Value{};
}
Value opt_int(const std::optional<std::int64_t>& v) {
  return v ? Value{*v} : Value{};
}

std::vector<Value> filter_params(OrgId org, const AuditQuery& q) {
  Value entity = opt_str(q.entity), id = opt_int(q.entity_id),
        user = q.user ? Value{q.user->value} : Value{};
  return {org.value, entity, entity, id, id, user, user};
}

}  // namespace

void insert_audit(Connection& c, const AuditRecord& a) {
  c.exec(kInsert, {a.org.value, to_ms(a.at), a.user ? Value{a.user->value} : Value{}, a.action,
                   a.entity, opt_int(a.entity_id), opt_str(a.before_json), opt_str(a.after_json),
                   a.ip, process_writer_id()});
}

std::int64_t process_writer_id() {
  // Random per process, never 0 (the entries written before version 4 of the schema).
  static const std::int64_t id = [] {
    std::random_device rd;
    std::int64_t v = 0;
    while (v == 0) {
      v = static_cast<std::int64_t>((std::uint64_t{rd()} << 32 | rd()) >> 1);
    }
    return v;
  }();
  return id;
}

std::vector<AuditRecord> list_audit(Connection& c, OrgId org, const AuditQuery& q) {
  static const std::string sql = std::string(
                                     "SELECT id, org_id, at, user_id, action, entity, entity_id, "
                                     "before_json, after_json, ip") +
                                 kFilter + " ORDER BY id DESC LIMIT ? OFFSET ?";
  auto params = filter_params(org, q);
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  auto r = c.query(sql, params);
  std::vector<AuditRecord> out;
  for (std::size_t i = 0; i < r.size(); ++i) {
    AuditRecord a;
    a.id = r.i64(i, 0);
    a.org = OrgId{r.i64(i, 1)};
    a.at = instant_from_ms(r.i64(i, 2));
    if (auto u = r.opt_i64(i, 3)) a.user = UserId{*u};
    a.action = r.str(i, 4);
    a.entity = r.str(i, 5);
    a.entity_id = r.opt_i64(i, 6);
    a.before_json = r.opt_str(i, 7);
    a.after_json = r.opt_str(i, 8);
    a.ip = r.str(i, 9);
    out.push_back(std::move(a));
  }
  return out;
}

std::int64_t count_audit(Connection& c, OrgId org, const AuditQuery& q) {
  static const std::string sql = std::string("SELECT COUNT(*)") + kFilter;
  return c.query(sql, filter_params(org, q)).i64(0, 0);
}

}  // namespace fupan::store
