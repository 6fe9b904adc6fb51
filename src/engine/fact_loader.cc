#include "engine/fact_loader.h"

#include <algorithm>
#include <unordered_map>

namespace fupan::engine {
namespace {

using store::RowCursor;
using store::Value;

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

// `+org_id` keeps the org's column out of index choice: pages walk the primary key in order
// instead of sorting the org's rows found by another index (SQLite would, for every page).
// Runs `select` (which ends in "WHERE +org_id = ?" on `key`) for the whole org, a page of keys at a
// time, or for the given ids, and hands each row to `row`.
void read(store::Connection& c, OrgId org, const std::string& select, const std::string& key,
          const IdFilter& ids, const std::function<void(const RowCursor&)>& row) {
  if (ids) {
    // A few hundred ids per statement keeps the SQL short and the plan an index lookup.
    constexpr std::size_t kChunk = 200;
    for (std::size_t i = 0; i < ids->size(); i += kChunk) {
      const std::size_t n = std::min(kChunk, ids->size() - i);
      std::string sql = select + " AND " + key + " IN (";
      std::vector<Value> params{org.value};
      for (std::size_t j = 0; j < n; ++j) {
        sql += j ? ",?" : "?";
        params.emplace_back((*ids)[i + j]);
      }
      sql += ")";
      c.for_each(sql, params, row);
    }
    return;
  }
  // Keyset pages: PostgreSQL buffers a whole result, so no result holds more than one page.
  const std::string sql = select + " AND " + key + " > ? ORDER BY " + key + " LIMIT ?";
  std::int64_t after = -1;
  for (;;) {
    std::int64_t count = 0, last = after;
    c.for_each(sql, std::vector<Value>{org.value, after, kPage}, [&](const RowCursor& r) {
      ++count;
      last = r.i64(0);
      row(r);
    });
    if (count < kPage) break;
    after = last;
  }
}

}  // namespace

void load_customers(store::Connection& c, OrgId org, const IdFilter& ids,
                    const std::function<void(const CustomerRow&)>& sink) {
  CustomerRow row;
  read(c, org, kCustomers, "id", ids, [&](const RowCursor& r) {
    row.id = r.i64(0);
    row.owner = r.i64(1);
    row.created_ms = r.i64(2);
    row.region = r.i64(3);
    row.industry.assign(r.text(4));
    row.channel.assign(r.text(5));
    row.tier.assign(r.text(6));
    sink(row);
  });
}

void load_orders(store::Connection& c, OrgId org, const IdFilter& ids,
                 const std::function<void(const OrderRow&)>& sink) {
  OrderRow row;
  read(c, org, kOrders, "id", ids, [&](const RowCursor& r) {
    row.id = r.i64(0);
    row.customer = r.i64(1);
    row.owner = r.i64(2);
    row.ordered_ms = r.i64(3);
    row.total = r.i64(4);
    row.due.assign(r.text(5));
    row.cancelled = r.text(6) == "cancelled";
    sink(row);
  });
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
  read(c, org, kLines, "order_id", order_ids, [&](const RowCursor& r) {
    sink({r.i64(0), r.i64(1), r.i64(2)});
  });
}

void load_payments(store::Connection& c, OrgId org, const IdFilter& ids,
                   const std::function<void(const PaymentRow&)>& sink) {
  read(c, org, kPayments, "id", ids, [&](const RowCursor& r) {
    sink({r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.i64(4), r.i64(5)});
  });
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
    read(c, org, kHistory, "opportunity_id", ids, add);
  } else {
    c.for_each(kHistory, std::vector<Value>{org.value}, add);
  }
  OpportunityRow row;
  read(c, org, kOpportunities, "id", ids, [&](const RowCursor& r) {
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
    sink(row);
  });
}

void load_activities(store::Connection& c, OrgId org, const IdFilter& ids,
                     const std::function<void(const ActivityRow&)>& sink) {
  ActivityRow row;
  read(c, org, kActivities, "id", ids, [&](const RowCursor& r) {
    row.id = r.i64(0);
    row.user = r.i64(1);
    row.customer = r.i64(2);
    row.started_ms = r.i64(3);
    row.type = r.text(4);
    row.satisfaction = r.i64(6) != 0 ? r.i64(5) : 0;
    sink(row);
  });
}

void load_costs(store::Connection& c, OrgId org, const IdFilter& ids,
                const std::function<void(const CostRow&)>& sink) {
  CostRow row;
  read(c, org, kCosts, "id", ids, [&](const RowCursor& r) {
    row.id = r.i64(0);
    row.spent_on.assign(r.text(1));
    row.scope_type.assign(r.text(2));
    row.scope_id = r.i64(3);
    row.amount = r.i64(4);
    sink(row);
  });
}

std::vector<StageRow> load_stages(store::Connection& c, OrgId org) {
  std::vector<StageRow> out;
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

}  // namespace fupan::engine
