// The JSON form of the organisation's records: what the API returns and what the audit log keeps.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>

#include "domain/org_snapshot.h"

namespace fupan::service {

// Each builds its JSON in `sp` (a request's monotonic buffer on hot paths, the heap by default).
boost::json::object to_json(const OrgRecord& o, boost::json::storage_ptr sp = {});
boost::json::object to_json(const RegionRecord& r, boost::json::storage_ptr sp = {});
boost::json::object to_json(const TeamRecord& t, boost::json::storage_ptr sp = {});
boost::json::object to_json(const MembershipRecord& m, boost::json::storage_ptr sp = {});
// A user with the teams they belong to on `today` (names from `org`).
boost::json::object to_json(const UserRecord& u, const OrgSnapshot& org, LocalDate today,
                            boost::json::storage_ptr sp = {});

}  // namespace fupan::service
