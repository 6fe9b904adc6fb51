#include "service/crm/entity_service.h"

#include <algorithm>

#include "core/text_parse.h"
#include "domain/entity_json.h"
#include "domain/field_values.h"
#include "service/crm/entity_access.h"
#include "service/crm/entity_rules.h"
#include "service/crm/ref_names.h"
#include "service/platform/write.h"

namespace fupan::service {
namespace {

const EntityKind* store_kind(RefKind r) {
  switch (r) {
    case RefKind::customer:
      return find_entity_kind("customer");
    case RefKind::contact:
      return find_entity_kind("contact");
    case RefKind::opportunity:
      return find_entity_kind("opportunity");
    case RefKind::product:
      return find_entity_kind("product");
    case RefKind::order:
      return find_entity_kind("order");
    case RefKind::quote:
      return find_entity_kind("quote");
    default:
      return nullptr;
  }
}

bool exists_in_org(store::Connection& c, OrgId org, const char* table, std::int64_t id) {
  return store::record_exists(c, org, table, id);
}

std::string escape_like(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

// The store column for a sort or filter name: a field, or a common column.
bool is_common_column(std::string_view name) {
  return name == "id" || name == "created_at" || name == "updated_at";
}

Result<store::Value> filter_value(const Field& f, const std::string& text,
                                  const date::time_zone* tz) {
  auto v = value_from_text(f, text, tz);
  if (!v.ok()) return Error{ErrorCode::invalid_query, std::string(f.name), v.error().detail, {}};
  if (std::holds_alternative<std::monostate>(*v))
    return Error{ErrorCode::invalid_query, std::string(f.name), detail::blank, {}};
  return store::to_store(*v);
}

// Runs the generic checks and the kind's rules for a record about to be written.
Status check_record(WriteScope& ws, const EntityRecord* before, EntityRecord& r) {
  const EntityKind& kind = *r.kind;
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    const Field& f = kind.fields[i];
    if (f.required && f.writable && std::holds_alternative<std::monostate>(r.values[i]))
      return Error::missing(std::string(f.name));
  }
  FUPAN_TRY(check_references(ws.conn, ws.actor, before, r));
  return rules_of(kind).prepare(ws, before, r);
}

}  // namespace

Result<store::EntityQuery> build_list_query(const Actor& actor, const EntityKind& kind,
                                            const ListRequest& req) {
  const date::time_zone* tz = zone_of(actor.snapshot->org().timezone);
  store::EntityQuery q;
  SqlCondition scope = visible_condition(actor, kind);
  std::vector<std::string> parts;
  if (!scope.sql.empty()) {
    parts.push_back(scope.sql);
    q.params = scope.params;
  }
  for (const ListFilter& lf : req.filters) {
    const Field* f = kind.field(lf.field);
    if (!f || !f->filterable)
      return Error{ErrorCode::invalid_query, lf.field, detail::not_a_filter, {}};
    const std::string col = "t." + std::string(f->name);
    if (!lf.any_of.empty()) {
      if (f->type == FieldType::tags) {
        std::string sql;
        for (const std::string& tag : lf.any_of) {
          sql += (sql.empty() ? "" : " OR ") + std::string("(',' || ") + col +
                 " || ',') LIKE ? ESCAPE '\\'";
          q.params.emplace_back("%," + escape_like(tag) + ",%");
        }
        parts.push_back(sql);
        continue;
      }
      std::string sql = col + " IN (";
      for (std::size_t i = 0; i < lf.any_of.size(); ++i) {
        auto v = filter_value(*f, lf.any_of[i], tz);
        if (!v.ok()) return v.error();
        sql += i ? ", ?" : "?";
        q.params.push_back(std::move(*v));
      }
      parts.push_back(sql + ")");
    }
    if (lf.from) {
      auto v = filter_value(*f, *lf.from, tz);
      if (!v.ok()) return v.error();
      parts.push_back(col + " >= ?");
      q.params.push_back(std::move(*v));
    }
    if (lf.to) {
      auto v = filter_value(*f, *lf.to, tz);
      if (!v.ok()) return v.error();
      // A date as the end of a time range means the whole of that day.
      if (f->type == FieldType::instant && parse_date_text(*lf.to)) {
        parts.push_back(col + " < ?");
        q.params.emplace_back(std::get<std::int64_t>(*v) + 24LL * 3600 * 1000);
      } else {
        parts.push_back(col + " <= ?");
        q.params.push_back(std::move(*v));
      }
    }
  }
  if (!req.page.q.empty()) {
    std::string sql;
    for (const Field& f : kind.fields) {
      if (!f.searchable) continue;
      sql += (sql.empty() ? "" : " OR ") + std::string("LOWER(t.") + std::string(f.name) +
             ") LIKE ? ESCAPE '\\'";
      q.params.emplace_back("%" + escape_like(req.page.q) + "%");
    }
    if (kind.has_external_id) {
      sql += (sql.empty() ? "" : " OR ") + std::string("t.external_id = ?");
      q.params.emplace_back(req.page.q);
    }
    if (!sql.empty()) parts.push_back(sql);
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    q.where += (i ? " AND (" : "(") + parts[i] + ")";
  }
  std::string key = req.page.sort.empty() ? std::string(kind.default_sort) : req.page.sort;
  const bool desc = !key.empty() && key[0] == '-';
  if (desc) key.erase(0, 1);
  const Field* sf = kind.field(key);
  if (!is_common_column(key) && (!sf || !sf->sortable))
    return Error{ErrorCode::invalid_query, "sort", detail::unknown_sort_field, {}};
  const char* dir = desc ? " DESC" : " ASC";
  q.order_by = "t." + key + dir + (key == "id" ? "" : std::string(", t.id") + dir);
  q.limit = req.page.page_size;
  q.offset = (req.page.page - 1) * req.page.page_size;
  return q;
}

Result<Page<EntityRecord>> list_entities(const Context& ctx, const Actor& actor,
                                         const EntityKind& kind, const ListRequest& req) {
  auto q = build_list_query(actor, kind, req);
  if (!q.ok()) return q.error();
  auto conn = ctx.db.acquire();
  Page<EntityRecord> page;
  page.page = req.page.page;
  page.page_size = req.page.page_size;
  page.total = store::count_entities(*conn, actor.org, kind, *q);
  if (q->offset < page.total) page.items = store::query_entities(*conn, actor.org, kind, *q);
  return page;
}

EntityPageView view_page(const Context& ctx, const Actor& actor, Page<EntityRecord> page) {
  EntityPageView view{std::move(page), {}};
  for (const EntityRecord& r : view.page.items) view.names.collect(r);
  auto conn = ctx.db.acquire();
  load_ref_names(*conn, actor.org, view.names);
  return view;
}

EntityView view_entity(const Context& ctx, const Actor& actor, EntityRecord r) {
  auto conn = ctx.db.acquire();
  EntityView view{std::move(r), {}, {}};
  view.names.collect(view.record);
  view.details = rules_of(*view.record.kind).load_details(*conn, actor, view.record, view.names);
  load_ref_names(*conn, actor.org, view.names);
  return view;
}

Result<EntityRecord> get_entity(const Context& ctx, const Actor& actor, const EntityKind& kind,
                                std::int64_t id) {
  auto conn = ctx.db.acquire();
  if (!is_visible(*conn, actor, kind, id)) return Error::not_found();
  auto r = store::find_entity(*conn, actor.org, kind, id);
  if (!r) return Error::not_found();
  return std::move(*r);
}

Status check_references(store::Connection& c, const Actor& actor, const EntityRecord* before,
                        const EntityRecord& r) {
  const EntityKind& kind = *r.kind;
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    const Field& f = kind.fields[i];
    if (f.type != FieldType::ref || !f.writable) continue;
    const auto* id = std::get_if<std::int64_t>(&r.values[i]);
    if (!id) continue;
    if (before && before->values[i] == r.values[i]) continue;  // unchanged
    const std::string name(f.name);
    switch (f.ref) {
      case RefKind::user: {
        const UserRecord* u = actor.snapshot->user(UserId{*id});
        if (!u || !actor.scope().sees_user(u->id))
          return Error::invalid(name, detail::no_such_user);
        if (!u->active) return Error::invalid(name, detail::user_deactivated);
        break;
      }
      case RefKind::region:
        if (!actor.snapshot->region(RegionId{*id}))
          return Error::invalid(name, detail::no_such_region);
        break;
      case RefKind::team:
        if (!actor.snapshot->team(TeamId{*id})) return Error::invalid(name, detail::no_such_team);
        break;
      case RefKind::pipeline:
        if (!exists_in_org(c, actor.org, "pipelines", *id))
          return Error::invalid(name, detail::no_such_pipeline);
        break;
      case RefKind::stage:
        if (!exists_in_org(c, actor.org, "pipeline_stages", *id))
          return Error::invalid(name, detail::no_such_stage);
        break;
      default: {
        const EntityKind* target = store_kind(f.ref);
        if (target && !is_visible(c, actor, *target, *id))
          return Error::invalid(name, detail::no_such_record);
      }
    }
  }
  return {};
}

Result<EntityRecord> create_entity(const Context& ctx, const Actor& actor, const EntityKind& kind,
                                   const EntityInput& in) {
  FUPAN_TRY(check_can_write(actor, kind));
  EntityRecord r = EntityRecord::empty(kind);
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    const Field& f = kind.fields[i];
    if (in.values[i]) {
      r.values[i] = *in.values[i];
    } else if (!f.default_value.empty()) {
      if (f.type == FieldType::boolean) {
        r.values[i] = std::int64_t{f.default_value == "true" ? 1 : 0};
      } else {
        r.values[i] = std::string(f.default_value);
      }
    }
  }
  // The owner (or the user who did an activity) is the actor unless given.
  for (std::string_view owner : {std::string_view("owner_id"), std::string_view("user_id")}) {
    const int i = kind.index_of(owner);
    if (i >= 0 && kind.fields[static_cast<std::size_t>(i)].writable && r.is_null(owner)) {
      r.values[static_cast<std::size_t>(i)] = actor.id.value;
    }
  }
  if (in.external_id) r.external_id = *in.external_id;
  const Instant now = ctx.clock.now();
  r.created_at = r.updated_at = now;
  r.version = 1;
  return write_facts<EntityRecord>(ctx, "external_id",
                                   [&](store::Connection& c) -> Result<EntityRecord> {
                                     WriteScope ws{ctx, actor, c, now, &in};
                                     FUPAN_TRY(check_record(ws, nullptr, r));
                                     r.id = store::insert_entity(c, actor.org, r);
                                     rules_of(kind).after_write(ws, nullptr, r);
                                     audit_json(c, actor, "create", kind.name, r.id, std::nullopt,
                                                entity_audit_json(r, *actor.snapshot), now);
                                     return r;
                                   });
}

Result<EntityRecord> update_entity(const Context& ctx, const Actor& actor, const EntityKind& kind,
                                   std::int64_t id, const EntityInput& in) {
  const Instant now = ctx.clock.now();
  return write_facts<EntityRecord>(
      ctx, "external_id", [&](store::Connection& c) -> Result<EntityRecord> {
        if (!is_visible(c, actor, kind, id)) return Error::not_found();
        FUPAN_TRY(check_can_write(actor, kind));
        auto before = store::find_entity(c, actor.org, kind, id);
        if (!before) return Error::not_found();
        if (before->version != *in.version) return Error::conflict(before->version);
        EntityRecord r = *before;
        for (std::size_t i = 0; i < kind.fields.size(); ++i) {
          if (in.values[i]) r.values[i] = *in.values[i];
        }
        if (in.external_id) r.external_id = *in.external_id;
        r.updated_at = now;
        r.version = before->version + 1;
        WriteScope ws{ctx, actor, c, now, &in};
        FUPAN_TRY(check_record(ws, &*before, r));
        FUPAN_TRY(outcome_status(store::update_entity(c, actor.org, r, *in.version)));
        rules_of(kind).after_write(ws, &*before, r);
        audit_json(c, actor, "update", kind.name, id, entity_audit_json(*before, *actor.snapshot),
                   entity_audit_json(r, *actor.snapshot), now);
        return r;
      });
}

Status delete_entity(const Context& ctx, const Actor& actor, const EntityKind& kind,
                     std::int64_t id, std::int64_t version) {
  const Instant now = ctx.clock.now();
  auto result = write_facts<bool>(ctx, "", [&](store::Connection& c) -> Result<bool> {
    if (!is_visible(c, actor, kind, id)) return Error::not_found();
    FUPAN_TRY(check_can_write(actor, kind));
    auto before = store::find_entity(c, actor.org, kind, id);
    if (!before) return Error::not_found();
    if (before->version != version) return Error::conflict(before->version);
    WriteScope ws{ctx, actor, c, now, nullptr};
    FUPAN_TRY(rules_of(kind).before_delete(ws, *before));
    FUPAN_TRY(outcome_status(store::delete_entity(c, actor.org, kind, id, version)));
    rules_of(kind).after_delete(ws, *before);
    audit_json(c, actor, "delete", kind.name, id, entity_audit_json(*before, *actor.snapshot),
               std::nullopt, now);
    return true;
  });
  if (!result.ok()) return result.error();
  return {};
}

}  // namespace fupan::service
