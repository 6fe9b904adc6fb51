#include "service/crm/customer_timeline.h"

#include <algorithm>

#include "service/crm/entity_access.h"
#include "service/crm/entity_service.h"
#include "service/crm/ref_names.h"
#include "store/customer_store.h"
#include "store/entity_store.h"

namespace fupan::service {
namespace {

constexpr std::size_t kTimelineItems = 300;
constexpr std::int64_t kPerKind = 300;

struct Event {
  Instant at;
  std::string kind, event;
  const EntityRecord* record = nullptr;
  const store::CustomerTransfer* transfer = nullptr;
};

// The records of `kind` about the customer that the actor sees, newest first.
std::vector<EntityRecord> records_of(store::Connection& c, const Actor& actor,
                                     std::string_view kind_name, std::int64_t customer,
                                     std::string_view date_column) {
  const EntityKind& kind = *find_entity_kind(kind_name);
  store::EntityQuery q;
  q.where = "t.customer_id = ?";
  q.params.emplace_back(customer);
  SqlCondition visible = visible_condition(actor, kind);
  if (!visible.sql.empty()) {
    q.where += " AND (" + visible.sql + ")";
    q.params.insert(q.params.end(), visible.params.begin(), visible.params.end());
  }
  q.order_by = "t." + std::string(date_column) + " DESC, t.id DESC";
  q.limit = kPerKind;
  return store::query_entities(c, actor.org, kind, q);
}

Instant instant_of(const EntityRecord& r, std::string_view field) {
  return instant_from_ms(r.integer(field).value_or(to_ms(r.created_at)));
}

}  // namespace

Result<CustomerTimeline> customer_timeline(const Context& ctx, const Actor& actor,
                                           std::int64_t id) {
  static const EntityKind& customers = *find_entity_kind("customer");
  auto customer = get_entity(ctx, actor, customers, id);
  if (!customer.ok()) return customer.error();
  std::vector<EntityRecord> activities, opportunities, orders, payments;
  std::vector<store::CustomerTransfer> transfers;
  CustomerTimeline out;
  out.customer_id = id;
  {
    auto conn = ctx.db.acquire();
    activities = records_of(*conn, actor, "activity", id, "started_at");
    opportunities = records_of(*conn, actor, "opportunity", id, "created_at");
    orders = records_of(*conn, actor, "order", id, "ordered_at");
    payments = records_of(*conn, actor, "payment", id, "received_at");
    transfers = store::list_customer_transfers(*conn, actor.org, id);
    for (const auto* list : {&activities, &opportunities, &orders, &payments}) {
      for (const EntityRecord& r : *list) out.names.collect(r);
    }
    load_ref_names(*conn, actor.org, out.names);
  }
  std::vector<Event> events;
  events.push_back({customer->created_at, "customer", "created", &*customer, nullptr});
  for (const EntityRecord& r : activities) {
    events.push_back({instant_of(r, "started_at"), "activity", r.text("type"), &r, nullptr});
  }
  for (const EntityRecord& r : opportunities) {
    events.push_back({r.created_at, "opportunity", "created", &r, nullptr});
    const std::string status = r.text("status");
    if ((status == "won" || status == "lost") && !r.is_null("closed_at")) {
      events.push_back({instant_of(r, "closed_at"), "opportunity", status, &r, nullptr});
    }
  }
  for (const EntityRecord& r : orders) {
    events.push_back({instant_of(r, "ordered_at"), "order", "ordered", &r, nullptr});
  }
  for (const EntityRecord& r : payments) {
    events.push_back({instant_of(r, "received_at"), "payment", "received", &r, nullptr});
  }
  for (const store::CustomerTransfer& t : transfers) {
    events.push_back({t.at, "transfer", "transferred", nullptr, &t});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.at > b.at; });
  if (events.size() > kTimelineItems) events.resize(kTimelineItems);

  out.next_follow_up = customer->text("next_follow_up");
  out.follow_up_overdue =
      !out.next_follow_up.empty() && out.next_follow_up < format_date(actor.today);
  out.items.reserve(events.size());
  for (const Event& e : events) {
    TimelineItem& item = out.items.emplace_back();
    item.at = e.at;
    item.kind = e.kind;
    item.event = e.event;
    if (e.record) item.record = *e.record;
    if (e.transfer) item.transfer = *e.transfer;
  }
  return out;
}

}  // namespace fupan::service
