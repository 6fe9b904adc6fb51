// /api/commissions/statements, /export, /adjustments and /approve: each person's commission
// statement of a month or a quarter, approved by a director (docs/performance.md); thin handlers
// over service/performance/commission_statements.
#include "domain/performance/commission_json.h"
#include "http/app.h"
#include "http/routes/commissions_io.h"
#include "service/performance/commission_export.h"
#include "service/performance/commission_statements.h"

namespace fupan::http {

void add_commission_statement_routes(App& app) {
  // ?period= → {period, from, to, plan, items:[statement summary]}
  app.api("GET", "/api/commissions/statements", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"period"}));
    auto list = service::list_statements(app.ctx(), call.actor, query_text(call.req, "period"));
    if (!list.ok()) return as_query_error(list.error());
    JsonWriter w;
    w.begin_object();
    w.field("period", list->period.label);
    w.field("from", format_date(list->period.start));
    w.field("to", format_date(list->period.end - std::chrono::days{1}));
    w.key("plan");
    list->plan ? performance::write_plan(w, *list->plan) : w.null();
    w.key("items").begin_array();
    for (const auto& v : list->items) write_statement_summary(w, v, *call.actor.snapshot);
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // ?period= → the statement of user {id} with its lines
  app.api("GET", "/api/commissions/statements/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_TRY(only_params(call.req, {"period"}));
    auto v = service::get_statement(app.ctx(), call.actor, id, query_text(call.req, "period"));
    if (!v.ok()) {
      if (v.error().code == ErrorCode::not_found) return v.error();
      return as_query_error(v.error());
    }
    JsonWriter w;
    write_statement(w, *v, *call.actor.snapshot);
    return json_text(std::move(w).str());
  });

  // ?period= → .xlsx: the people's totals and every line, for payroll
  app.api("GET", "/api/commissions/export", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"period"}));
    auto file = service::export_statements(app.ctx(), call.actor, query_text(call.req, "period"));
    if (!file.ok()) return as_query_error(file.error());
    return xlsx_response(std::move(file->book), call.req);
  });

  // {user_id, period, amount, reason} → 201 {user_id, period, amount, reason, by, at}
  app.api("POST", "/api/commissions/adjustments", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::AdjustmentInput in;
    in.user_id = f.required_integer("user_id");
    in.period = f.required_str("period");
    in.amount = f.required_integer("amount");
    in.reason = f.required_str("reason");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto a, service::add_adjustment(app.ctx(), call.actor, in));
    JsonWriter w;
    w.begin_object();
    w.field("user_id", in.user_id);
    w.field("period", in.period);
    w.field("amount", a.amount);
    w.field("reason", a.reason);
    w.field("by", a.by.value);
    w.field("at", format_rfc3339(a.at));
    w.end_object();
    return json_text(std::move(w).str(), 201);
  });

  // {period} → {period, approved: n}
  app.api("POST", "/api/commissions/approve", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    const auto period = f.required_str("period");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto n, service::approve_statements(app.ctx(), call.actor, period));
    JsonWriter w;
    w.begin_object();
    w.field("period", period);
    w.field("approved", static_cast<std::int64_t>(n));
    w.end_object();
    return json_text(std::move(w).str());
  });
}

}  // namespace fupan::http
