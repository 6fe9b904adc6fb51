// /api/audit-entries: the audit log, for admins.
#include "http/app.h"
#include "http/json_io.h"
#include "service/platform/audit_service.h"

namespace fupan::http {

namespace {

// before/after are JSON text the service wrote, so they are copied as they are.
void raw_or_null(JsonWriter& w, std::string_view name,
                 const std::optional<std::string>& json_text) {
  w.key(name);
  if (json_text) {
    w.raw(*json_text);
  } else {
    w.null();
  }
}

void write_entry(JsonWriter& w, const store::AuditRecord& a) {
  w.begin_object();
  w.field("id", a.id);
  w.field("at", format_rfc3339(a.at));
  w.key("user_id");
  if (a.user) {
    w.value(a.user->value);
  } else {
    w.null();
  }
  w.field("action", a.action);
  w.field("entity", a.entity);
  w.key("entity_id");
  if (a.entity_id) {
    w.value(*a.entity_id);
  } else {
    w.null();
  }
  raw_or_null(w, "before", a.before_json);
  raw_or_null(w, "after", a.after_json);
  w.field("ip", a.ip);
  w.end_object();
}

}  // namespace

void add_audit_routes(App& app) {
  app.api("GET", "/api/audit-entries", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto page, page_request(call.req));
    service::AuditFilter filter;
    if (auto* e = call.req.query_param("entity")) filter.entity = *e;
    FUPAN_ASSIGN_OR_RETURN(auto entity_id, query_id(call.req, "entity_id"));
    filter.entity_id = entity_id;
    FUPAN_ASSIGN_OR_RETURN(auto user, query_id(call.req, "user_id"));
    if (user) filter.user = UserId{*user};
    FUPAN_ASSIGN_OR_RETURN(auto entries, service::list_audit(app.ctx(), call.actor, page, filter));
    return page_response(entries, write_entry);
  });
}

}  // namespace fupan::http
