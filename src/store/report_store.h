// Weekly reports' storage (domain/reports): templates and their versions, reports, submitted
// versions, comments and read receipts. Updates check the version.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <span>
#include <vector>

#include "domain/reports/report.h"
#include "store/database.h"
#include "store/org_store.h"

namespace fupan::store {

// templates: `t.id` is ignored on insert; every save also keeps the version in its history.
std::int64_t insert_report_template(Connection& c, OrgId org, const reports::ReportTemplate& t,
                                    Instant now);
WriteOutcome update_report_template(Connection& c, OrgId org, const reports::ReportTemplate& t,
                                    std::int64_t expected, Instant now);
std::vector<reports::ReportTemplate> list_report_templates(Connection& c, OrgId org);
std::optional<reports::ReportTemplate> find_report_template(Connection& c, OrgId org,
                                                            std::int64_t id);
// Template `id` as it was at `version`.
std::optional<reports::ReportTemplate> find_report_template_version(Connection& c, OrgId org,
                                                                    std::int64_t id,
                                                                    std::int64_t version);

// reports
std::int64_t insert_report(Connection& c, OrgId org, const reports::Report& r);
std::optional<reports::Report> find_report(Connection& c, OrgId org, std::int64_t id);
std::optional<reports::Report> find_report_of(Connection& c, OrgId org, UserId user,
                                              reports::ReportKind kind, std::string_view period);
// Writes every field of `r` but its identity if its version is `expected`.
WriteOutcome update_report(Connection& c, OrgId org, const reports::Report& r,
                           std::int64_t expected);

// The reports of `kind` whose periods start in [from, to), optionally of one user, without their
// content or data block (a list's columns).
std::vector<reports::Report> list_reports(Connection& c, OrgId org, reports::ReportKind kind,
                                          LocalDate from, LocalDate to, std::optional<UserId> user);

struct ReportVersion {
  std::int64_t seq = 0;
  reports::ReportContent content;
  std::string data_json;
  Instant submitted_at{};
  bool late = false;
};
void insert_report_version(Connection& c, OrgId org, std::int64_t report, const ReportVersion& v);
std::vector<ReportVersion> list_report_versions(Connection& c, OrgId org, std::int64_t report);

struct ReportComment {
  std::int64_t id = 0;
  std::int64_t report = 0;
  UserId user;
  std::string body;
  std::vector<std::int64_t> mentions;
  Instant created_at{};
};
std::int64_t insert_report_comment(Connection& c, OrgId org, const ReportComment& comment);
std::vector<ReportComment> list_report_comments(Connection& c, OrgId org, std::int64_t report);
// How many comments each of `reports` has.
std::map<std::int64_t, std::int64_t> count_report_comments(Connection& c, OrgId org,
                                                           std::span<const std::int64_t> reports);

struct ReportRead {
  UserId user;
  Instant at{};
};
// Records `user`'s first reading of `report` (a later one changes nothing).
void record_report_read(Connection& c, OrgId org, std::int64_t report, UserId user, Instant at);
std::vector<ReportRead> list_report_reads(Connection& c, OrgId org, std::int64_t report);
// Which of `reports` `user` has read.
std::vector<std::int64_t> reports_read_by(Connection& c, OrgId org, UserId user,
                                          std::span<const std::int64_t> reports);

// When each person was last reminded to hand in their report of `period` (a reminder of kind
// "report" about no record, noted with the period: by hand, or a reminder stage's).
std::map<std::int64_t, Instant> last_report_reminders(Connection& c, OrgId org,
                                                      std::string_view period);

// Who has been sent an in-app reminder of `kind` with exactly `note` (a reminder stage's).
std::set<std::int64_t> reminders_with_note(Connection& c, OrgId org, std::string_view kind,
                                           std::string_view note);

}  // namespace fupan::store
