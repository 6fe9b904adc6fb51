#include "service/record_json.h"

#include <boost/json/array.hpp>

namespace fupan::service {
namespace json = boost::json;

namespace {
json::value id_or_null(auto opt) { return opt ? json::value(opt->value) : json::value(nullptr); }
}  // namespace

json::object to_json(const OrgRecord& o, json::storage_ptr sp) {
  return json::object({{"id", o.id.value},
          {"name", o.name},
          {"timezone", o.timezone},
          {"fiscal_year_start_month", o.fiscal_year_start_month},
          {"currency", o.currency},
          {"is_demo", o.is_demo},
          {"version", o.version},
          {"created_at", format_rfc3339(o.created_at)},
          {"updated_at", format_rfc3339(o.updated_at)}},
                      sp);
}

json::object to_json(const RegionRecord& r, json::storage_ptr sp) {
  return json::object({{"id", r.id.value},
          {"name", r.name},
          {"code", r.code},
          {"version", r.version},
          {"created_at", format_rfc3339(r.created_at)},
          {"updated_at", format_rfc3339(r.updated_at)}},
                      sp);
}

json::object to_json(const TeamRecord& t, json::storage_ptr sp) {
  return json::object({{"id", t.id.value},
          {"name", t.name},
          {"region_id", t.region_id.value},
          {"parent_id", id_or_null(t.parent_id)},
          {"version", t.version},
          {"created_at", format_rfc3339(t.created_at)},
          {"updated_at", format_rfc3339(t.updated_at)}},
                      sp);
}

json::object to_json(const MembershipRecord& m, json::storage_ptr sp) {
  return json::object({{"id", m.id.value},
          {"user_id", m.user_id.value},
          {"team_id", m.team_id.value},
          {"role", team_role_name(m.role)},
          {"valid_from", format_date(m.valid_from)},
          {"valid_to", m.valid_to ? json::value(format_date(*m.valid_to)) : json::value(nullptr)},
          {"version", m.version},
          {"created_at", format_rfc3339(m.created_at)},
          {"updated_at", format_rfc3339(m.updated_at)}},
                      sp);
}

json::object to_json(const UserRecord& u, const OrgSnapshot& org, LocalDate today, json::storage_ptr sp) {
  json::array roles(sp);
  for (Role r : u.roles.list()) roles.emplace_back(role_name(r));
  json::array teams(sp);
  for (const MembershipRecord* m : org.memberships_of(u.id, today)) {
    const TeamRecord* t = org.team(m->team_id);
    teams.push_back(json::object(
        {{"team_id", m->team_id.value}, {"team_name", t ? t->name : ""}, {"role", team_role_name(m->role)}}, sp));
  }
  return json::object({{"id", u.id.value},
          {"username", u.username},
          {"display_name", u.display_name},
          {"email", u.email},
          {"phone", u.phone},
          {"roles", std::move(roles)},
          {"region_id", id_or_null(u.region_id)},
          {"active", u.active},
          {"teams", std::move(teams)},
          {"version", u.version},
          {"created_at", format_rfc3339(u.created_at)},
          {"updated_at", format_rfc3339(u.updated_at)}},
                      sp);
}

}  // namespace fupan::service
