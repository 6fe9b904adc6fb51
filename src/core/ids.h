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
// The CRM records whose ids travel between the sales and CRM use cases (the generic entity
// layer keeps plain int64 ids, one code path for every kind).
using CustomerId = Id<struct CustomerTag>;
using OpportunityId = Id<struct OpportunityTag>;
using OrderId = Id<struct OrderTag>;
using QuoteId = Id<struct QuoteTag>;
using PaymentId = Id<struct PaymentTag>;
using ProductId = Id<struct ProductTag>;

}  // namespace fupan

template <class Tag>
struct std::hash<fupan::Id<Tag>> {
  std::size_t operator()(fupan::Id<Tag> id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
