// The CRM resources (/api/customers, /api/contacts, ... /api/costs): the same five thin handlers
// for every kind, over service/crm/entity_service; and /api/schema, which describes them.
#include <algorithm>
#include <cctype>

#include "http/app.h"
#include "http/json_io.h"
#include "service/crm/entity_json.h"
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

  app.api("GET", base, [&app, k](Call& call) -> Response {
    auto req = list_request(call.req);
    if (!req.ok()) return error_response(req.error(), call.req);
    auto page = service::list_entities(app.ctx(), call.actor, *k, *req);
    if (!page.ok()) return error_response(page.error(), call.req);
    return json_text(service::render_page(app.ctx(), call.actor, *page));
  });

  app.api("POST", base, [&app, k](Call& call) -> Response {
    auto body = parse_object(call.req);
    if (!body.ok()) return error_response(body.error(), call.req);
    auto in = service::read_entity_input(call.actor, *k, *body, true);
    if (!in.ok()) return error_response(in.error(), call.req);
    auto r = service::create_entity(app.ctx(), call.actor, *k, *in);
    if (!r.ok()) return error_response(r.error(), call.req);
    return json_text(service::render_entity(app.ctx(), call.actor, *r), 201);
  });

  app.api("GET", base + "/export", [&app, k](Call& call) -> Response {
    auto req = list_request(call.req, true);
    if (!req.ok()) return error_response(req.error(), call.req);
    auto file = service::export_xlsx(app.ctx(), call.actor, *k, *req, prefers_english(call.req));
    if (!file.ok()) return error_response(file.error(), call.req);
    Response r;
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = std::move(file->bytes);
    r.add_header("Content-Disposition", attachment_disposition(file->file_name));
    r.add_header("X-Export-Rows", std::to_string(file->rows));
    return r;
  });

  app.api("GET", base + "/{id}", [&app, k](Call& call) -> Response {
    auto id = path_id(call.req);
    if (!id.ok()) return error_response(id.error(), call.req);
    auto r = service::get_entity(app.ctx(), call.actor, *k, *id);
    if (!r.ok()) return error_response(r.error(), call.req);
    return json_text(service::render_entity(app.ctx(), call.actor, *r));
  });

  // The record's changes, from the audit log, for anyone who sees it.
  app.api("GET", base + "/{id}/history", [&app, k](Call& call) -> Response {
    if (auto s = only_params(call.req, {}); !s.ok()) return error_response(s.error(), call.req);
    auto id = path_id(call.req);
    if (!id.ok()) return error_response(id.error(), call.req);
    auto history = service::record_history(app.ctx(), call.actor, *k, *id);
    if (!history.ok()) return error_response(history.error(), call.req);
    return json_text(std::move(*history));
  });

  app.api("PATCH", base + "/{id}", [&app, k](Call& call) -> Response {
    auto id = path_id(call.req);
    if (!id.ok()) return error_response(id.error(), call.req);
    auto body = parse_object(call.req);
    if (!body.ok()) return error_response(body.error(), call.req);
    auto in = service::read_entity_input(call.actor, *k, *body, false);
    if (!in.ok()) return error_response(in.error(), call.req);
    auto r = service::update_entity(app.ctx(), call.actor, *k, *id, *in);
    if (!r.ok()) return error_response(r.error(), call.req);
    return json_text(service::render_entity(app.ctx(), call.actor, *r));
  });

  app.api("DELETE", base + "/{id}", [&app, k](Call& call) -> Response {
    auto id = path_id(call.req);
    if (!id.ok()) return error_response(id.error(), call.req);
    auto version = query_version(call.req);
    if (!version.ok()) return error_response(version.error(), call.req);
    auto s = service::delete_entity(app.ctx(), call.actor, *k, *id, *version);
    if (!s.ok()) return error_response(s.error(), call.req);
    return no_content();
  });
}

}  // namespace

void add_entity_routes(App& app) {
  app.api("GET", "/api/schema", [](Call&) -> Response {
    JsonWriter w;
    service::write_schema(w);
    return json_text(std::move(w).str());
  });
  for (const EntityKind* kind : entity_kinds()) add_kind_routes(app, *kind);
}

}  // namespace fupan::http
