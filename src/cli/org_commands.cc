// `fupan org set|show`, `fupan region add|list`, `fupan team add|list`: setting up an org from the
// command line, through the same use cases (validated, audited) as the API.
#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "core/error_catalogue.h"
#include "domain/org_lookup.h"
#include "service/org/org_structure_service.h"
#include "service/org/record_json.h"
#include "store/org_store.h"

namespace fupan::cli {
namespace {

int fail(const std::string& message) {
  std::cerr << "fupan: " << message << "\n";
  return 1;
}

int fail(const Error& e) {
  return fail(std::string(error_code_name(e.code)) + (e.field.empty() ? "" : " " + e.field) +
              (e.detail.empty() ? "" : ": " + english(e.detail)));
}

// A store with its org directory loaded, and a context over it.
struct Session {
  explicit Session(const std::string& url) : db(open_store(url, 2)) { orgs.load_all(*db); }
  std::unique_ptr<store::Database> db;
  SystemClock clock;
  service::OrgDirectory orgs;
  service::SessionCache sessions;
  service::ScopeCache scopes;
  service::Context ctx{*db, orgs, clock, sessions, scopes};
};

// The org's first (usually only) snapshot; nullptr when the store has no org.
std::shared_ptr<const OrgSnapshot> first_org(Session& s) {
  auto conn = s.db->acquire();
  const auto ids = store::list_org_ids(*conn);
  return ids.empty() ? nullptr : s.orgs.get(ids.front());
}

void print_org(const OrgRecord& o) {
  JsonWriter w;
  service::write_json(w, o);
  std::cout << std::move(w).str() << "\n";
}

}  // namespace

int org_show(const std::string& db) {
  Session s(db);
  auto org = first_org(s);
  if (!org) return fail("the store has no organisation");
  print_org(org->org());
  return 0;
}

int org_set(const OrgSetOptions& o) {
  Session s(o.db);
  auto actor = cli_actor(s.ctx, o.as);
  if (!actor.ok()) return fail(english(actor.error().detail));
  service::OrgInput in;
  in.name = o.name;
  in.timezone = o.timezone;
  if (o.fiscal_start_month) in.fiscal_year_start_month = *o.fiscal_start_month;
  in.compare_basis = o.compare_basis;
  in.confirm = o.confirm;
  const OrgRecord& current = actor->snapshot->org();
  auto changed = service::update_org(s.ctx, *actor, in, current.version);
  if (!changed.ok()) {
    const Error& e = changed.error();
    if (e.code == ErrorCode::confirmation_required) {
      return fail(std::to_string(e.affected.value_or(0)) +
                  " 条记录（订单、回款、活动、客户、商机）在 " + o.timezone.value_or("") +
                  " 会落到另一天；确认修改请加 --confirm (" +
                  std::to_string(e.affected.value_or(0)) +
                  " dated records fall on another day in the new time zone; add --confirm)");
    }
    return fail(e);
  }
  print_org(*changed);
  return 0;
}

int region_add(const RegionAddOptions& o) {
  Session s(o.db);
  auto actor = cli_actor(s.ctx, o.as);
  if (!actor.ok()) return fail(english(actor.error().detail));
  auto r = service::create_region(s.ctx, *actor, {o.name, o.code});
  if (!r.ok()) return fail(r.error());
  std::cout << "added region " << r->name << " (id " << r->id.value << ")\n";
  return 0;
}

int region_list(const std::string& db) {
  Session s(db);
  auto org = first_org(s);
  if (!org) return fail("the store has no organisation");
  for (const RegionRecord& r : org->regions()) {
    std::cout << r.id.value << "\t" << r.name << "\t" << r.code << "\n";
  }
  return 0;
}

int team_add(const TeamAddOptions& o) {
  Session s(o.db);
  auto actor = cli_actor(s.ctx, o.as);
  if (!actor.ok()) return fail(english(actor.error().detail));
  const OrgSnapshot& org = *actor->snapshot;
  service::TeamInput in;
  in.name = o.name;
  if (!o.parent.empty()) {
    const auto parent = find_team(org, o.parent);
    if (!parent) {
      return fail(parent.ambiguous ? "several teams are named " + o.parent + ": give its id"
                                   : "no team " + o.parent);
    }
    in.parent_id = std::optional<std::int64_t>{parent.record->id.value};
    in.region_id = parent.record->region_id.value;
  }
  if (!o.region.empty()) {
    const auto region = find_region(org, o.region);
    if (!region) return fail("no region " + o.region);
    in.region_id = region.record->id.value;
  }
  if (!in.region_id) return fail("--region is required (an id, a name or a code)");
  auto t = service::create_team(s.ctx, *actor, in);
  if (!t.ok()) return fail(t.error());
  std::cout << "added team " << t->name << " (id " << t->id.value << ")\n";
  return 0;
}

int team_list(const std::string& db) {
  Session s(db);
  auto org = first_org(s);
  if (!org) return fail("the store has no organisation");
  for (const TeamRecord& t : org->teams()) {
    const RegionRecord* region = org->region(t.region_id);
    const TeamRecord* parent = t.parent_id ? org->team(*t.parent_id) : nullptr;
    std::cout << t.id.value << "\t" << t.name << "\t" << (region ? region->name : "") << "\t"
              << (parent ? parent->name : "") << "\n";
  }
  return 0;
}

}  // namespace fupan::cli
