// A field's value checked by the field's type (length, range, choice) and its text forms: read
// from an import cell or a list filter, written to an export cell. The JSON forms are in
// domain/entity_json.h (written) and http/routes/crm_entity_input.h (read).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/entity_record.h"

namespace date {
class time_zone;
}

namespace fupan {

// Returns the value of `f` in an import cell ("" is null). Money is in 元, choices may be their
// Chinese or English labels, dates and times take the forms people type. Not for refs.
Result<FieldValue> value_from_text(const Field& f, std::string_view text,
                                   const date::time_zone* tz);
// Returns the value of a tags field from its tags: trimmed, blanks and repeats dropped, joined
// with ","; null when none is left.
Result<FieldValue> tags_value(const Field& f, const std::vector<std::string>& tags);
// Checks a non-null value against the field's range, length and choices.
Status check_value(const Field& f, const FieldValue& v);
// Returns the value as an export cell shows it (money in 元, instants in `tz`).
std::string value_to_text(const Field& f, const FieldValue& v, const date::time_zone* tz);

}  // namespace fupan
