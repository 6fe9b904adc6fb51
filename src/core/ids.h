// Typed ids: a UserId cannot be passed where a TeamId is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace fupan {

template <class Tag>
struct Id {
  std::int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t v) : value(v) {}
  constexpr bool valid() const { return value > 0; }
  friend constexpr auto operator<=>(Id, Id) = default;
};

using OrgId = Id<struct OrgTag>;
using UserId = Id<struct UserTag>;
using TeamId = Id<struct TeamTag>;
using RegionId = Id<struct RegionTag>;
using MembershipId = Id<struct MembershipTag>;

}  // namespace fupan

template <class Tag>
struct std::hash<fupan::Id<Tag>> {
  std::size_t operator()(fupan::Id<Tag> id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
