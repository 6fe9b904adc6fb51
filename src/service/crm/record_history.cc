#include "service/crm/record_history.h"

#include <algorithm>
#include <boost/json.hpp>
#include <optional>

#include "domain/entity_json.h"
#include "service/crm/entity_service.h"
#include "service/crm/ref_names.h"
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

std::optional<std::string> stored_text(const json::value* v) {
  if (!v) return std::nullopt;
  return json::serialize(*v);
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

Result<std::vector<HistoryEntry>> record_history(const Context& ctx, const Actor& actor,
                                                 const EntityKind& kind, std::int64_t id) {
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
  // The record exists, so a delete under its id ended an earlier record: what is older is not
  // this record's history.
  auto ended = std::find_if(entries.begin(), entries.end(),
                            [](const store::AuditRecord& a) { return a.action == "delete"; });
  entries.erase(ended, entries.end());
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
    load_ref_names(*conn, actor.org, names);
  }
  const OrgSnapshot& org = *actor.snapshot;
  std::vector<HistoryEntry> out;
  out.reserve(entries.size());
  for (const store::AuditRecord& a : entries) {
    const json::object before = parse_or_empty(a.before_json);
    const json::object after = parse_or_empty(a.after_json);
    HistoryEntry& e = out.emplace_back();
    e.id = a.id;
    e.at = a.at;
    e.action = a.action;
    e.user = a.user;
    // Fields in the kind's order, then any other member (lines, reasons) in the entry's order.
    auto change = [&](std::string_view key) {
      const json::value* b = before.if_contains(key);
      const json::value* c = after.if_contains(key);
      if ((!b && !c) || (b && c && *b == *c) || is_bookkeeping(key)) return;
      FieldChange& fc = e.changes.emplace_back();
      fc.field = std::string(key);
      fc.before = stored_text(b);
      fc.after = stored_text(c);
      if (const Field* f = kind.field(key); f && f->type == FieldType::ref) {
        fc.is_ref = true;
        if (const auto id = ref_id(b)) fc.before_name = ref_label(*f, *id, org, names);
        if (const auto id = ref_id(c)) fc.after_name = ref_label(*f, *id, org, names);
      }
    };
    for (const Field& f : kind.fields) change(f.name);
    for (const json::object* o : {&before, &after}) {
      for (const auto& [key, value] : *o) {
        if (kind.index_of(key) >= 0) continue;
        if (o == &after && before.contains(key)) continue;  // listed with before
        change(key);
      }
    }
  }
  return out;
}

}  // namespace fupan::service
