// Commission plans and statements as JSON (docs/openapi.yaml schemas CommissionPlan and
// CommissionLine): one writer for the API, the audit log and the export, so they read alike.
#pragma once

#include "core/json_writer.h"
#include "domain/performance/commission_plan.h"
#include "domain/performance/commission_statement.h"

namespace fupan::performance {

// The plan as an object.
void write_plan(JsonWriter& w, const CommissionPlan& p);
std::string plan_json(const CommissionPlan& p);

// The fields of a line (inside an object the caller opened), without what names its record.
void write_line_members(JsonWriter& w, const StatementLine& l);

}  // namespace fupan::performance
