// What a create or change of a CRM record sends, already read and typed by the transport
// (http/routes/crm_entity_input.h reads it from a request body): the use cases and each kind's
// rules never see the request itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "domain/entity_record.h"

namespace fupan::service {

// A line of a quote or an order as a create or change sends it (SPEC §2).
struct LineRequest {
  ProductId product_id{0};
  std::int64_t quantity = 0;
  std::optional<Fen> unit_price;  // absent: the customer's tier price of the product
  std::int32_t discount_bp = 0;   // 0..10000
};

// The most lines one document may have.
inline constexpr std::size_t kMaxLines = 1000;

// The fields of a create or change; absent fields are left as they are.
struct EntityInput {
  std::vector<std::optional<FieldValue>> values;  // one per field of the kind
  std::optional<std::optional<std::string>> external_id;
  std::optional<std::int64_t> version;  // required on change
  // The document's lines (kinds with has_lines); absent: the lines are left as they are.
  std::optional<std::vector<LineRequest>> lines;

  // Returns true iff the input sets field `name` of `kind` (to a value or to null).
  bool sets(const EntityKind& kind, std::string_view name) const {
    const int i = kind.index_of(name);
    return i >= 0 && static_cast<std::size_t>(i) < values.size() &&
           values[static_cast<std::size_t>(i)].has_value();
  }
};

}  // namespace fupan::service
