#include "engine/analytics.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <unordered_set>

#include "engine/index_file.h"

namespace fupan::engine {
Analytics::Analytics(store::Database& db, SettingsLoader settings, std::filesystem::path index_dir)
    : db_(db), settings_(std::move(settings)), index_dir_(std::move(index_dir)) {}

std::unique_ptr<OrgIndex> Analytics::build(OrgId org, StoreMark& mark) {
  const auto started = std::chrono::steady_clock::now();
  auto conn = db_.acquire();
  // One read transaction: the index is a consistent snapshot of the store, at `mark`.
  store::Transaction tx(*conn, false);
  auto index = std::make_unique<OrgIndex>(org, settings_(*conn, org));
  index->load(*conn);
  mark = read_store_mark(*conn, org);
  tx.commit();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  const auto s = index->stats();
  spdlog::info("analytics index of org {} built in {} ms: {} activities, {} orders, {} MB",
               org.value, ms, s.activities, s.orders, s.bytes >> 20);
  return index;
}

// The index of `org` from its file, caught up with the changes since; nullptr when there is no
// usable file (the caller builds it from the store).
std::unique_ptr<OrgIndex> Analytics::read_file(OrgId org, StoreMark& mark) {
  if (index_dir_.empty()) return nullptr;
  const auto started = std::chrono::steady_clock::now();
  const auto path = index_file_path(index_dir_, org);
  MetricSettings settings;
  {
    auto conn = db_.acquire();
    settings = settings_(*conn, org);
  }
  std::string why;
  IndexFile file = read_index_file(path, org, settings, why);
  if (!file.index) {
    spdlog::info("analytics index of org {}: {}, reading the store", org.value, why);
    return nullptr;
  }
  std::optional<CatchUp> caught;
  {
    auto conn = db_.acquire();
    store::Transaction tx(*conn, false);
    caught = changes_since(*conn, org, file.mark, kCatchUpLimit);
    tx.commit();
  }
  if (!caught) {
    spdlog::info(
        "analytics index of org {}: {} does not match the store (another store, one put "
        "back to an earlier state, or too many changes since)",
        org.value, path.string());
    return nullptr;
  }
  if (needs_rebuild(caught->changes)) {
    spdlog::info("analytics index of org {}: bulk changes since {} was written", org.value,
                 path.string());
    return nullptr;
  }
  ChangedRows rows = read_changed_rows(caught->changes);
  put_changed_rows(*file.index, rows);
  mark = caught->mark;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  const auto s = file.index->stats();
  spdlog::info(
      "analytics index of org {} read from {} in {} ms and caught up with {} audit entries: {} "
      "activities, {} orders, {} MB",
      org.value, path.string(), ms, caught->entries, s.activities, s.orders, s.bytes >> 20);
  return std::move(file.index);
}

void Analytics::save() {
  if (index_dir_.empty()) return;
  std::lock_guard serial(apply_mutex_);  // no change half applied
  std::vector<std::pair<OrgId, std::shared_ptr<Entry>>> all;
  {
    std::lock_guard lock(entries_mutex_);
    for (const auto& [org, e] : entries_) all.emplace_back(org, e);
  }
  for (const auto& [org, e] : all) {
    std::shared_lock lock(e->mutex);
    if (!e->index) continue;
    const auto started = std::chrono::steady_clock::now();
    const auto path = index_file_path(index_dir_, org);
    try {
      // The newest entry it may hold: a store put back to before it (a backup) refuses the file.
      StoreMark mark = e->mark;
      {
        auto conn = db_.acquire();
        store::Transaction tx(*conn, false);
        mark.head = read_store_mark(*conn, org).head;
        tx.commit();
      }
      write_index_file(path, *e->index, mark);
    } catch (const std::exception& ex) {
      // A cache that cannot be written costs the next start time, not data.
      spdlog::warn("analytics index of org {} not written to {}: {}", org.value, path.string(),
                   ex.what());
      continue;
    }
    spdlog::info("analytics index of org {} written to {} in {} ms", org.value, path.string(),
                 std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - started)
                     .count());
  }
}

std::shared_ptr<Analytics::Entry> Analytics::entry(OrgId org) {
  {
    std::lock_guard lock(entries_mutex_);
    auto it = entries_.find(org);
    if (it != entries_.end() && it->second->index) return it->second;
  }
  // Build outside the map's lock; two first questions at once may both build, the second wins.
  StoreMark mark;
  Source source = Source::file;
  auto built = read_file(org, mark);
  if (!built) {
    source = Source::store;
    built = build(org, mark);
  }
  std::lock_guard lock(entries_mutex_);
  auto& e = entries_[org];
  if (!e) e = std::make_shared<Entry>();
  std::unique_lock index_lock(e->mutex);
  if (!e->index) {
    e->index = std::move(built);
    e->mark = mark;
    e->source = source;
  }
  return e;
}

Analytics::Source Analytics::warm(OrgId org) {
  return entry(org)->source;
}

bool Analytics::needs_rebuild(const ChangeSet& changes) {
  if (changes.settings || changes.ids.contains("pipeline")) return true;
  for (const auto& [kind, ids] : changes.ids) {
    for (std::int64_t id : ids) {
      if (id == 0) return true;
    }
  }
  return false;
}

void Analytics::apply(const ChangeSet& changes) {
  {
    std::lock_guard lock(entries_mutex_);
    if (!entries_.contains(changes.org)) return;  // not built yet: it will read the store then
  }
  std::shared_ptr<Entry> e = entry(changes.org);
  const bool bulk = needs_rebuild(changes);
  {
    // While the org's index is built again, a change goes to the old index (its writer sees it at
    // once) and, later, to the new one; a bulk change asks for one more build.
    std::lock_guard lock(e->rebuild_mutex);
    if (e->rebuilding) {
      if (bulk) {
        e->build_again = true;
        return;
      }
      e->pending.push_back(changes);
    } else {
      e->rebuilding = bulk;
    }
  }
  if (bulk) return rebuild(changes.org, *e);
  std::lock_guard serial(apply_mutex_);
  ChangedRows rows = read_changed_rows(changes);
  std::unique_lock lock(e->mutex);
  put_changed_rows(*e->index, rows);
}

// Builds the org's index again from the store while questions go on being answered from the old
// one and other writers go on committing (a large org takes seconds), then applies the changes
// that arrived meanwhile to the new index and swaps it in.
void Analytics::rebuild(OrgId org, Entry& e) {
  for (;;) {
    StoreMark mark;
    std::unique_ptr<OrgIndex> fresh;
    try {
      fresh = build(org, mark);
    } catch (...) {
      end_rebuild(e);
      throw;
    }
    std::lock_guard serial(apply_mutex_);
    std::size_t caught_up = 0;
    bool again = false;
    // Changes noted during the build, batch by batch: once none is left the build is over, and a
    // later change takes the usual way, after the swap (it waits for apply_mutex_).
    for (;;) {
      std::vector<ChangeSet> pending;
      {
        std::lock_guard lock(e.rebuild_mutex);
        again = e.build_again;
        e.build_again = false;
        pending.swap(e.pending);
        if (pending.empty() && !again) {
          e.rebuilding = false;
          break;
        }
      }
      if (again) break;
      try {
        for (const ChangeSet& c : pending) {
          ChangedRows rows = read_changed_rows(c);
          put_changed_rows(*fresh, rows);
        }
      } catch (...) {
        end_rebuild(e);  // the old index stays: it has these changes already
        throw;
      }
      caught_up += pending.size();
    }
    if (again) continue;  // a bulk change the build may have missed: start over
    if (caught_up) {
      spdlog::info("analytics index of org {}: {} changes committed during its build applied",
                   org.value, caught_up);
    }
    std::unique_lock lock(e.mutex);
    e.index = std::move(fresh);
    e.mark = mark;
    e.source = Source::store;
    return;
  }
}

// Gives up a rebuild that failed: the old index stays, holding every change but the bulk one.
void Analytics::end_rebuild(Entry& e) {
  std::lock_guard lock(e.rebuild_mutex);
  e.rebuilding = false;
  e.build_again = false;
  e.pending.clear();
}

// Reads the changed rows as they are now. Ids not found were deleted.
Analytics::ChangedRows Analytics::read_changed_rows(const ChangeSet& changes) {
  ChangedRows out;
  out.asked = changes.ids;
  auto conn = db_.acquire();
  const OrgId org = changes.org;
  auto ids_of = [&](const char* kind) -> store::IdFilter {
    auto it = out.asked.find(kind);
    if (it == out.asked.end()) return std::nullopt;
    return it->second;
  };
  store::Transaction tx(*conn, false);
  if (auto ids = ids_of("customer")) {
    store::load_customers(*conn, org, ids,
                          [&](const store::CustomerRow& r) { out.customers.push_back(r); });
  }
  if (auto ids = ids_of("order")) {
    store::load_orders(*conn, org, ids, [&](const store::OrderRow& r) { out.orders.push_back(r); });
    store::load_order_lines(*conn, org, ids, [&](const store::LineRow& r) {
      out.lines[r.order].push_back({r.product, r.total});
    });
    // A change of an order's owner or customer moves its payments along (order_rules.cc): read
    // the order's payments again too.
    auto& payments = out.asked["payment"];
    store::load_payment_ids_of_orders(*conn, org, *ids,
                                      [&](std::int64_t id) { payments.push_back(id); });
  }
  if (auto ids = ids_of("payment")) {
    store::load_payments(*conn, org, ids,
                         [&](const store::PaymentRow& r) { out.payments.push_back(r); });
  }
  if (auto ids = ids_of("opportunity")) {
    // The first opportunity of an org without a default pipeline makes one (or promotes its
    // only pipeline) with no note of a pipeline change: read the stages again with it. Stages
    // of pipelines that did not change keep their places, so nothing indexed moves.
    out.stages = store::load_stages(*conn, org);
    store::load_opportunities(
        *conn, org, ids, [&](const store::OpportunityRow& r) { out.opportunities.push_back(r); });
  }
  if (auto ids = ids_of("activity")) {
    store::load_activities(*conn, org, ids,
                           [&](const store::ActivityRow& r) { out.activities.push_back(r); });
  }
  if (auto ids = ids_of("cost")) {
    store::load_costs(*conn, org, ids, [&](const store::CostRow& r) { out.costs.push_back(r); });
  }
  tx.commit();
  return out;
}

// Puts the rows read and removes the ids asked for but not read.
void Analytics::put_changed_rows(OrgIndex& index, ChangedRows& rows) {
  auto settle = [&](const char* kind, const auto& read, auto&& put, auto&& remove) {
    auto it = rows.asked.find(kind);
    if (it == rows.asked.end()) return;
    std::unordered_set<std::int64_t> seen;
    for (const auto& r : read) {
      seen.insert(r.id);
      put(r);
    }
    for (std::int64_t id : it->second) {
      if (!seen.contains(id)) remove(id);
    }
  };
  // Customers first (orders refer to them), then orders before their payments.
  settle(
      "customer", rows.customers, [&](const store::CustomerRow& r) { index.put_customer(r); },
      [&](std::int64_t id) { index.remove_customer(id); });
  settle(
      "order", rows.orders, [&](const store::OrderRow& r) { index.put_order(r, rows.lines[r.id]); },
      [&](std::int64_t id) { index.remove_order(id); });
  settle(
      "payment", rows.payments, [&](const store::PaymentRow& r) { index.put_payment(r); },
      [&](std::int64_t id) { index.remove_payment(id); });
  if (rows.stages) index.set_stages(*rows.stages);
  settle(
      "opportunity", rows.opportunities,
      [&](const store::OpportunityRow& r) { index.put_opportunity(r); },
      [&](std::int64_t id) { index.remove_opportunity(id); });
  settle(
      "activity", rows.activities, [&](const store::ActivityRow& r) { index.put_activity(r); },
      [&](std::int64_t id) { index.remove_activity(id); });
  settle(
      "cost", rows.costs, [&](const store::CostRow& r) { index.put_cost(r); },
      [&](std::int64_t id) { index.remove_cost(id); });
}

}  // namespace fupan::engine
