#include "service/sales/receivable_service.h"

#include <date/tz.h>

#include <algorithm>

#include "service/crm/entity_access.h"
#include "service/crm/entity_values.h"

namespace fupan::service {
namespace {

using std::chrono::days;

// The payments received before the cutoff, per order.
const char* kPaidBefore =
    "SELECT order_id, SUM(amount) AS paid FROM payments WHERE org_id = ? AND received_at < ? "
    "GROUP BY order_id";

// The first instant after `as_of` in the org's zone: midnight that starts the next local day.
Instant end_of_day(LocalDate as_of, const Actor& actor) {
  return start_of(as_of + days(1), zone_of(actor.snapshot->org().timezone));
}

// The orders in scope that were ordered by the cutoff and are not cancelled, with what was paid
// on them by the cutoff as p.paid. Parameters: org, cutoff, org, cutoff, then the scope's.
// `join` adds tables after p.
std::string open_orders_from(const SqlCondition& scope, std::string_view join = {}) {
  std::string sql = std::string(" FROM orders t LEFT JOIN (") + kPaidBefore +
                    ") p ON p.order_id = t.id" + std::string(join) +
                    " WHERE t.org_id = ? AND t.status <> 'cancelled' AND t.ordered_at < ?";
  if (!scope.sql.empty()) sql += " AND (" + scope.sql + ")";
  return sql;
}

std::vector<store::Value> open_orders_params(const Actor& actor, Instant cutoff,
                                             const SqlCondition& scope) {
  std::vector<store::Value> p{actor.org.value, to_ms(cutoff), actor.org.value, to_ms(cutoff)};
  p.insert(p.end(), scope.params.begin(), scope.params.end());
  return p;
}

Aging read_aging(const store::Rows& rows, std::size_t r, std::size_t first) {
  Aging a;
  a.d0_30 = Fen{rows.i64(r, first)};
  a.d31_60 = Fen{rows.i64(r, first + 1)};
  a.d61_90 = Fen{rows.i64(r, first + 2)};
  a.d90_plus = Fen{rows.i64(r, first + 3)};
  return a;
}

}  // namespace

std::string_view bucket_name(AgingBucket b) {
  switch (b) {
    case AgingBucket::d0_30:
      return "d0_30";
    case AgingBucket::d31_60:
      return "d31_60";
    case AgingBucket::d61_90:
      return "d61_90";
    case AgingBucket::d90_plus:
      return "d90_plus";
  }
  return "d0_30";
}

Result<ReceivableReport> receivables(const Context& ctx, const Actor& actor,
                                     const ReceivableRequest& req) {
  ReceivableReport out;
  out.as_of = req.as_of.value_or(actor.today);
  out.group_by = req.group_by;
  out.page.page = req.page.page;
  out.page.page_size = req.page.page_size;
  const bool by_customer = req.group_by == ReceivableGroup::customer;
  const SqlCondition scope = visible_condition(actor, *find_entity_kind("order"));

  // Bucket by comparing due dates (ISO text sorts as dates) with the earliest due date of each
  // bucket, which the domain defines.
  const std::string from_0_30 = format_date(earliest_due_in(AgingBucket::d0_30, out.as_of));
  const std::string from_31_60 = format_date(earliest_due_in(AgingBucket::d31_60, out.as_of));
  const std::string from_61_90 = format_date(earliest_due_in(AgingBucket::d61_90, out.as_of));
  const std::string key = by_customer ? "t.customer_id" : "t.owner_id";
  std::string sql =
      "WITH owed AS (SELECT " + key +
      " AS k, t.due_date AS due, t.total - COALESCE(p.paid, 0) AS outstanding" +
      open_orders_from(scope) +
      "), grouped AS (SELECT k, CAST(SUM(outstanding) AS BIGINT) AS total, "
      "CAST(SUM(CASE WHEN due IS NULL OR due >= ? THEN outstanding ELSE 0 END) AS BIGINT) AS a, "
      "CAST(SUM(CASE WHEN due < ? AND due >= ? THEN outstanding ELSE 0 END) AS BIGINT) AS b, "
      "CAST(SUM(CASE WHEN due < ? AND due >= ? THEN outstanding ELSE 0 END) AS BIGINT) AS c, "
      "CAST(SUM(CASE WHEN due < ? THEN outstanding ELSE 0 END) AS BIGINT) AS d, "
      "COUNT(*) AS n FROM owed WHERE outstanding > 0 GROUP BY k) "
      // The page, then one row of totals over every group (is_sum = 1, k = the group count).
      "SELECT * FROM (SELECT 0 AS is_sum, g.k, " +
      std::string(by_customer ? "cu.name" : "NULL") +
      " AS name, g.total, g.a, g.b, g.c, g.d, g.n FROM grouped g" +
      (by_customer ? " LEFT JOIN customers cu ON cu.id = g.k" : "") +
      " ORDER BY g.total DESC, g.k LIMIT ? OFFSET ?) page_rows UNION ALL "
      "SELECT 1, COUNT(*), NULL, CAST(COALESCE(SUM(total), 0) AS BIGINT), "
      "CAST(COALESCE(SUM(a), 0) AS BIGINT), CAST(COALESCE(SUM(b), 0) AS BIGINT), "
      "CAST(COALESCE(SUM(c), 0) AS BIGINT), CAST(COALESCE(SUM(d), 0) AS BIGINT), "
      "CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM grouped";
  auto params = open_orders_params(actor, end_of_day(out.as_of, actor), scope);
  for (const std::string& d :
       {from_0_30, from_0_30, from_31_60, from_31_60, from_61_90, from_61_90})
    params.emplace_back(d);
  params.emplace_back(req.page.page_size);
  params.emplace_back((req.page.page - 1) * req.page.page_size);

  auto conn = ctx.db.acquire();
  const auto rows = conn->query(sql, params);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    ReceivableRow row;
    row.aging = read_aging(rows, r, 4);
    row.orders = rows.i64(r, 8);
    if (rows.i64(r, 0) == 1) {
      out.page.total = rows.i64(r, 1);
      out.totals = row;
      continue;
    }
    row.id = rows.i64(r, 1);
    if (by_customer) {
      row.name = rows.str(r, 2);
    } else if (const UserRecord* u = actor.snapshot->user(UserId{row.id})) {
      row.name = u->display_name;
    }
    out.page.items.push_back(std::move(row));
  }
  // UNION ALL keeps the page's order in practice; SQL does not promise it.
  std::stable_sort(out.page.items.begin(), out.page.items.end(), [](const auto& a, const auto& b) {
    const Fen ta = a.aging.total(), tb = b.aging.total();
    return ta != tb ? ta > tb : a.id < b.id;
  });
  return out;
}

Result<OpenOrdersReport> open_orders(const Context& ctx, const Actor& actor,
                                     const OpenOrdersRequest& req) {
  OpenOrdersReport out;
  out.as_of = req.as_of.value_or(actor.today);
  out.page.page = req.page.page;
  out.page.page_size = req.page.page_size;
  const SqlCondition scope = visible_condition(actor, *find_entity_kind("order"));
  std::string from = open_orders_from(scope, " JOIN customers cu ON cu.id = t.customer_id") +
                     " AND t.total - COALESCE(p.paid, 0) > 0";
  auto params = open_orders_params(actor, end_of_day(out.as_of, actor), scope);
  if (req.customer_id) {
    from += " AND t.customer_id = ?";
    params.emplace_back(req.customer_id->value);
  }
  if (req.owner_id) {
    from += " AND t.owner_id = ?";
    params.emplace_back(req.owner_id->value);
  }

  auto conn = ctx.db.acquire();
  out.page.total = conn->query("SELECT COUNT(*)" + from, params).i64(0, 0);
  const std::int64_t offset = (req.page.page - 1) * req.page.page_size;
  if (offset >= out.page.total) return out;
  params.emplace_back(req.page.page_size);
  params.emplace_back(offset);
  const auto rows = conn->query(
      "SELECT t.id, t.customer_id, cu.name, t.owner_id, t.ordered_at, t.due_date, t.total, "
      "CAST(COALESCE(p.paid, 0) AS BIGINT)" +
          from + " ORDER BY t.due_date IS NULL, t.due_date, t.id LIMIT ? OFFSET ?",
      params);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    OpenOrder o;
    o.id = rows.i64(r, 0);
    o.customer_id = rows.i64(r, 1);
    o.customer_name = rows.str(r, 2);
    o.owner_id = rows.i64(r, 3);
    o.ordered_at = instant_from_ms(rows.i64(r, 4));
    if (auto due = rows.opt_str(r, 5)) o.due_date = parse_date(*due);
    o.total = Fen{rows.i64(r, 6)};
    o.paid = Fen{rows.i64(r, 7)};
    o.outstanding = o.total - o.paid;
    if (o.due_date) {
      o.days_past_due = (out.as_of - *o.due_date).count();
      o.bucket = aging_bucket(*o.due_date, out.as_of);
    }
    out.page.items.push_back(std::move(o));
  }
  return out;
}

}  // namespace fupan::service
