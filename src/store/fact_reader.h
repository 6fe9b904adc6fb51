// Reading the facts the analytics index (src/engine) needs from the store: every row of an org,
// paged by key, or the rows of some ids after a change. Plain SQL, named once per table.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "store/database.h"

namespace fupan::store {

struct CustomerRow {
  std::int64_t id = 0, owner = 0, created_ms = 0, region = 0;
  std::string industry, channel, tier;
};
struct OrderRow {
  std::int64_t id = 0, customer = 0, owner = 0, ordered_ms = 0, total = 0;
  std::string due;  // "YYYY-MM-DD" or ""
  bool cancelled = false;
};
struct LineRow {
  std::int64_t order = 0, product = 0, total = 0;
};
struct PaymentRow {
  std::int64_t id = 0, order = 0, customer = 0, owner = 0, received_ms = 0, amount = 0;
};
struct OpportunityRow {
  std::int64_t id = 0, customer = 0, owner = 0, pipeline = 0, created_ms = 0, closed_ms = 0;
  std::int64_t amount = 0, stage = 0;
  std::string status, expected_close, forecast_category;
  // Its stage history in time order: (stage id, entered_at ms).
  std::vector<std::pair<std::int64_t, std::int64_t>> history;
};
struct ActivityRow {
  std::int64_t id = 0, user = 0, customer = 0, started_ms = 0, satisfaction = 0;
  std::string type;
};
struct CostRow {
  std::int64_t id = 0, scope_id = 0, amount = 0;
  std::string spent_on, scope_type;
};
struct StageFactRow {
  std::int64_t id = 0, pipeline = 0, position = 0, probability = 0;
  bool pipeline_is_default = false;
  std::string kind, name;
  template <class A>
  void io(A& a) {
    a(id);
    a(pipeline);
    a(position);
    a(probability);
    a(pipeline_is_default);
    a(kind);
    a(name);
  }
};

// The lowest and highest id of a table (of all orgs; hi < lo when it is empty).
struct IdSpan {
  std::int64_t lo = 0, hi = -1;
};
IdSpan id_span(store::Connection& c, const std::string& table);
// The ids of the org's users, ascending.
std::vector<std::int64_t> list_user_ids(store::Connection& c, OrgId org);

// Which rows to read: all of the org's, or those with these ids.
using IdFilter = std::optional<std::vector<std::int64_t>>;

void load_customers(store::Connection& c, OrgId org, const IdFilter& ids,
                    const std::function<void(const CustomerRow&)>& sink);
void load_orders(store::Connection& c, OrgId org, const IdFilter& ids,
                 const std::function<void(const OrderRow&)>& sink);
// The lines of the orders (all of the org's, or of these order ids).
void load_order_lines(store::Connection& c, OrgId org, const IdFilter& order_ids,
                      const std::function<void(const LineRow&)>& sink);
void load_payments(store::Connection& c, OrgId org, const IdFilter& ids,
                   const std::function<void(const PaymentRow&)>& sink);
void load_opportunities(store::Connection& c, OrgId org, const IdFilter& ids,
                        const std::function<void(const OpportunityRow&)>& sink);
void load_activities(store::Connection& c, OrgId org, const IdFilter& ids,
                     const std::function<void(const ActivityRow&)>& sink);
void load_costs(store::Connection& c, OrgId org, const IdFilter& ids,
                const std::function<void(const CostRow&)>& sink);
// The ids of the payments of `orders`.
void load_payment_ids_of_orders(store::Connection& c, OrgId org,
                                const std::vector<std::int64_t>& orders,
                                const std::function<void(std::int64_t)>& sink);
std::vector<StageFactRow> load_stages(store::Connection& c, OrgId org);

}  // namespace fupan::store
