// The JSON form of the organisation's records: what the API returns and what the audit log keeps.
#pragma once

#include <boost/json/object.hpp>

#include "domain/org_snapshot.h"

namespace fupan::service {

boost::json::object to_json(const OrgRecord& o);
boost::json::object to_json(const RegionRecord& r);
boost::json::object to_json(const TeamRecord& t);
boost::json::object to_json(const MembershipRecord& m);
// A user with the teams they belong to on `today` (names from `org`).
boost::json::object to_json(const UserRecord& u, const OrgSnapshot& org, LocalDate today);

}  // namespace fupan::service
