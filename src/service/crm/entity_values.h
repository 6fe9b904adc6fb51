// A field's value read from JSON (the API), from a text cell (imports) and written back as JSON,
// by the field's type. Checks what a value alone can tell: type, length, range, choice.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "core/error.h"
#include "core/json_writer.h"
#include "domain/entity_record.h"

namespace date {
class time_zone;
}

namespace fupan::service {

// Returns the value of `f` in a request body; JSON null clears an optional field.
Result<FieldValue> value_from_json(const Field& f, const boost::json::value& v,
                                   const date::time_zone* tz);
// Returns the value of `f` in an import cell ("" is null). Money is in 元, choices may be their
// Chinese or English labels, dates and times take the forms people type. Not for refs.
Result<FieldValue> value_from_text(const Field& f, std::string_view text,
                                   const date::time_zone* tz);
// Checks a non-null value against the field's range, length and choices.
Status check_value(const Field& f, const FieldValue& v);
// Writes `v` as the API shows it.
void write_value(JsonWriter& w, const Field& f, const FieldValue& v);
// Returns the value as an export cell shows it (money in 元, instants in `tz`).
std::string value_to_text(const Field& f, const FieldValue& v, const date::time_zone* tz);

}  // namespace fupan::service
