// Report templates (SPEC §4): per org or team and kind, made and edited by an admin, each edit a
// new version kept for the reports written on the one before (docs/reports.md).
#pragma once

#include <optional>
#include <vector>

#include "domain/reports/report_template.h"
#include "service/platform/context.h"
#include "store/database.h"

namespace fupan::service {

struct TemplateInput {
  std::optional<std::int64_t> team_id;  // none: the org's
  std::string kind, name;
  std::optional<reports::Deadline> deadline;  // none: the kind's default
  std::vector<reports::Section> sections;
  std::optional<LocalDate> effective_from;  // none: the org's today
};

struct TemplateChange {
  std::optional<std::string> name;
  std::optional<reports::Deadline> deadline;
  std::optional<std::vector<reports::Section>> sections;
  std::optional<LocalDate> effective_from;
  std::int64_t version = 0;
};

std::vector<reports::ReportTemplate> list_report_templates(const Context& ctx, const Actor& actor);
Result<reports::ReportTemplate> create_report_template(const Context& ctx, const Actor& actor,
                                                       const TemplateInput& in);
Result<reports::ReportTemplate> change_report_template(const Context& ctx, const Actor& actor,
                                                       std::int64_t id, const TemplateChange& in);

// The org's templates, read once to resolve many people's (a reminder round, a team's week).
class TemplateBook {
 public:
  TemplateBook(store::Connection& c, const OrgSnapshot& org);

  // The template `user` writes a `kind` report on for a period ending on `day`: the one of the
  // innermost team they belong to that has one, else the org's, else the built-in default.
  reports::ReportTemplate for_user(UserId user, reports::ReportKind kind, LocalDate day) const;
  // The template of a team (or of the org for none) as above, for the team's screens.
  reports::ReportTemplate for_team(std::optional<TeamId> team, reports::ReportKind kind) const;
  // Whether `user` writes `kind` reports for a period ending on `day` (docs/reports.md): weekly
  // ones always, daily and monthly ones once an admin made a template of that kind for the org
  // or a team of theirs, from the template's first day.
  bool expects(UserId user, reports::ReportKind kind, LocalDate day) const;
  // The kinds someone in the org writes: week, and day or month when a template of it exists.
  std::vector<reports::ReportKind> kinds_in_use() const;
  // The deadlines of `kind` the org's people may have: every template's, and the default's
  // when anyone writes on it.
  std::vector<reports::Deadline> deadlines(reports::ReportKind kind) const;

 private:
  std::optional<reports::ReportTemplate> stored(std::optional<TeamId> team,
                                                reports::ReportKind kind) const;
  const OrgSnapshot& org_;
  std::vector<reports::ReportTemplate> all_;
};

reports::ReportTemplate effective_template(store::Connection& c, const OrgSnapshot& org,
                                           UserId user, reports::ReportKind kind, LocalDate day);
// The template and version a report was written on.
reports::ReportTemplate template_of(store::Connection& c, OrgId org, reports::ReportKind kind,
                                    std::optional<std::int64_t> id, std::int64_t version);

}  // namespace fupan::service
