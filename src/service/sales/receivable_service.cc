#include "service/sales/receivable_service.h"

#include <date/tz.h>

#include <algorithm>

#include "domain/field_values.h"
#include "service/crm/entity_access.h"
#include "store/receivable_store.h"

namespace fupan::service {
namespace {

using std::chrono::days;

// The first instant after `as_of` in the org's zone: midnight that starts the next local day.
Instant end_of_day(LocalDate as_of, const Actor& actor) {
  return start_of(as_of + days(1), zone_of(actor.snapshot->org().timezone));
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

  store::OwedQuery q;
  q.cutoff = end_of_day(out.as_of, actor);
  q.scope = visible_condition(actor, *find_entity_kind("order"));
  q.by_customer = by_customer;
  // Bucket by comparing due dates (ISO text sorts as dates) with the earliest due date of each
  // bucket, which the domain defines.
  q.from_0_30 = format_date(earliest_due_in(AgingBucket::d0_30, out.as_of));
  q.from_31_60 = format_date(earliest_due_in(AgingBucket::d31_60, out.as_of));
  q.from_61_90 = format_date(earliest_due_in(AgingBucket::d61_90, out.as_of));
  q.limit = req.page.page_size;
  q.offset = (req.page.page - 1) * req.page.page_size;

  auto conn = ctx.db.acquire();
  for (store::OwedRow& owed : store::owed_by_group(*conn, actor.org, q)) {
    ReceivableRow row;
    row.aging = {owed.d0_30, owed.d31_60, owed.d61_90, owed.d90_plus};
    row.orders = owed.orders;
    if (owed.is_sum) {
      out.page.total = owed.key;
      out.totals = row;
      continue;
    }
    row.id = owed.key;
    if (by_customer) {
      row.name = owed.name.value_or("");
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
  store::OpenOrderQuery q;
  q.cutoff = end_of_day(out.as_of, actor);
  q.scope = visible_condition(actor, *find_entity_kind("order"));
  q.customer_id = req.customer_id;
  q.owner_id = req.owner_id;
  q.limit = req.page.page_size;
  q.offset = (req.page.page - 1) * req.page.page_size;

  auto conn = ctx.db.acquire();
  out.page.total = store::count_open_orders(*conn, actor.org, q);
  if (q.offset >= out.page.total) return out;
  for (store::OpenOrderRow& row : store::open_orders(*conn, actor.org, q)) {
    OpenOrder o;
    o.id = row.id;
    o.customer_id = row.customer_id;
    o.customer_name = std::move(row.customer_name);
    o.owner_id = row.owner_id;
    o.ordered_at = instant_from_ms(row.ordered_ms);
    if (row.due_date) o.due_date = parse_date(*row.due_date);
    o.total = row.total;
    o.paid = row.paid;
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
