#include "store/customer_store.h"

namespace fupan::store {
namespace {

constexpr const char* kInsertTransfer =
    "INSERT INTO customer_transfers (org_id, customer_id, from_user_id, to_user_id, reason,"
    " by_user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kSelectTransfers =
    "SELECT customer_id, from_user_id, to_user_id, reason, by_user_id, at FROM customer_transfers"
    " WHERE org_id = ? AND customer_id = ? ORDER BY at DESC, id DESC";
constexpr const char* kSetKeys =
    "UPDATE customers SET name_key = ?, phone_key = ? WHERE org_id = ? AND id = ?";
constexpr const char* kSelectByKeys =
    "SELECT id, name, phone, owner_id FROM customers WHERE org_id = ?";
constexpr const char* kSelectWithoutKeys =
    "SELECT id, name, phone FROM customers WHERE org_id = ? AND name_key IS NULL ORDER BY id";
constexpr const char* kSelectOpenOpportunities =
    "SELECT id FROM opportunities WHERE org_id = ? AND customer_id = ? AND owner_id = ?"
    " AND status = 'open' ORDER BY id";
// Every customer with its sales in the range: one pass over the org's orders in the range.
constexpr const char* kSelectSales =
    "SELECT c.id, c.tier, CAST(COALESCE(SUM(o.total), 0) AS BIGINT), COUNT(o.id),"
    " MAX(o.ordered_at)"
    " FROM customers c LEFT JOIN orders o ON o.customer_id = c.id AND o.org_id = c.org_id"
    " AND o.status <> 'cancelled' AND o.ordered_at >= ? AND o.ordered_at < ?"
    " WHERE c.org_id = ? GROUP BY c.id, c.tier ORDER BY c.id";
constexpr const char* kSetTier = "UPDATE customers SET tier = ? WHERE org_id = ? AND id = ?";

Value opt(const std::optional<std::string>& s) {
  return s ? Value(*s) : null_value;
}

}  // namespace

void insert_customer_transfer(Connection& c, OrgId org, const CustomerTransfer& t) {
  c.exec(kInsertTransfer, {org.value, t.customer_id, t.from_user.value, t.to_user.value, t.reason,
                           t.by_user.value, to_ms(t.at)});
}

std::vector<CustomerTransfer> list_customer_transfers(Connection& c, OrgId org,
                                                      std::int64_t customer_id) {
  auto rows = c.query(kSelectTransfers, {org.value, customer_id});
  std::vector<CustomerTransfer> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back({rows.i64(r, 0), UserId{rows.i64(r, 1)}, UserId{rows.i64(r, 2)},
                   UserId{rows.i64(r, 4)}, rows.str(r, 3), instant_from_ms(rows.i64(r, 5))});
  }
  return out;
}

void set_customer_keys(Connection& c, OrgId org, std::int64_t id,
                       const std::optional<std::string>& name_key,
                       const std::optional<std::string>& phone_key) {
  c.exec(kSetKeys, {opt(name_key), opt(phone_key), org.value, id});
}

std::vector<CustomerKeyMatch> find_customers_by_keys(Connection& c, OrgId org,
                                                     const std::optional<std::string>& name_key,
                                                     const std::optional<std::string>& phone_key,
                                                     std::optional<std::int64_t> exclude_id,
                                                     std::int64_t limit) {
  if (!name_key && !phone_key) return {};
  // Each key alone is an index lookup on (org_id, key); OR of the two stays one (a bitmap OR on
  // PostgreSQL, the OR optimisation on SQLite).
  std::string sql = kSelectByKeys;
  std::vector<Value> params{org.value};
  if (name_key && phone_key) {
    sql += " AND (name_key = ? OR phone_key = ?)";
    params.emplace_back(*name_key);
    params.emplace_back(*phone_key);
  } else if (name_key) {
    sql += " AND name_key = ?";
    params.emplace_back(*name_key);
  } else {
    sql += " AND phone_key = ?";
    params.emplace_back(*phone_key);
  }
  if (exclude_id) {
    sql += " AND id <> ?";
    params.emplace_back(*exclude_id);
  }
  sql += " ORDER BY id LIMIT ?";
  params.emplace_back(limit);
  auto rows = c.query(sql, params);
  std::vector<CustomerKeyMatch> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back({rows.i64(r, 0), rows.str(r, 1), rows.opt_str(r, 2), UserId{rows.i64(r, 3)}});
  }
  return out;
}

std::vector<CustomerWithoutKeys> customers_without_keys(Connection& c, OrgId org) {
  auto rows = c.query(kSelectWithoutKeys, {org.value});
  std::vector<CustomerWithoutKeys> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back({rows.i64(r, 0), rows.str(r, 1), rows.opt_str(r, 2)});
  }
  return out;
}

std::vector<std::int64_t> open_opportunity_ids(Connection& c, OrgId org, std::int64_t customer_id,
                                               UserId owner) {
  auto rows = c.query(kSelectOpenOpportunities, {org.value, customer_id, owner.value});
  std::vector<std::int64_t> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(rows.i64(r, 0));
  return out;
}

std::vector<CustomerSalesRow> customer_sales(Connection& c, OrgId org, Instant from, Instant to) {
  auto rows = c.query(kSelectSales, {to_ms(from), to_ms(to), org.value});
  std::vector<CustomerSalesRow> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    CustomerSalesRow s;
    s.customer_id = rows.i64(r, 0);
    s.tier = rows.opt_str(r, 1);
    s.revenue = Fen{rows.i64(r, 2)};
    s.orders = rows.i64(r, 3);
    if (auto last = rows.opt_i64(r, 4)) s.last_ordered_at = instant_from_ms(*last);
    out.push_back(std::move(s));
  }
  return out;
}

void set_customer_tier(Connection& c, OrgId org, std::int64_t id, const std::string& tier) {
  c.exec(kSetTier, {tier, org.value, id});
}

}  // namespace fupan::store
