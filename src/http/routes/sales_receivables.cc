// Receivables 应收/外欠: GET /api/receivables (aged, grouped by customer or owner) and
// GET /api/receivables/orders (the open orders behind a group), over
// service/sales/receivable_service.
#include <algorithm>

#include "http/app.h"
#include "http/json_io.h"
#include "service/sales/receivable_service.h"

namespace fupan::http {
namespace {

Result<std::optional<LocalDate>> query_as_of(const Request& req) {
  const std::string* v = req.query_param("as_of");
  if (!v) return std::optional<LocalDate>{};
  auto d = parse_date(*v);
  if (!d) return query_error("as_of", detail::date);
  return std::optional<LocalDate>{*d};
}

void write_aging(JsonWriter& w, const service::ReceivableRow& row) {
  w.field("total", row.aging.total());
  w.field("d0_30", row.aging.d0_30);
  w.field("d31_60", row.aging.d31_60);
  w.field("d61_90", row.aging.d61_90);
  w.field("d90_plus", row.aging.d90_plus);
  w.field("orders", row.orders);
}

}  // namespace

void add_receivable_routes(App& app) {
  // ?group_by=customer|owner (default owner) &as_of=YYYY-MM-DD (default today) &page &page_size
  app.api("GET", "/api/receivables", [&app](Call& call) -> Result<Response> {
    const Request& req = call.req;
    if (auto s = only_params(req, {"group_by", "as_of", "page", "page_size"}, detail::not_a_filter);
        !s.ok())
      return s.error();
    service::ReceivableRequest in;
    if (const std::string* g = req.query_param("group_by")) {
      if (*g == "customer") {
        in.group_by = service::ReceivableGroup::customer;
      } else if (*g != "owner") {
        return query_error("group_by", detail::receivables_group);
      }
    }
    FUPAN_ASSIGN_OR_RETURN(auto as_of, query_as_of(req));
    in.as_of = as_of;
    FUPAN_ASSIGN_OR_RETURN(auto page, page_request(req));
    in.page = page;
    FUPAN_ASSIGN_OR_RETURN(auto report, service::receivables(app.ctx(), call.actor, in));

    JsonWriter w;
    w.begin_object();
    w.field("as_of", format_date(report.as_of));
    w.field("group_by",
            report.group_by == service::ReceivableGroup::customer ? "customer" : "owner");
    w.key("items").begin_array();
    for (const auto& row : report.page.items) {
      w.begin_object();
      w.field("id", row.id);
      w.field("name", row.name);
      write_aging(w, row);
      w.end_object();
    }
    w.end_array();
    w.key("totals").begin_object();
    write_aging(w, report.totals);
    w.end_object();
    w.field("total", report.page.total);
    w.field("page", report.page.page);
    w.field("page_size", report.page.page_size);
    w.end_object();
    return json_text(std::move(w).str());
  });

  // ?customer_id= &owner_id= &as_of= &page &page_size
  app.api("GET", "/api/receivables/orders", [&app](Call& call) -> Result<Response> {
    const Request& req = call.req;
    if (auto s = only_params(req, {"customer_id", "owner_id", "as_of", "page", "page_size"},
                             detail::not_a_filter);
        !s.ok())
      return s.error();
    service::OpenOrdersRequest in;
    FUPAN_ASSIGN_OR_RETURN(auto customer, query_id(req, "customer_id"));
    if (customer) in.customer_id = CustomerId{*customer};
    FUPAN_ASSIGN_OR_RETURN(auto owner, query_id(req, "owner_id"));
    if (owner) in.owner_id = UserId{*owner};
    FUPAN_ASSIGN_OR_RETURN(auto as_of, query_as_of(req));
    in.as_of = as_of;
    FUPAN_ASSIGN_OR_RETURN(auto page, page_request(req));
    in.page = page;
    FUPAN_ASSIGN_OR_RETURN(auto report, service::open_orders(app.ctx(), call.actor, in));

    const OrgSnapshot& org = *call.actor.snapshot;
    JsonWriter w;
    w.begin_object();
    w.field("as_of", format_date(report.as_of));
    w.key("items").begin_array();
    for (const auto& o : report.page.items) {
      w.begin_object();
      w.field("id", o.id);
      w.field("customer_id", o.customer_id);
      w.field("customer_name", o.customer_name);
      w.field("owner_id", o.owner_id);
      w.key("owner_name");
      if (const UserRecord* u = org.user(UserId{o.owner_id})) {
        w.value(u->display_name);
      } else {
        w.null();
      }
      w.field("ordered_at", format_rfc3339(o.ordered_at));
      w.key("due_date");
      if (o.due_date) {
        w.value(format_date(*o.due_date));
      } else {
        w.null();
      }
      w.field("total", o.total);
      w.field("paid", o.paid);
      w.field("outstanding", o.outstanding);
      w.field("days_past_due", o.days_past_due);
      w.field("bucket", service::bucket_name(o.bucket));
      w.end_object();
    }
    w.end_array();
    w.field("total", report.page.total);
    w.field("page", report.page.page);
    w.field("page_size", report.page.page_size);
    w.end_object();
    return json_text(std::move(w).str());
  });
}

}  // namespace fupan::http
