#include "service/crm/record_history.h"

#include <boost/json.hpp>
#include <optional>

#include "core/json_writer.h"
#include "service/crm/entity_json.h"
#include "service/crm/entity_service.h"
#include "store/audit_store.h"

namespace fupan::service {
namespace json = boost::json;
namespace {

constexpr std::int64_t kHistoryEntries = 200;

json::object parse_or_empty(const std::optional<std::string>& text) {
  if (!text) return {};
  boost::system::error_code ec;
  json::value v = json::parse(*text, ec);
  return !ec && v.is_object() ? v.as_object() : json::object{};
}

// Bookkeeping members that every change touches: not news to a reader.
bool is_bookkeeping(std::string_view key) {
  return key == "version" || key == "updated_at" || key == "created_at" || key == "id" ||
         key == "org_id";
}

void write_json_value(JsonWriter& w, const json::value* v) {
  if (!v) return w.null();
  w.raw(json::serialize(*v));
}

// The id a reference member holds, if any.
std::optional<std::int64_t> ref_id(const json::value* v) {
  if (v && v->is_int64()) return v->as_int64();
  return std::nullopt;
}

// The name of what reference field `f` points at: people, teams and regions from the org, records
// from the store (`names`).
std::optional<std::string> ref_label(const Field& f, std::int64_t id, const OrgSnapshot& org,
                                     const RefNames& names) {
  switch (f.ref) {
    case RefKind::user:
      if (const UserRecord* u = org.user(UserId{id})) return u->display_name;
      return std::nullopt;
    case RefKind::team:
      if (const TeamRecord* t = org.team(TeamId{id})) return t->name;
      return std::nullopt;
    case RefKind::region:
      if (const RegionRecord* r = org.region(RegionId{id})) return r->name;
      return std::nullopt;
    default:
      if (const std::string* n = names.find(f.ref, id)) return *n;
      return std::nullopt;
  }
}

}  // namespace

Result<std::string> record_history(const Context& ctx, const Actor& actor, const EntityKind& kind,
                                   std::int64_t id) {
  auto record = get_entity(ctx, actor, kind, id);
  if (!record.ok()) return record.error();
  std::vector<store::AuditRecord> entries;
  {
    auto conn = ctx.db.acquire();
    store::AuditQuery q;
    q.entity = std::string(kind.name);
    q.entity_id = id;
    q.limit = kHistoryEntries;
    entries = store::list_audit(*conn, actor.org, q);
  }
  // The names of every record a reference field held, read at once.
  RefNames names;
  for (const store::AuditRecord& a : entries) {
    for (const auto* text : {&a.before_json, &a.after_json}) {
      const json::object o = parse_or_empty(*text);
      for (const Field& f : kind.fields) {
        if (f.type != FieldType::ref) continue;
        if (auto id = ref_id(o.if_contains(f.name))) names.want(f.ref, *id);
      }
    }
  }
  {
    auto conn = ctx.db.acquire();
    names.load(*conn, actor.org);
  }
  const OrgSnapshot& org = *actor.snapshot;
  JsonWriter w;
  w.begin_object();
  w.key("items").begin_array();
  for (const store::AuditRecord& a : entries) {
    const json::object before = parse_or_empty(a.before_json);
    const json::object after = parse_or_empty(a.after_json);
    w.begin_object();
    w.field("id", a.id);
    w.field("at", format_rfc3339(a.at));
    w.field("action", a.action);
    w.key("user_id");
    a.user ? w.value(a.user->value) : w.null();
    const UserRecord* u = a.user ? org.user(*a.user) : nullptr;
    w.key("user_name");
    u ? w.value(u->display_name) : w.null();
    w.key("changes").begin_array();
    // Fields in the kind's order, then any other member (lines, reasons) in the entry's order.
    auto change = [&](std::string_view key) {
      const json::value* b = before.if_contains(key);
      const json::value* c = after.if_contains(key);
      if ((!b && !c) || (b && c && *b == *c) || is_bookkeeping(key)) return;
      w.begin_object();
      w.field("field", key);
      w.key("before");
      write_json_value(w, b);
      w.key("after");
      write_json_value(w, c);
      if (const Field* f = kind.field(key); f && f->type == FieldType::ref) {
        for (auto [name_key, v] : {std::pair{"before_name", b}, std::pair{"after_name", c}}) {
          const auto id = ref_id(v);
          const auto label = id ? ref_label(*f, *id, org, names) : std::nullopt;
          w.key(name_key);
          label ? w.value(*label) : w.null();
        }
      }
      w.end_object();
    };
    for (const Field& f : kind.fields) change(f.name);
    for (const json::object* o : {&before, &after}) {
      for (const auto& [key, value] : *o) {
        if (kind.index_of(key) >= 0) continue;
        if (o == &after && before.contains(key)) continue;  // listed with before
        change(key);
      }
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return std::move(w).str();
}

}  // namespace fupan::service
