// Finding an org's regions, teams and users by what people write in a file, a command or a scope:
// an id, a name, a code. One rule everywhere (imports, `fupan team add`, `team:上海一部`). Pure.
#pragma once

#include <string_view>

#include "domain/org_snapshot.h"

namespace fupan {

// What a lookup found: the record, or nothing — `ambiguous` when several share the text.
template <class Record>
struct Found {
  const Record* record = nullptr;
  bool ambiguous = false;
  explicit operator bool() const { return record != nullptr; }
};

// A region by id, name or code.
Found<RegionRecord> find_region(const OrgSnapshot& org, std::string_view text);
// A team by id or name.
Found<TeamRecord> find_team(const OrgSnapshot& org, std::string_view text);
// A user by username, else by a display name no one else has (ids are not taken: a username may
// be all digits).
Found<UserRecord> find_user(const OrgSnapshot& org, std::string_view text);

}  // namespace fupan
