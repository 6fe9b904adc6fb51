// The five roles of SPEC section 1; a user may hold several.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fupan {

enum class Role : std::uint8_t { rep, manager, director, analyst, admin };
inline constexpr Role kAllRoles[] = {Role::rep, Role::manager, Role::director, Role::analyst,
                                     Role::admin};

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

// A set of roles as a bit mask.
class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) add(r);
  }
  void add(Role r) { bits_ |= bit(r); }
  bool has(Role r) const { return bits_ & bit(r); }
  bool empty() const { return bits_ == 0; }
  std::vector<Role> list() const;
  friend bool operator==(RoleSet, RoleSet) = default;

 private:
  static std::uint8_t bit(Role r) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(r));
  }
  std::uint8_t bits_ = 0;
};

// The role a member holds inside one team.
enum class TeamRole : std::uint8_t { member, leader };
std::string_view team_role_name(TeamRole role);
std::optional<TeamRole> parse_team_role(std::string_view name);

}  // namespace fupan
