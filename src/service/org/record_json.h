// The JSON form of the organisation's records: what the API returns and what the audit log keeps.
// Each record has one definition, write_json (streaming, used for lists); to_json gives the same
// JSON as a boost::json object for single responses and audit rows.
#pragma once

#include <boost/json/object.hpp>

#include "core/json_writer.h"
#include "domain/org_snapshot.h"

namespace fupan::service {

void write_json(JsonWriter& w, const OrgRecord& o);
void write_json(JsonWriter& w, const RegionRecord& r);
void write_json(JsonWriter& w, const TeamRecord& t);
void write_json(JsonWriter& w, const MembershipRecord& m);
// A user with the teams they belong to on `today` (names from `org`).
void write_json(JsonWriter& w, const UserRecord& u, const OrgSnapshot& org, LocalDate today);

boost::json::object to_json(const OrgRecord& o);
boost::json::object to_json(const RegionRecord& r);
boost::json::object to_json(const TeamRecord& t);
boost::json::object to_json(const MembershipRecord& m);
boost::json::object to_json(const UserRecord& u, const OrgSnapshot& org, LocalDate today);

}  // namespace fupan::service
