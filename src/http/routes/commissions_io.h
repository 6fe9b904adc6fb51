// Commissions in and out of JSON (docs/performance.md, docs/openapi.yaml): a plan as the admin
// sends it, a statement (a summary in lists, in full with its lines).
#pragma once

#include <optional>

#include "core/json_writer.h"
#include "domain/org_snapshot.h"
#include "domain/performance/commission_plan.h"
#include "http/json_io.h"
#include "service/performance/commission_statements.h"

namespace fupan::http {

// The plan in `f`: name, effective_from, effective_to?, base, mode, bands, target_bonus?, cap?,
// min_margin_bp?, clawback_unpaid_days?, credit_manager?. Problems are recorded in `f`.
performance::CommissionPlan read_plan(Fields& f);

void write_statement_summary(JsonWriter& w, const service::StatementView& v,
                             const OrgSnapshot& org);
void write_statement(JsonWriter& w, const service::StatementView& v, const OrgSnapshot& org);

}  // namespace fupan::http
