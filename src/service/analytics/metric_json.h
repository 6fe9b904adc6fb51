// The JSON of a metric answer, one definition for the API and `fupan metric`:
// {"metric","scope","period","range":{"start","end"},"value","previous","yoy",
//  "previous_period","yoy_period","compared", ...the comparison}; receivables add "aging" (of the
// value), stage_conversion's values are arrays of {"stage_id","name","reached","conversion"}.
// The comparison: "compared" is "full", "to_date" or "future"; to date adds "through" (the last
// day counted), "elapsed" {"basis","count"} and the days each figure counts, [start, end):
// "value_range", "previous_range", "yoy_range".
#pragma once

#include "core/json_writer.h"
#include "domain/metric_query.h"

namespace fupan::service {

void write_metric_value(JsonWriter& w, const MetricValue& v);
// Writes the members of one answer into an open object.
void write_answer_members(JsonWriter& w, const MetricAnswer& a);
// Writes how the answer compared its periods ("compared", and to date the days counted).
void write_comparison_members(JsonWriter& w, const MetricAnswer& a);
// Writes a whole answer object for `q`.
void write_metric_answer(JsonWriter& w, const MetricQuery& q, const MetricAnswer& a);

}  // namespace fupan::service
