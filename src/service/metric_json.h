// The JSON of a metric answer, one definition for the API and `fupan metric`:
// {"metric","scope","period","range":{"start","end"},"value","previous","yoy",
//  "previous_period","yoy_period"}; receivables add "aging" (of the value), stage_conversion's
// values are arrays of {"stage_id","name","reached","conversion"}.
#pragma once

#include "core/json_writer.h"
#include "domain/metric_query.h"

namespace fupan::service {

void write_metric_value(JsonWriter& w, const MetricValue& v);
// Writes the members of one answer into an open object.
void write_answer_members(JsonWriter& w, const MetricAnswer& a);
// Writes a whole answer object for `q`.
void write_metric_answer(JsonWriter& w, const MetricQuery& q, const MetricAnswer& a);

}  // namespace fupan::service
