// One CRM record as the generic layer holds it: the common columns and one value per field of
// its kind, in the kind's field order.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "core/time.h"
#include "domain/entity_kind.h"

namespace fupan {

// null, an integer (integer, money, instant ms, boolean 0/1, ref id) or text (text, choice,
// date "YYYY-MM-DD", tags joined by ",").
using FieldValue = std::variant<std::monostate, std::int64_t, std::string>;

struct EntityRecord {
  const EntityKind* kind = nullptr;
  std::int64_t id = 0;
  std::int64_t version = 1;
  Instant created_at{};
  Instant updated_at{};
  std::optional<std::string> external_id;
  std::vector<FieldValue> values;

  // Returns an empty record of `k` (every value null).
  static EntityRecord empty(const EntityKind& k) {
    EntityRecord r;
    r.kind = &k;
    r.values.resize(k.fields.size());
    return r;
  }
  const FieldValue& get(std::string_view field) const { return values[index(field)]; }
  void set(std::string_view field, FieldValue v) { values[index(field)] = std::move(v); }
  bool is_null(std::string_view field) const {
    return std::holds_alternative<std::monostate>(get(field));
  }
  // The integer value of `field`, nullopt when null.
  std::optional<std::int64_t> integer(std::string_view field) const {
    const auto* v = std::get_if<std::int64_t>(&get(field));
    return v ? std::optional<std::int64_t>(*v) : std::nullopt;
  }
  // The money value of `field` in 分, nullopt when null.
  std::optional<Fen> money(std::string_view field) const {
    const auto i = integer(field);
    return i ? std::optional<Fen>(Fen{*i}) : std::nullopt;
  }
  // The record `field` refers to, as its typed id (CustomerId, OrderId, ...); nullopt when null.
  template <class IdT>
  std::optional<IdT> ref(std::string_view field) const {
    const auto i = integer(field);
    return i ? std::optional<IdT>(IdT{*i}) : std::nullopt;
  }
  // The text value of `field`, "" when null.
  std::string text(std::string_view field) const {
    const auto* v = std::get_if<std::string>(&get(field));
    return v ? *v : std::string();
  }

 private:
  std::size_t index(std::string_view field) const {
    const int i = kind->index_of(field);
    if (i < 0)
      throw std::logic_error("no field " + std::string(field) + " in " + std::string(kind->name));
    return static_cast<std::size_t>(i);
  }
};

}  // namespace fupan
