#include "domain/entity_json.h"

#include <algorithm>

namespace fupan {
namespace {

// "owner_id" → "owner_name".
std::string name_key(std::string_view field) {
  std::string k(field);
  if (k.size() > 3 && k.ends_with("_id")) k.resize(k.size() - 3);
  return k + "_name";
}

}  // namespace

void RefNames::collect(const EntityRecord& r) {
  for (std::size_t i = 0; i < r.kind->fields.size(); ++i) {
    const Field& f = r.kind->fields[i];
    if (f.type != FieldType::ref) continue;
    if (const auto* id = std::get_if<std::int64_t>(&r.values[i])) wanted_[f.ref].push_back(*id);
  }
}

const std::string* RefNames::find(RefKind kind, std::int64_t id) const {
  auto it = names_.find({kind, id});
  return it == names_.end() ? nullptr : &it->second;
}

void write_value(JsonWriter& w, const Field& f, const FieldValue& v) {
  if (std::holds_alternative<std::monostate>(v)) {
    if (f.type == FieldType::tags) {
      w.begin_array();
      w.end_array();
    } else {
      w.null();
    }
    return;
  }
  switch (f.type) {
    case FieldType::boolean:
      w.value(std::get<std::int64_t>(v) != 0);
      return;
    case FieldType::instant:
      w.value(format_rfc3339(instant_from_ms(std::get<std::int64_t>(v))));
      return;
    case FieldType::coordinate:
      w.value(static_cast<double>(std::get<std::int64_t>(v)) / 1e6);
      return;
    case FieldType::tags: {
      const std::string& s = std::get<std::string>(v);
      w.begin_array();
      std::size_t start = 0;
      while (start <= s.size()) {
        std::size_t end = s.find(',', start);
        if (end == std::string::npos) end = s.size();
        if (end > start) w.value(std::string_view(s).substr(start, end - start));
        start = end + 1;
      }
      w.end_array();
      return;
    }
    default:
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        w.value(*n);
      } else {
        w.value(std::get<std::string>(v));
      }
  }
}

void write_entity(JsonWriter& w, const EntityRecord& r, const OrgSnapshot& org,
                  const RefNames* names) {
  w.begin_object();
  write_entity_members(w, r, org, names);
  w.end_object();
}

void write_entity_members(JsonWriter& w, const EntityRecord& r, const OrgSnapshot& org,
                          const RefNames* names) {
  w.field("id", r.id);
  w.field("version", r.version);
  for (std::size_t i = 0; i < r.kind->fields.size(); ++i) {
    const Field& f = r.kind->fields[i];
    w.key(f.name);
    write_value(w, f, r.values[i]);
    if (f.type != FieldType::ref || !names) continue;
    const auto* id = std::get_if<std::int64_t>(&r.values[i]);
    const std::string* name = nullptr;
    std::string snapshot_name;
    if (id) {
      switch (f.ref) {
        case RefKind::user:
          if (const UserRecord* u = org.user(UserId{*id})) snapshot_name = u->display_name;
          break;
        case RefKind::region:
          if (const RegionRecord* g = org.region(RegionId{*id})) snapshot_name = g->name;
          break;
        case RefKind::team:
          if (const TeamRecord* t = org.team(TeamId{*id})) snapshot_name = t->name;
          break;
        default:
          name = names->find(f.ref, *id);
      }
    }
    if (f.ref == RefKind::order || f.ref == RefKind::quote) continue;
    w.key(name_key(f.name));
    if (name) {
      w.value(*name);
    } else if (!snapshot_name.empty()) {
      w.value(snapshot_name);
    } else {
      w.null();
    }
  }
  if (r.kind->has_external_id) {
    w.key("external_id");
    if (r.external_id) {
      w.value(*r.external_id);
    } else {
      w.null();
    }
  }
  w.field("created_at", format_rfc3339(r.created_at));
  w.field("updated_at", format_rfc3339(r.updated_at));
}

namespace {

std::string_view type_name(FieldType t) {
  switch (t) {
    case FieldType::text:
      return "text";
    case FieldType::integer:
      return "integer";
    case FieldType::money:
      return "money";
    case FieldType::date:
      return "date";
    case FieldType::instant:
      return "instant";
    case FieldType::boolean:
      return "boolean";
    case FieldType::choice:
      return "choice";
    case FieldType::ref:
      return "ref";
    case FieldType::tags:
      return "tags";
    case FieldType::coordinate:
      return "coordinate";
  }
  return "text";
}

std::string_view ref_name(RefKind r) {
  switch (r) {
    case RefKind::user:
      return "user";
    case RefKind::region:
      return "region";
    case RefKind::team:
      return "team";
    case RefKind::customer:
      return "customer";
    case RefKind::contact:
      return "contact";
    case RefKind::opportunity:
      return "opportunity";
    case RefKind::product:
      return "product";
    case RefKind::order:
      return "order";
    case RefKind::quote:
      return "quote";
    case RefKind::pipeline:
      return "pipeline";
    case RefKind::stage:
      return "stage";
    case RefKind::none:
      break;
  }
  return "";
}

}  // namespace

void write_schema(JsonWriter& w) {
  w.begin_object();
  w.key("kinds").begin_array();
  for (const EntityKind* k : entity_kinds()) {
    w.begin_object();
    w.field("name", k->name);
    w.field("plural", k->plural);
    w.field("zh", k->zh);
    w.field("en", k->en);
    w.field("label_field", k->label_field);
    w.field("default_sort", k->default_sort);
    w.key("fields").begin_array();
    for (const Field& f : k->fields) {
      w.begin_object();
      w.field("name", f.name);
      w.field("type", type_name(f.type));
      w.field("zh", f.zh);
      w.field("en", f.en);
      w.field("required", f.required);
      w.field("writable", f.writable);
      w.field("sortable", f.sortable);
      w.field("filterable", f.filterable);
      w.field("searchable", f.searchable);
      if (f.type == FieldType::ref) w.field("ref", ref_name(f.ref));
      if (f.type == FieldType::choice) {
        w.key("choices").begin_array();
        for (const Choice& c : f.choices) {
          w.begin_object();
          w.field("value", c.value);
          w.field("zh", c.zh);
          w.field("en", c.en);
          w.end_object();
        }
        w.end_array();
      }
      if (f.type == FieldType::integer || f.type == FieldType::money) {
        if (f.min != std::numeric_limits<std::int64_t>::min()) w.field("min", f.min);
        if (f.max != std::numeric_limits<std::int64_t>::max()) w.field("max", f.max);
      }
      if (f.type == FieldType::coordinate) {
        w.field("min", static_cast<double>(f.min) / 1e6);
        w.field("max", static_cast<double>(f.max) / 1e6);
      }
      if (f.type == FieldType::text || f.type == FieldType::tags)
        w.field("max_length", static_cast<std::int64_t>(f.max_length));
      if (f.phone) w.field("format", "phone");
      if (!f.default_value.empty()) w.field("default", f.default_value);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

std::string entity_audit_json(const EntityRecord& r, const OrgSnapshot& org) {
  JsonWriter w;
  write_entity(w, r, org, nullptr);
  return std::move(w).str();
}

}  // namespace fupan
