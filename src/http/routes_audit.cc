// /api/audit-entries: the audit log, for admins.
#include <boost/json/parse.hpp>

#include "http/app.h"
#include "http/json_io.h"
#include "service/audit_service.h"

namespace fupan::http {
namespace json = boost::json;

namespace {

json::value parsed_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  json::error_code ec;
  json::value v = json::parse(*text, ec);
  return ec ? json::value(nullptr) : v;
}

json::object to_json(const store::AuditRecord& a, json::storage_ptr sp) {
  return json::object({{"id", a.id},
          {"at", format_rfc3339(a.at)},
          {"user_id", a.user ? json::value(a.user->value) : json::value(nullptr)},
          {"action", a.action},
          {"entity", a.entity},
          {"entity_id", a.entity_id ? json::value(*a.entity_id) : json::value(nullptr)},
          {"before", parsed_or_null(a.before_json)},
          {"after", parsed_or_null(a.after_json)},
          {"ip", a.ip}},
                      sp);
}

}  // namespace

void add_audit_routes(App& app) {
  app.api("GET", "/api/audit-entries", [&app](Call& call) -> Response {
    auto page = page_request(call.req);
    if (!page.ok()) return error_response(page.error(), call.req);
    service::AuditFilter filter;
    if (auto* e = call.req.query_param("entity")) filter.entity = *e;
    auto entity_id = query_id(call.req, "entity_id");
    if (!entity_id.ok()) return error_response(entity_id.error(), call.req);
    filter.entity_id = *entity_id;
    auto user = query_id(call.req, "user_id");
    if (!user.ok()) return error_response(user.error(), call.req);
    if (*user) filter.user = UserId{**user};
    auto entries = service::list_audit(app.ctx(), call.actor, *page, filter);
    if (!entries.ok()) return error_response(entries.error(), call.req);
    return page_response(*entries, to_json);
  });
}

}  // namespace fupan::http
