#include "service/org/record_json.h"

#include <boost/json/parse.hpp>

namespace fupan::service {
namespace json = boost::json;

namespace {

template <class IdT>
void id_or_null(JsonWriter& w, std::string_view name, const std::optional<IdT>& id) {
  w.key(name);
  if (id) {
    w.value(id->value);
  } else {
    w.null();
  }
}

void stamps(JsonWriter& w, std::int64_t version, Instant created, Instant updated) {
  w.field("version", version);
  w.field("created_at", format_rfc3339(created));
  w.field("updated_at", format_rfc3339(updated));
}

template <class... Args>
json::object parsed(const Args&... args) {
  JsonWriter w;
  write_json(w, args...);
  return json::parse(w.str()).as_object();
}

}  // namespace

void write_json(JsonWriter& w, const OrgRecord& o) {
  w.begin_object();
  w.field("id", o.id.value);
  w.field("name", o.name);
  w.field("timezone", o.timezone);
  w.field("fiscal_year_start_month", o.fiscal_year_start_month);
  w.field("currency", o.currency);
  w.field("is_demo", o.is_demo);
  w.field("tier_rule", o.tier_rule);
  w.field("stall_days", o.stall_days);
  w.field("compare_basis", o.compare_basis);
  w.field("smart_factor_pct", o.smart_factor_pct);
  w.key("seasonality").begin_array();
  for (std::int64_t s : o.seasonality) w.value(s);
  w.end_array();
  stamps(w, o.version, o.created_at, o.updated_at);
  w.end_object();
}

void write_json(JsonWriter& w, const RegionRecord& r) {
  w.begin_object();
  w.field("id", r.id.value);
  w.field("name", r.name);
  w.field("code", r.code);
  stamps(w, r.version, r.created_at, r.updated_at);
  w.end_object();
}

void write_json(JsonWriter& w, const TeamRecord& t) {
  w.begin_object();
  w.field("id", t.id.value);
  w.field("name", t.name);
  w.field("region_id", t.region_id.value);
  id_or_null(w, "parent_id", t.parent_id);
  stamps(w, t.version, t.created_at, t.updated_at);
  w.end_object();
}

void write_json(JsonWriter& w, const MembershipRecord& m) {
  w.begin_object();
  w.field("id", m.id.value);
  w.field("user_id", m.user_id.value);
  w.field("team_id", m.team_id.value);
  w.field("role", team_role_name(m.role));
  w.field("valid_from", format_date(m.valid_from));
  w.key("valid_to");
  if (m.valid_to) {
    w.value(format_date(*m.valid_to));
  } else {
    w.null();
  }
  stamps(w, m.version, m.created_at, m.updated_at);
  w.end_object();
}

void write_json(JsonWriter& w, const UserRecord& u, const OrgSnapshot& org, LocalDate today) {
  w.begin_object();
  w.field("id", u.id.value);
  w.field("username", u.username);
  w.field("display_name", u.display_name);
  w.field("email", u.email);
  w.field("phone", u.phone);
  w.key("roles").begin_array();
  for (Role r : u.roles.list()) w.value(role_name(r));
  w.end_array();
  id_or_null(w, "region_id", u.region_id);
  w.field("active", u.active);
  w.key("teams").begin_array();
  for (const MembershipRecord* m : org.memberships_of(u.id, today)) {
    const TeamRecord* t = org.team(m->team_id);
    w.begin_object();
    w.field("team_id", m->team_id.value);
    w.field("team_name", t ? std::string_view(t->name) : std::string_view());
    w.field("role", team_role_name(m->role));
    w.end_object();
  }
  w.end_array();
  stamps(w, u.version, u.created_at, u.updated_at);
  w.end_object();
}

json::object to_json(const OrgRecord& o) {
  return parsed(o);
}
json::object to_json(const RegionRecord& r) {
  return parsed(r);
}
json::object to_json(const TeamRecord& t) {
  return parsed(t);
}
json::object to_json(const MembershipRecord& m) {
  return parsed(m);
}
json::object to_json(const UserRecord& u, const OrgSnapshot& org, LocalDate today) {
  return parsed(u, org, today);
}

}  // namespace fupan::service
