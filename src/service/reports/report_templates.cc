#include "service/reports/report_templates.h"

#include <algorithm>

#include "domain/org_validation.h"
#include "service/platform/write.h"
#include "store/report_store.h"

namespace fupan::service {
namespace {

constexpr std::size_t kMaxNameChars = 40;

Status check_name(const std::string& name) {
  const std::size_t n = utf8_length(name);
  if (name.empty()) return Error::missing("name");
  if (n == std::string::npos || n > kMaxNameChars) {
    return Error::invalid("name", detail::at_most_chars(kMaxNameChars));
  }
  return {};
}

std::string template_json(const reports::ReportTemplate& t) {
  JsonWriter w;
  w.begin_object();
  w.key("team_id");
  t.team ? w.value(t.team->value) : w.null();
  w.field("kind", reports::report_kind_name(t.kind));
  w.field("name", t.name);
  w.field("version", t.version);
  w.field("day_offset", t.deadline.day_offset);
  w.field("time", reports::format_time_of_day(t.deadline.minute));
  w.key("effective_from");
  t.effective_from ? w.value(format_date(*t.effective_from)) : w.null();
  w.key("sections");
  reports::write_sections(w, t.sections);
  w.end_object();
  return std::move(w).str();
}

}  // namespace

std::vector<reports::ReportTemplate> list_report_templates(const Context& ctx, const Actor& actor) {
  return store::list_report_templates(*ctx.db.acquire(), actor.org);
}

Result<reports::ReportTemplate> create_report_template(const Context& ctx, const Actor& actor,
                                                       const TemplateInput& in) {
  if (!actor.scope().is_admin) return Error::forbidden();
  auto kind = reports::parse_report_kind(in.kind);
  if (!kind) return Error::invalid("kind", detail::report_kind);
  FUPAN_TRY(check_name(in.name));
  reports::ReportTemplate t;
  t.kind = *kind;
  t.name = in.name;
  t.version = 1;
  t.deadline = in.deadline.value_or(reports::default_template(*kind).deadline);
  FUPAN_TRY(reports::check_deadline(t.deadline));
  FUPAN_TRY(reports::check_sections(in.sections));
  t.sections = in.sections;
  t.effective_from = in.effective_from.value_or(actor.today);
  if (in.team_id) {
    if (!actor.snapshot->team(TeamId{*in.team_id})) {
      return Error::invalid("team_id", detail::no_such_team);
    }
    t.team = TeamId{*in.team_id};
  }
  const Instant now = ctx.clock.now();
  return write_facts<reports::ReportTemplate>(
      ctx, "team_id", [&](store::Connection& c) -> Result<reports::ReportTemplate> {
        const auto all = store::list_report_templates(c, actor.org);
        if (std::any_of(all.begin(), all.end(), [&](const reports::ReportTemplate& other) {
              return other.kind == t.kind && other.team == t.team;
            })) {
          return Error::exists("team_id");
        }
        t.id = store::insert_report_template(c, actor.org, t, now);
        t.updated_at = now;
        audit_json(c, actor, "create", "report_template", *t.id, std::nullopt, template_json(t),
                   now);
        return t;
      });
}

Result<reports::ReportTemplate> change_report_template(const Context& ctx, const Actor& actor,
                                                       std::int64_t id, const TemplateChange& in) {
  if (!actor.scope().is_admin) return Error::forbidden();
  if (in.name) FUPAN_TRY(check_name(*in.name));
  if (in.deadline) FUPAN_TRY(reports::check_deadline(*in.deadline));
  if (in.sections) FUPAN_TRY(reports::check_sections(*in.sections));
  const Instant now = ctx.clock.now();
  return write_facts<reports::ReportTemplate>(
      ctx, "", [&](store::Connection& c) -> Result<reports::ReportTemplate> {
        auto before = store::find_report_template(c, actor.org, id);
        if (!before) return Error::not_found();
        if (before->version != in.version) return Error::conflict(before->version);
        reports::ReportTemplate after = *before;
        if (in.name) after.name = *in.name;
        if (in.deadline) after.deadline = *in.deadline;
        if (in.sections) after.sections = *in.sections;
        if (in.effective_from) after.effective_from = *in.effective_from;
        after.version = before->version + 1;
        after.updated_at = now;
        FUPAN_TRY(
            outcome_status(store::update_report_template(c, actor.org, after, in.version, now)));
        audit_json(c, actor, "update", "report_template", id, template_json(*before),
                   template_json(after), now);
        return after;
      });
}

TemplateBook::TemplateBook(store::Connection& c, const OrgSnapshot& org)
    : org_(org), all_(store::list_report_templates(c, org.org().id)) {}

std::optional<reports::ReportTemplate> TemplateBook::stored(std::optional<TeamId> team,
                                                            reports::ReportKind kind) const {
  for (const auto& t : all_) {
    if (t.kind == kind && t.team == team) return t;
  }
  return std::nullopt;
}

reports::ReportTemplate TemplateBook::for_user(UserId user, reports::ReportKind kind,
                                               LocalDate day) const {
  // Up from each team the person belongs to: the template fewest steps up wins.
  std::optional<reports::ReportTemplate> best;
  int best_steps = 0;
  for (const MembershipRecord* m : org_.memberships_of(user, day)) {
    int steps = 0;
    for (std::optional<TeamId> t = m->team_id; t; ++steps) {
      if (best && steps >= best_steps) break;
      if (auto found = stored(*t, kind)) {
        best = std::move(found);
        best_steps = steps;
        break;
      }
      const TeamRecord* rec = org_.team(*t);
      t = rec ? rec->parent_id : std::nullopt;
    }
  }
  if (best) return *best;
  if (auto own = stored(std::nullopt, kind)) return *own;
  return reports::default_template(kind);
}

reports::ReportTemplate TemplateBook::for_team(std::optional<TeamId> team,
                                               reports::ReportKind kind) const {
  for (std::optional<TeamId> t = team; t;) {
    if (auto found = stored(*t, kind)) return *found;
    const TeamRecord* rec = org_.team(*t);
    t = rec ? rec->parent_id : std::nullopt;
  }
  if (auto own = stored(std::nullopt, kind)) return *own;
  return reports::default_template(kind);
}

bool TemplateBook::expects(UserId user, reports::ReportKind kind, LocalDate day) const {
  if (kind == reports::ReportKind::week) return true;
  const auto t = for_user(user, kind, day);
  return t.id && (!t.effective_from || !(day < *t.effective_from));
}

std::vector<reports::ReportKind> TemplateBook::kinds_in_use() const {
  std::vector<reports::ReportKind> out;
  for (auto kind :
       {reports::ReportKind::day, reports::ReportKind::week, reports::ReportKind::month}) {
    const bool any = std::any_of(all_.begin(), all_.end(),
                                 [&](const reports::ReportTemplate& t) { return t.kind == kind; });
    if (kind == reports::ReportKind::week || any) out.push_back(kind);
  }
  return out;
}

std::vector<reports::Deadline> TemplateBook::deadlines(reports::ReportKind kind) const {
  std::vector<reports::Deadline> out;
  // Only the week has people on the default (a day or month without a template is not written).
  if (kind == reports::ReportKind::week && !stored(std::nullopt, kind)) {
    out.push_back(reports::default_template(kind).deadline);
  }
  for (const auto& t : all_) {
    if (t.kind == kind && std::find(out.begin(), out.end(), t.deadline) == out.end()) {
      out.push_back(t.deadline);
    }
  }
  return out;
}

reports::ReportTemplate effective_template(store::Connection& c, const OrgSnapshot& org,
                                           UserId user, reports::ReportKind kind, LocalDate day) {
  return TemplateBook(c, org).for_user(user, kind, day);
}

reports::ReportTemplate template_of(store::Connection& c, OrgId org, reports::ReportKind kind,
                                    std::optional<std::int64_t> id, std::int64_t version) {
  if (id) {
    if (auto t = store::find_report_template_version(c, org, *id, version)) return *t;
  }
  return reports::default_template(kind);
}

}  // namespace fupan::service
