// The CRM resources (/api/customers, /api/contacts, ... /api/costs): the same five thin handlers
// for every kind, over service/crm/entity_service; and /api/schema, which describes them.
#include <algorithm>
#include <cctype>

#include "domain/entity_json.h"
#include "http/app.h"
#include "http/json_io.h"
#include "http/routes/crm_entity_input.h"
#include "http/routes/crm_entity_json.h"
#include "service/crm/entity_service.h"
#include "service/crm/record_history.h"
#include "service/io/export_service.h"

namespace fupan::http {
namespace {

// Reads the list filters: every query parameter but page, page_size, q and sort (and lang for
// an export).
Result<service::ListRequest> list_request(const Request& req, bool export_file = false) {
  auto page = page_request(req);
  if (!page.ok()) return page.error();
  service::ListRequest out;
  out.page = *page;
  for (const auto& [key, value] : req.query) {
    if (key == "page" || key == "page_size" || key == "q" || key == "sort") continue;
    if (export_file && key == "lang") continue;
    std::string field = key;
    bool from = false, to = false;
    if (field.ends_with("_from")) {
      from = true;
      field.resize(field.size() - 5);
    } else if (field.ends_with("_to")) {
      to = true;
      field.resize(field.size() - 3);
    }
    auto it = std::find_if(out.filters.begin(), out.filters.end(),
                           [&](const auto& f) { return f.field == field; });
    if (it == out.filters.end()) {
      out.filters.push_back({field, {}, {}, {}});
      it = out.filters.end() - 1;
    }
    if (from) {
      it->from = value;
    } else if (to) {
      it->to = value;
    } else {
      std::size_t start = 0;
      while (start <= value.size()) {
        std::size_t end = value.find(',', start);
        if (end == std::string::npos) end = value.size();
        if (end > start) it->any_of.push_back(value.substr(start, end - start));
        start = end + 1;
      }
    }
  }
  return out;
}

void add_kind_routes(App& app, const EntityKind& kind) {
  const std::string base = "/api/" + std::string(kind.plural);
  const EntityKind* k = &kind;

  app.api("GET", base, [&app, k](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto req, list_request(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto page, service::list_entities(app.ctx(), call.actor, *k, req));
    return json_text(entity_page_json(service::view_page(app.ctx(), call.actor, std::move(page)),
                                      *call.actor.snapshot));
  });

  app.api("POST", base, [&app, k](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto in, read_entity_input(call.actor, *k, body, true));
    FUPAN_ASSIGN_OR_RETURN(auto r, service::create_entity(app.ctx(), call.actor, *k, in));
    return json_text(entity_json(service::view_entity(app.ctx(), call.actor, std::move(r)),
                                 *call.actor.snapshot),
                     201);
  });

  app.api("GET", base + "/export", [&app, k](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto req, list_request(call.req, true));
    FUPAN_ASSIGN_OR_RETURN(
        auto file, service::export_xlsx(app.ctx(), call.actor, *k, req, prefers_english(call.req)));
    Response r;
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = std::move(file.bytes);
    r.add_header("Content-Disposition", attachment_disposition(file.file_name));
    r.add_header("X-Export-Rows", std::to_string(file.rows));
    return r;
  });

  app.api("GET", base + "/{id}", [&app, k](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto r, service::get_entity(app.ctx(), call.actor, *k, id));
    return json_text(entity_json(service::view_entity(app.ctx(), call.actor, std::move(r)),
                                 *call.actor.snapshot));
  });

  // The record's changes, from the audit log, for anyone who sees it.
  app.api("GET", base + "/{id}/history", [&app, k](Call& call) -> Result<Response> {
    if (auto s = only_params(call.req, {}); !s.ok()) return s.error();
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto history, service::record_history(app.ctx(), call.actor, *k, id));
    return json_text(history_json(history, *call.actor.snapshot));
  });

  app.api("PATCH", base + "/{id}", [&app, k](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto in, read_entity_input(call.actor, *k, body, false));
    FUPAN_ASSIGN_OR_RETURN(auto r, service::update_entity(app.ctx(), call.actor, *k, id, in));
    return json_text(entity_json(service::view_entity(app.ctx(), call.actor, std::move(r)),
                                 *call.actor.snapshot));
  });

  app.api("DELETE", base + "/{id}", [&app, k](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto version, query_version(call.req));
    FUPAN_TRY(service::delete_entity(app.ctx(), call.actor, *k, id, version));
    return no_content();
  });
}

}  // namespace

void add_entity_routes(App& app) {
  app.api("GET", "/api/schema", [](Call&) -> Result<Response> {
    JsonWriter w;
    write_schema(w);
    return json_text(std::move(w).str());
  });
  for (const EntityKind* kind : entity_kinds()) add_kind_routes(app, *kind);
}

}  // namespace fupan::http
