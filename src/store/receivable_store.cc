#include "store/receivable_store.h"

namespace fupan::store {
namespace {

// The payments received before the cutoff, per order.
const char* kPaidBefore =
    "SELECT order_id, SUM(amount) AS paid FROM payments WHERE org_id = ? AND received_at < ? "
    "GROUP BY order_id";

// The orders in scope that were ordered by the cutoff and are not cancelled, with what was paid
// on them by the cutoff as p.paid. Parameters: org, cutoff, org, cutoff, then the scope's.
// `join` adds tables after p.
std::string open_orders_from(const Condition& scope, std::string_view join = {}) {
  std::string sql = std::string(" FROM orders t LEFT JOIN (") + kPaidBefore +
                    ") p ON p.order_id = t.id" + std::string(join) +
                    " WHERE t.org_id = ? AND t.status <> 'cancelled' AND t.ordered_at < ?";
  if (!scope.sql.empty()) sql += " AND (" + scope.sql + ")";
  return sql;
}

std::vector<Value> open_orders_params(OrgId org, Instant cutoff, const Condition& scope) {
  std::vector<Value> p{org.value, to_ms(cutoff), org.value, to_ms(cutoff)};
  p.insert(p.end(), scope.params.begin(), scope.params.end());
  return p;
}

// The FROM and WHERE of the orders with something outstanding, with their parameters.
std::string open_orders_with_balance(const OpenOrderQuery& q, OrgId org,
                                     std::vector<Value>& params) {
  std::string from = open_orders_from(q.scope, " JOIN customers cu ON cu.id = t.customer_id") +
                     " AND t.total - COALESCE(p.paid, 0) > 0";
  params = open_orders_params(org, q.cutoff, q.scope);
  if (q.customer_id) {
    from += " AND t.customer_id = ?";
    params.emplace_back(q.customer_id->value);
  }
  if (q.owner_id) {
    from += " AND t.owner_id = ?";
    params.emplace_back(q.owner_id->value);
  }
  return from;
}

}  // namespace

std::vector<OwedRow> owed_by_group(Connection& c, OrgId org, const OwedQuery& q) {
  const std::string key = q.by_customer ? "t.customer_id" : "t.owner_id";
  std::string sql =
      "WITH owed AS (SELECT " + key +
      " AS k, t.due_date AS due, t.total - COALESCE(p.paid, 0) AS outstanding" +
      open_orders_from(q.scope) +
      "), grouped AS (SELECT k, CAST(SUM(outstanding) AS BIGINT) AS total, "
      "CAST(SUM(CASE WHEN due IS NULL OR due >= ? THEN outstanding ELSE 0 END) AS BIGINT) AS a, "
      "CAST(SUM(CASE WHEN due < ? AND due >= ? THEN outstanding ELSE 0 END) AS BIGINT) AS b, "
      "CAST(SUM(CASE WHEN due < ? AND due >= ? THEN outstanding ELSE 0 END) AS BIGINT) AS c, "
      "CAST(SUM(CASE WHEN due < ? THEN outstanding ELSE 0 END) AS BIGINT) AS d, "
      "COUNT(*) AS n FROM owed WHERE outstanding > 0 GROUP BY k) "
      // The page, then one row of totals over every group (is_sum = 1, k = the group count).
      "SELECT * FROM (SELECT 0 AS is_sum, g.k, " +
      std::string(q.by_customer ? "cu.name" : "NULL") +
      " AS name, g.total, g.a, g.b, g.c, g.d, g.n FROM grouped g" +
      (q.by_customer ? " LEFT JOIN customers cu ON cu.id = g.k" : "") +
      " ORDER BY g.total DESC, g.k LIMIT ? OFFSET ?) page_rows UNION ALL "
      "SELECT 1, COUNT(*), NULL, CAST(COALESCE(SUM(total), 0) AS BIGINT), "
      "CAST(COALESCE(SUM(a), 0) AS BIGINT), CAST(COALESCE(SUM(b), 0) AS BIGINT), "
      "CAST(COALESCE(SUM(c), 0) AS BIGINT), CAST(COALESCE(SUM(d), 0) AS BIGINT), "
      "CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM grouped";
  auto params = open_orders_params(org, q.cutoff, q.scope);
  for (const std::string* d :
       {&q.from_0_30, &q.from_0_30, &q.from_31_60, &q.from_31_60, &q.from_61_90, &q.from_61_90})
    params.emplace_back(*d);
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);

  const auto rows = c.query(sql, params);
  std::vector<OwedRow> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    OwedRow row;
    row.is_sum = rows.i64(r, 0) == 1;
    row.key = rows.i64(r, 1);
    row.name = rows.opt_str(r, 2);
    row.d0_30 = Fen{rows.i64(r, 4)};
    row.d31_60 = Fen{rows.i64(r, 5)};
    row.d61_90 = Fen{rows.i64(r, 6)};
    row.d90_plus = Fen{rows.i64(r, 7)};
    row.orders = rows.i64(r, 8);
    out.push_back(std::move(row));
  }
  return out;
}

std::int64_t count_open_orders(Connection& c, OrgId org, const OpenOrderQuery& q) {
  std::vector<Value> params;
  const std::string from = open_orders_with_balance(q, org, params);
  return c.query("SELECT COUNT(*)" + from, params).i64(0, 0);
}

std::vector<OpenOrderRow> open_orders(Connection& c, OrgId org, const OpenOrderQuery& q) {
  std::vector<Value> params;
  const std::string from = open_orders_with_balance(q, org, params);
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  const auto rows = c.query(
      "SELECT t.id, t.customer_id, cu.name, t.owner_id, t.ordered_at, t.due_date, t.total, "
      "CAST(COALESCE(p.paid, 0) AS BIGINT)" +
          from + " ORDER BY t.due_date IS NULL, t.due_date, t.id LIMIT ? OFFSET ?",
      params);
  std::vector<OpenOrderRow> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    OpenOrderRow o;
    o.id = rows.i64(r, 0);
    o.customer_id = rows.i64(r, 1);
    o.customer_name = rows.str(r, 2);
    o.owner_id = rows.i64(r, 3);
    o.ordered_ms = rows.i64(r, 4);
    o.due_date = rows.opt_str(r, 5);
    o.total = Fen{rows.i64(r, 6)};
    o.paid = Fen{rows.i64(r, 7)};
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace fupan::store
