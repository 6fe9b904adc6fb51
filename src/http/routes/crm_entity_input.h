// A CRM record's create or change read from a request body: every member a writable field of the
// kind (typed and checked by the field's type), external_id, version, and a document's lines.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <vector>

#include "core/error.h"
#include "domain/entity_record.h"
#include "service/crm/entity_input.h"
#include "service/platform/context.h"

namespace date {
class time_zone;
}

namespace fupan::http {

// Returns the value of `f` in a request body; JSON null clears an optional field.
Result<FieldValue> value_from_json(const Field& f, const boost::json::value& v,
                                   const date::time_zone* tz);

// Reads the "lines" member of `body`: nullopt when absent. Each line is {product_id, quantity
// (integer ≥ 1), unit_price? (分 ≥ 0), discount_bp? (0..10000)}; errors are
// invalid("lines", detail::line_…(N)).
Result<std::optional<std::vector<service::LineRequest>>> read_line_requests(
    const boost::json::object& body);

// Reads a request body: every member must be a writable field of `kind`, external_id, version
// (when !creating) or, for a kind with lines, "lines"; required fields must be present on create.
Result<service::EntityInput> read_entity_input(const service::Actor& actor, const EntityKind& kind,
                                               const boost::json::object& body, bool creating);

}  // namespace fupan::http
