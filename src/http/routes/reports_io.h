// Weekly reports in and out of JSON (docs/reports.md, docs/openapi.yaml): the form's sections and
// deadline, a report's content as sent, and a report, a template and a data block as returned.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json_writer.h"
#include "domain/org_snapshot.h"
#include "http/json_io.h"
#include "service/reports/report_service.h"

namespace fupan::http {

// {key, title, type, required}[]; problems are recorded on `f`.
std::optional<std::vector<reports::Section>> read_sections(Fields& f);
// {day_offset, time: "HH:MM"}
std::optional<reports::Deadline> read_deadline(Fields& f);
// The template's first day, "YYYY-MM-DD", when given; another value is invalid("effective_from").
std::optional<LocalDate> read_effective_from(Fields& f);
// content: {key: text}; next_goals: [{metric, value}]
std::optional<std::map<std::string, std::string>> read_texts(Fields& f);
std::optional<std::vector<reports::NextGoal>> read_goals(Fields& f);

void write_template(JsonWriter& w, const reports::ReportTemplate& t, const OrgSnapshot& org);
void write_report(JsonWriter& w, const service::ReportView& v, const OrgSnapshot& org);
// The list's columns of a report: {id, user_id, user_name, kind, period, status, submitted_at,
// late, rating, version}
void write_report_summary(JsonWriter& w, const reports::Report& r, const OrgSnapshot& org);
void write_goals(JsonWriter& w, const std::vector<reports::NextGoal>& goals);
std::string user_name(const OrgSnapshot& org, UserId id);

}  // namespace fupan::http
