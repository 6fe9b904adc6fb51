#include "store/fact_reader.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace fupan::store {
namespace {

constexpr std::int64_t kPage = 100'000;

const char* kCustomers =
    "SELECT id, owner_id, created_at, COALESCE(region_id, 0), COALESCE(industry, ''), "
    "COALESCE(channel, ''), COALESCE(tier, '') FROM customers WHERE +org_id = ?";
const char* kOrders =
    "SELECT id, customer_id, owner_id, ordered_at, total, COALESCE(due_date, ''), status "
    "FROM orders WHERE +org_id = ?";
const char* kLines =
    "SELECT order_id, product_id, line_total FROM document_lines WHERE +org_id = ? AND "
    "order_id IS NOT NULL";
const char* kPayments =
    "SELECT id, order_id, customer_id, owner_id, received_at, amount FROM payments WHERE "
    "+org_id = ?";
const char* kOpportunities =
    "SELECT id, customer_id, owner_id, pipeline_id, created_at, COALESCE(closed_at, 0), status, "
    "amount, stage_id, expected_close, forecast_category FROM opportunities WHERE +org_id = ?";
const char* kHistory =
    "SELECT opportunity_id, stage_id, entered_at, id FROM opportunity_stage_history WHERE "
    "+org_id = ?";
const char* kActivities =
    "SELECT id, user_id, customer_id, started_at, type, COALESCE(satisfaction, 0), is_revisit "
    "FROM activities WHERE +org_id = ?";
const char* kCosts =
    "SELECT id, spent_on, scope_type, COALESCE(scope_id, 0), amount FROM costs WHERE +org_id = ?";
const char* kStages =
    "SELECT s.id, s.pipeline_id, s.position, s.kind, s.name, p.is_default, s.probability FROM "
    "pipeline_stages s "
    "JOIN pipelines p ON p.id = s.pipeline_id WHERE s.org_id = ? ORDER BY s.pipeline_id, "
    "s.position, s.id";

// Runs `select` (which ends in "WHERE +org_id = ?") for the given ids of `key`, a few hundred per
// statement so the SQL stays short and the plan an index look-up, handing each row to `row`.
void read_ids(store::Connection& c, OrgId org, const std::string& select, const std::string& key,
              const std::vector<std::int64_t>& ids,
              const std::function<void(const RowCursor&)>& row) {
  constexpr std::size_t kChunk = 200;
  for (std::size_t i = 0; i < ids.size(); i += kChunk) {
    const std::size_t n = std::min(kChunk, ids.size() - i);
    const std::string sql = select + " AND " + key + " IN (" + placeholders(n) + ")";
    std::vector<Value> params{org.value};
    params.insert(params.end(), ids.begin() + i, ids.begin() + i + n);
    c.for_each(sql, params, row);
  }
}

// Reads the rows of `table` that `select` (ending in "WHERE +org_id = ?") picks, in ascending id
// order, by pages of key ranges: no result holds more than a page (PostgreSQL buffers a whole
// result), and no page asks the store to sort: PostgreSQL reads a range in table order, faster
// than walking the key's index, so each page is sorted here. `+org_id` keeps the org's column out
// of index choice (SQLite would otherwise find the org's rows by another index and sort them all
// for every page). With `ids`, reads just those rows, in no particular order.
//
// A second thread reads the pages while this one hands the previous page to `sink`: the store
// produces rows (on PostgreSQL, the server) while the index files them, which takes about as long.
// `sink` must not use the connection.
template <class Row>
void read_rows(store::Connection& c, OrgId org, const std::string& table, const std::string& select,
               const IdFilter& ids, const std::function<void(Row&, const RowCursor&)>& make,
               const std::function<void(const Row&)>& sink) {
  if (ids) {
    Row row;
    read_ids(c, org, select, "id", *ids, [&](const RowCursor& r) {
      make(row, r);
      sink(row);
    });
    return;
  }
  const auto [lo, hi] = id_span(c, table);
  const std::string sql = select + " AND id >= ? AND id < ?";

  std::mutex mu;
  std::condition_variable changed;
  std::deque<std::vector<Row>> pages;   // read, not yet filed; guarded by mu
  bool read_all = false, stop = false;  // guarded by mu
  std::exception_ptr failure;           // the reader's; guarded by mu
  std::thread reader([&] {
    try {
      for (std::int64_t from = lo; from <= hi; from += kPage) {
        std::vector<Row> page;
        c.for_each(sql, std::vector<Value>{org.value, from, from + kPage},
                   [&](const RowCursor& r) { make(page.emplace_back(), r); });
        auto by_id = [](const Row& a, const Row& b) { return a.id < b.id; };
        if (!std::is_sorted(page.begin(), page.end(), by_id)) {
          std::sort(page.begin(), page.end(), by_id);
        }
        std::unique_lock lock(mu);
        changed.wait(lock, [&] { return pages.size() < 2 || stop; });
        if (stop) break;
        pages.push_back(std::move(page));
        changed.notify_all();
      }
    } catch (...) {
      std::lock_guard lock(mu);
      failure = std::current_exception();
    }
    std::lock_guard lock(mu);
    read_all = true;
    changed.notify_all();
  });
  try {
    for (;;) {
      std::vector<Row> page;
      {
        std::unique_lock lock(mu);
        changed.wait(lock, [&] { return !pages.empty() || read_all; });
        if (pages.empty()) break;
        page = std::move(pages.front());
        pages.pop_front();
        changed.notify_all();
      }
      for (const Row& r : page) sink(r);
    }
  } catch (...) {
    {
      std::lock_guard lock(mu);
      stop = true;
      changed.notify_all();
    }
    reader.join();
    throw;
  }
  reader.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

IdSpan id_span(store::Connection& c, const std::string& table) {
  // Two statements: SQLite answers MIN or MAX of the key alone from the B-tree's ends, but scans
  // the table for both in one.
  IdSpan span;
  const std::vector<Value> none;
  c.for_each("SELECT MIN(id) FROM " + table, none, [&](const RowCursor& r) { span.lo = r.i64(0); });
  c.for_each("SELECT MAX(id) FROM " + table, none,
             [&](const RowCursor& r) { span.hi = r.is_null(0) ? -1 : r.i64(0); });
  return span;
}

std::vector<std::int64_t> list_user_ids(store::Connection& c, OrgId org) {
  std::vector<std::int64_t> ids;
  c.for_each("SELECT id FROM users WHERE org_id = ? ORDER BY id", std::vector<Value>{org.value},
             [&](const RowCursor& r) { ids.push_back(r.i64(0)); });
  return ids;
}

void load_customers(store::Connection& c, OrgId org, const IdFilter& ids,
                    const std::function<void(const CustomerRow&)>& sink) {
  read_rows<CustomerRow>(
      c, org, "customers", kCustomers, ids,
      [](CustomerRow& row, const RowCursor& r) {
        row.id = r.i64(0);
        row.owner = r.i64(1);
        row.created_ms = r.i64(2);
        row.region = r.i64(3);
        row.industry.assign(r.text(4));
        row.channel.assign(r.text(5));
        row.tier.assign(r.text(6));
      },
      sink);
}

void load_orders(store::Connection& c, OrgId org, const IdFilter& ids,
                 const std::function<void(const OrderRow&)>& sink) {
  read_rows<OrderRow>(
      c, org, "orders", kOrders, ids,
      [](OrderRow& row, const RowCursor& r) {
        row.id = r.i64(0);
        row.customer = r.i64(1);
        row.owner = r.i64(2);
        row.ordered_ms = r.i64(3);
        row.total = r.i64(4);
        row.due.assign(r.text(5));
        row.cancelled = r.text(6) == "cancelled";
      },
      sink);
}

void load_order_lines(store::Connection& c, OrgId org, const IdFilter& order_ids,
                      const std::function<void(const LineRow&)>& sink) {
  if (!order_ids) {
    // Lines have their own keys; read them in one pass (they are few next to activities).
    c.for_each(kLines, std::vector<Value>{org.value}, [&](const RowCursor& r) {
      sink({r.i64(0), r.i64(1), r.i64(2)});
    });
    return;
  }
  read_ids(c, org, kLines, "order_id", *order_ids, [&](const RowCursor& r) {
    sink({r.i64(0), r.i64(1), r.i64(2)});
  });
}

void load_payments(store::Connection& c, OrgId org, const IdFilter& ids,
                   const std::function<void(const PaymentRow&)>& sink) {
  read_rows<PaymentRow>(
      c, org, "payments", kPayments, ids,
      [](PaymentRow& row, const RowCursor& r) {
        row = {r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.i64(4), r.i64(5)};
      },
      sink);
}

void load_opportunities(store::Connection& c, OrgId org, const IdFilter& ids,
                        const std::function<void(const OpportunityRow&)>& sink) {
  // The stage history first, grouped by opportunity; then each opportunity with its stages. The
  // whole org's history is read in one pass: paging by opportunity_id would cut an opportunity's
  // rows at a page edge.
  struct Step {
    std::int64_t stage, at, id;
  };
  std::unordered_map<std::int64_t, std::vector<Step>> history;
  auto add = [&](const RowCursor& r) {
    history[r.i64(0)].push_back({r.i64(1), r.i64(2), r.i64(3)});
  };
  if (ids) {
    read_ids(c, org, kHistory, "opportunity_id", *ids, add);
  } else {
    c.for_each(kHistory, std::vector<Value>{org.value}, add);
  }
  read_rows<OpportunityRow>(
      c, org, "opportunities", kOpportunities, ids,
      [&](OpportunityRow& row, const RowCursor& r) {
        row.id = r.i64(0);
        row.customer = r.i64(1);
        row.owner = r.i64(2);
        row.pipeline = r.i64(3);
        row.created_ms = r.i64(4);
        row.closed_ms = r.i64(5);
        row.status.assign(r.text(6));
        row.amount = r.i64(7);
        row.stage = r.i64(8);
        row.expected_close.assign(r.text(9));
        row.forecast_category.assign(r.text(10));
        row.history.clear();
        if (auto it = history.find(row.id); it != history.end()) {
          auto& steps = it->second;
          std::sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
            return a.at != b.at ? a.at < b.at : a.id < b.id;
          });
          for (const Step& s : steps) row.history.emplace_back(s.stage, s.at);
        }
      },
      sink);
}

void load_activities(store::Connection& c, OrgId org, const IdFilter& ids,
                     const std::function<void(const ActivityRow&)>& sink) {
  read_rows<ActivityRow>(
      c, org, "activities", kActivities, ids,
      [](ActivityRow& row, const RowCursor& r) {
        row.id = r.i64(0);
        row.user = r.i64(1);
        row.customer = r.i64(2);
        row.started_ms = r.i64(3);
        row.type.assign(r.text(4));
        row.satisfaction = r.i64(6) != 0 ? r.i64(5) : 0;
      },
      sink);
}

void load_costs(store::Connection& c, OrgId org, const IdFilter& ids,
                const std::function<void(const CostRow&)>& sink) {
  read_rows<CostRow>(
      c, org, "costs", kCosts, ids,
      [](CostRow& row, const RowCursor& r) {
        row.id = r.i64(0);
        row.spent_on.assign(r.text(1));
        row.scope_type.assign(r.text(2));
        row.scope_id = r.i64(3);
        row.amount = r.i64(4);
      },
      sink);
}

void load_payment_ids_of_orders(store::Connection& c, OrgId org,
                                const std::vector<std::int64_t>& orders,
                                const std::function<void(std::int64_t)>& sink) {
  read_ids(c, org, "SELECT id FROM payments WHERE +org_id = ?", "order_id", orders,
           [&](const RowCursor& r) { sink(r.i64(0)); });
}

std::vector<StageFactRow> load_stages(store::Connection& c, OrgId org) {
  std::vector<StageFactRow> out;
  c.for_each(kStages, std::vector<Value>{org.value}, [&](const RowCursor& r) {
    out.push_back({.id = r.i64(0),
                   .pipeline = r.i64(1),
                   .position = r.i64(2),
                   .probability = r.i64(6),
                   .pipeline_is_default = r.i64(5) != 0,
                   .kind = std::string(r.text(3)),
                   .name = std::string(r.text(4))});
  });
  return out;
}

}  // namespace fupan::store
