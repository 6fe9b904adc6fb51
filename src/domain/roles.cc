#include "domain/roles.h"

namespace fupan {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::rep:
      return "rep";
    case Role::manager:
      return "manager";
    case Role::director:
      return "director";
    case Role::analyst:
      return "analyst";
    case Role::admin:
      return "admin";
  }
  return "rep";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : kAllRoles) {
    if (role_name(r) == name) return r;
  }
  return std::nullopt;
}

std::vector<Role> RoleSet::list() const {
  std::vector<Role> out;
  for (Role r : kAllRoles) {
    if (has(r)) out.push_back(r);
  }
  return out;
}

std::string_view team_role_name(TeamRole role) {
  return role == TeamRole::leader ? "leader" : "member";
}

std::optional<TeamRole> parse_team_role(std::string_view name) {
  if (name == "member") return TeamRole::member;
  if (name == "leader") return TeamRole::leader;
  return std::nullopt;
}

}  // namespace fupan
