// Use cases for users: list and read within data scope; create, change, deactivate and reset
// passwords for admins.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "service/platform/context.h"
#include "service/platform/paging.h"

namespace fupan::service {

// Fields of a create or a change; absent fields are left as they are.
struct UserInput {
  std::optional<std::string> username, display_name, email, phone, password;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::optional<std::int64_t>> region_id;  // present-null clears it
  std::optional<bool> active;
};

struct UserFilter {
  std::optional<bool> active;
  std::optional<Role> role;
  std::optional<TeamId> team;  // current members of this team
};

Result<Page<UserRecord>> list_users(const Actor& actor, const PageRequest& page,
                                    const UserFilter& filter);
Result<UserRecord> get_user(const Actor& actor, UserId id);
Result<UserRecord> create_user(const Context& ctx, const Actor& actor, const UserInput& in);
Result<UserRecord> update_user(const Context& ctx, const Actor& actor, UserId id,
                               const UserInput& in, std::int64_t version);
// Deactivates the user (their history stays) and ends their sessions.
Result<UserRecord> deactivate_user(const Context& ctx, const Actor& actor, UserId id,
                                   std::int64_t version);
// Sets a new password for `id` and ends their sessions (admin).
Status reset_password(const Context& ctx, const Actor& actor, UserId id,
                      const std::string& password);

}  // namespace fupan::service
