#include "service/io/import_refs.h"

#include <algorithm>

#include "service/crm/entity_access.h"
#include "store/pipeline_store.h"
#include "store/record_lookup.h"

namespace fupan::service {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 18 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::int64_t to_id(std::string_view s) {
  std::int64_t n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

DetailCode not_found_detail(RefKind ref) {
  switch (ref) {
    case RefKind::user:
      return detail::no_such_user;
    case RefKind::region:
      return detail::no_such_region;
    case RefKind::team:
      return detail::no_such_team;
    case RefKind::pipeline:
      return detail::no_such_pipeline;
    case RefKind::stage:
      return detail::no_such_stage;
    default:
      return detail::no_such_record;
  }
}

// The rows of `kind` the actor sees, with `columns` after t.id.
store::Rows visible_rows(store::Connection& c, const Actor& actor, const EntityKind& kind,
                         const std::string& columns) {
  return store::select_records(c, actor.org, kind.plural, columns, visible_condition(actor, kind));
}

}  // namespace

void ImportRefs::Names::add_key(std::string key, std::int64_t id) {
  if (key.empty()) return;
  auto [it, fresh] = keys.emplace(std::move(key), id);
  if (!fresh && it->second != id) it->second = kAmbiguous;
}

void ImportRefs::Names::add_name(std::string name, std::int64_t id) {
  if (name.empty()) return;
  auto [it, fresh] = names.emplace(std::move(name), id);
  if (!fresh && it->second != id) it->second = kAmbiguous;
}

ImportRefs::Names& ImportRefs::names_of(RefKind ref) {
  Names& n = names_[ref];
  if (!n.loaded) {
    load(ref, n);
    n.loaded = true;
  }
  return n;
}

void ImportRefs::load(RefKind ref, Names& n) {
  const OrgSnapshot& org = *actor_.snapshot;
  switch (ref) {
    case RefKind::user:
      for (const UserRecord& u : org.users()) {
        if (!actor_.scope().sees_user(u.id)) continue;
        n.add_key(u.username, u.id.value);
        n.add_name(u.display_name, u.id.value);
        n.ids.insert(u.id.value);
        if (!u.active) n.inactive.insert(u.id.value);
      }
      return;
    case RefKind::region:
      for (const RegionRecord& r : org.regions()) {
        n.add_key(r.code, r.id.value);
        n.add_name(r.name, r.id.value);
        n.ids.insert(r.id.value);
      }
      return;
    case RefKind::team:
      for (const TeamRecord& t : org.teams()) {
        n.add_name(t.name, t.id.value);
        n.ids.insert(t.id.value);
      }
      return;
    case RefKind::pipeline: {
      for (auto& [id, name] : store::all_names(conn_, actor_.org, "pipelines")) {
        n.add_name(std::move(name), id);
        n.ids.insert(id);
      }
      return;
    }
    case RefKind::customer:
    case RefKind::contact:
    case RefKind::opportunity:
    case RefKind::product:
    case RefKind::order:
    case RefKind::quote: {
      const char* kind_name = ref == RefKind::customer      ? "customer"
                              : ref == RefKind::contact     ? "contact"
                              : ref == RefKind::opportunity ? "opportunity"
                              : ref == RefKind::product     ? "product"
                              : ref == RefKind::order       ? "order"
                                                            : "quote";
      const EntityKind& kind = *find_entity_kind(kind_name);
      std::string columns = "t.external_id, ";
      if (ref == RefKind::product) {
        columns += "t.name, t.code";
      } else if (!kind.label_field.empty()) {
        columns += "t." + std::string(kind.label_field);
      } else {
        columns += "NULL";
      }
      auto rows = visible_rows(conn_, actor_, kind, columns);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::int64_t id = rows.i64(i, 0);
        n.ids.insert(id);
        if (auto ext = rows.opt_str(i, 1)) n.add_key(std::move(*ext), id);
        if (auto name = rows.opt_str(i, 2)) n.add_name(std::move(*name), id);
        if (ref == RefKind::product) {
          if (auto code = rows.opt_str(i, 3)) n.add_key(std::move(*code), id);
        }
      }
      return;
    }
    case RefKind::stage:
    case RefKind::none:
      return;
  }
}

void ImportRefs::load_stages() {
  if (stages_loaded_) return;
  stages_loaded_ = true;
  for (auto& s : store::list_stage_names(conn_, actor_.org)) {
    stages_.push_back({s.id, s.pipeline_id, std::move(s.name)});
  }
  if (auto def = store::default_or_first_pipeline(conn_, actor_.org)) default_pipeline_ = *def;
}

Result<std::int64_t> ImportRefs::resolve(const Field& f, std::string_view text,
                                         std::optional<std::int64_t> pipeline) {
  const std::string field(f.name);
  if (f.ref == RefKind::stage) {
    load_stages();
    if (!pipeline) pipeline = default_pipeline_;
    std::optional<std::int64_t> found;
    bool ambiguous = false;
    for (const Stage& s : stages_) {
      if (pipeline && s.pipeline != *pipeline) continue;
      if (s.name == text || (all_digits(text) && s.id == to_id(text))) {
        if (found && *found != s.id) ambiguous = true;
        found = s.id;
      }
    }
    if (ambiguous) return Error::invalid(field, detail::ambiguous_stage);
    if (!found) return Error::invalid(field, not_found_detail(f.ref));
    return *found;
  }
  Names& n = names_of(f.ref);
  std::int64_t id = 0;
  if (auto it = n.keys.find(text); it != n.keys.end()) {
    id = it->second;
  } else if (auto nt = n.names.find(text); nt != n.names.end()) {
    id = nt->second;
  } else if (all_digits(text) && n.ids.contains(to_id(text))) {
    id = to_id(text);
  } else {
    return Error::invalid(field, not_found_detail(f.ref));
  }
  if (id == kAmbiguous) {
    return Error::invalid(
        field, f.ref == RefKind::user ? detail::ambiguous_user : detail::ambiguous_record);
  }
  if (n.inactive.contains(id)) return Error::invalid(field, detail::user_deactivated);
  return id;
}

}  // namespace fupan::service
