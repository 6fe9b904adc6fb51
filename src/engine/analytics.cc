#include "engine/analytics.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

namespace fupan::engine {
namespace {

// Appends to `out` the ids of the payments of `orders`.
void add_payments_of_orders(store::Connection& c, OrgId org,
                            const std::vector<std::int64_t>& orders,
                            std::vector<std::int64_t>& out) {
  constexpr std::size_t kChunk = 200;
  for (std::size_t i = 0; i < orders.size(); i += kChunk) {
    const std::size_t n = std::min(kChunk, orders.size() - i);
    std::string sql = "SELECT id FROM payments WHERE org_id = ? AND order_id IN (";
    std::vector<store::Value> params{org.value};
    for (std::size_t j = 0; j < n; ++j) {
      sql += j ? ",?" : "?";
      params.emplace_back(orders[i + j]);
    }
    sql += ")";
    c.for_each(sql, params, [&](const store::RowCursor& r) { out.push_back(r.i64(0)); });
  }
}

}  // namespace

Analytics::Analytics(store::Database& db, SettingsLoader settings)
    : db_(db), settings_(std::move(settings)) {}

std::unique_ptr<OrgIndex> Analytics::build(OrgId org) {
  const auto started = std::chrono::steady_clock::now();
  auto conn = db_.acquire();
  // One read transaction: the index is a consistent snapshot of the store.
  store::Transaction tx(*conn, false);
  auto index = std::make_unique<OrgIndex>(org, settings_(*conn, org));
  index->load(*conn);
  tx.commit();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  const auto s = index->stats();
  spdlog::info("analytics index of org {} built in {} ms: {} activities, {} orders, {} MB",
               org.value, ms, s.activities, s.orders, s.bytes >> 20);
  return index;
}

std::shared_ptr<Analytics::Entry> Analytics::entry(OrgId org) {
  {
    std::lock_guard lock(entries_mutex_);
    auto it = entries_.find(org);
    if (it != entries_.end() && it->second->index) return it->second;
  }
  // Build outside the map's lock; two first questions at once may both build, the second wins.
  auto built = build(org);
  std::lock_guard lock(entries_mutex_);
  auto& e = entries_[org];
  if (!e) e = std::make_shared<Entry>();
  std::unique_lock index_lock(e->mutex);
  if (!e->index) e->index = std::move(built);
  return e;
}

void Analytics::warm(OrgId org) {
  entry(org);
}

void Analytics::apply(const ChangeSet& changes) {
  {
    std::lock_guard lock(entries_mutex_);
    if (!entries_.contains(changes.org)) return;  // not built yet: it will read the store then
  }
  std::lock_guard serial(apply_mutex_);
  std::shared_ptr<Entry> e = entry(changes.org);
  bool rebuild = changes.settings || changes.ids.contains("pipeline");
  for (const auto& [kind, ids] : changes.ids) {
    for (std::int64_t id : ids) rebuild = rebuild || id == 0;
  }
  if (rebuild) {
    auto fresh = build(changes.org);
    std::unique_lock lock(e->mutex);
    e->index = std::move(fresh);
    return;
  }
  // Read the changed rows as they are now, then change the index under its lock. Ids not found
  // were deleted.
  auto conn = db_.acquire();
  const OrgId org = changes.org;
  std::unordered_map<std::string, std::vector<std::int64_t>> asked = changes.ids;
  auto ids_of = [&](const char* kind) -> IdFilter {
    auto it = asked.find(kind);
    if (it == asked.end()) return std::nullopt;
    return it->second;
  };
  std::vector<CustomerRow> customers;
  std::vector<OrderRow> orders;
  std::unordered_map<std::int64_t, std::vector<LineFact>> lines;
  std::vector<PaymentRow> payments;
  std::vector<OpportunityRow> opportunities;
  std::vector<ActivityRow> activities;
  std::vector<CostRow> costs;
  std::optional<std::vector<StageRow>> stages;
  {
    store::Transaction tx(*conn, false);
    if (auto ids = ids_of("customer")) {
      load_customers(*conn, org, ids, [&](const CustomerRow& r) { customers.push_back(r); });
    }
    if (auto ids = ids_of("order")) {
      load_orders(*conn, org, ids, [&](const OrderRow& r) { orders.push_back(r); });
      load_order_lines(*conn, org, ids, [&](const LineRow& r) {
        lines[r.order].push_back({r.product, r.total});
      });
      // A change of an order's owner or customer moves its payments along (order_rules.cc)
      // without a note of their own: read the order's payments again too.
      add_payments_of_orders(*conn, org, *ids, asked["payment"]);
    }
    if (auto ids = ids_of("payment")) {
      load_payments(*conn, org, ids, [&](const PaymentRow& r) { payments.push_back(r); });
    }
    if (auto ids = ids_of("opportunity")) {
      // The first opportunity of an org without a default pipeline makes one (or promotes its
      // only pipeline) with no note of a pipeline change: read the stages again with it. Stages
      // of pipelines that did not change keep their places, so nothing indexed moves.
      stages = load_stages(*conn, org);
      load_opportunities(*conn, org, ids,
                         [&](const OpportunityRow& r) { opportunities.push_back(r); });
    }
    if (auto ids = ids_of("activity")) {
      load_activities(*conn, org, ids, [&](const ActivityRow& r) { activities.push_back(r); });
    }
    if (auto ids = ids_of("cost")) {
      load_costs(*conn, org, ids, [&](const CostRow& r) { costs.push_back(r); });
    }
    tx.commit();
  }
  // Puts the rows read and removes the ids asked for but not read.
  auto settle = [&](const char* kind, const auto& rows, auto&& put, auto&& remove) {
    auto ids = ids_of(kind);
    if (!ids) return;
    std::unordered_set<std::int64_t> seen;
    for (const auto& r : rows) {
      seen.insert(r.id);
      put(r);
    }
    for (std::int64_t id : *ids) {
      if (!seen.contains(id)) remove(id);
    }
  };
  std::unique_lock lock(e->mutex);
  OrgIndex& index = *e->index;
  // Customers first (orders refer to them), then orders before their payments.
  settle(
      "customer", customers, [&](const CustomerRow& r) { index.put_customer(r); },
      [&](std::int64_t id) { index.remove_customer(id); });
  settle(
      "order", orders, [&](const OrderRow& r) { index.put_order(r, lines[r.id]); },
      [&](std::int64_t id) { index.remove_order(id); });
  settle(
      "payment", payments, [&](const PaymentRow& r) { index.put_payment(r); },
      [&](std::int64_t id) { index.remove_payment(id); });
  if (stages) index.set_stages(*stages);
  settle(
      "opportunity", opportunities, [&](const OpportunityRow& r) { index.put_opportunity(r); },
      [&](std::int64_t id) { index.remove_opportunity(id); });
  settle(
      "activity", activities, [&](const ActivityRow& r) { index.put_activity(r); },
      [&](std::int64_t id) { index.remove_activity(id); });
  settle(
      "cost", costs, [&](const CostRow& r) { index.put_cost(r); },
      [&](std::int64_t id) { index.remove_cost(id); });
}

}  // namespace fupan::engine
