#include "service/reports/team_week.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/metric_scope.h"
#include "service/goals/goal_actuals.h"
#include "service/platform/write.h"
#include "service/reports/data_block.h"
#include "service/reports/report_templates.h"
#include "store/report_store.h"
#include "store/todo_store.h"

namespace fupan::service {
namespace {

constexpr int kMaxPeriods = 62;  // two months of days, a year of weeks or months

// The team asked for, or the first one the actor sees (their own before others).
Result<TeamId> team_for(const Actor& actor, std::optional<std::int64_t> asked) {
  const OrgSnapshot& org = *actor.snapshot;
  // As the metrics allow a team's numbers: a rep's own team is not enough (its week would show
  // the others' work).
  auto may_view = [&](TeamId id) {
    return check_may_view({{ScopeRef::Kind::team, id.value}}, org, actor.scope(), actor.id,
                          actor.today)
        .ok();
  };
  if (asked) {
    const TeamId id{*asked};
    if (!org.team(id) || !may_view(id)) return Error::not_found();
    return id;
  }
  for (const MembershipRecord* m : org.memberships_of(actor.id, actor.today)) {
    if (m->role == TeamRole::leader && may_view(m->team_id)) return m->team_id;
  }
  for (const TeamRecord& t : org.teams()) {
    if (may_view(t.id)) return t.id;
  }
  return Error::not_found();
}

Result<reports::ReportKind> kind_of(const std::string& text) {
  auto kind = reports::parse_report_kind(text.empty() ? "week" : text);
  if (!kind) return Error::invalid("kind", detail::report_kind);
  return *kind;
}

Result<Period> period_of(const Actor& actor, reports::ReportKind kind, const std::string& text,
                         const char* field) {
  if (text.empty()) return reports::report_period_of(kind, actor.today);
  auto p = reports::parse_report_period(kind, text);
  if (!p.ok()) return Error::invalid(field, detail::report_period);
  return p;
}

LocalDate last_day(const Period& p) {
  return p.end - std::chrono::days{1};
}

// Who writes `kind` reports for `p` in `team`: expected_reporters who write that kind, with the
// deadline of their template; nobody on a day without reports (a weekend, a holiday).
struct Reporter {
  UserId user;
  TeamId team;
  Instant deadline;
};
std::vector<Reporter> reporters(const OrgSnapshot& org, const TemplateBook& book, TeamId team,
                                reports::ReportKind kind, const Period& p,
                                const std::vector<LocalDate>& holidays) {
  std::vector<Reporter> out;
  if (!reports::has_report(kind, p, holidays)) return out;
  const auto* zone = zone_of(org.org().timezone);
  for (const auto& [user, t] : expected_reporters(org, team, p)) {
    if (!book.expects(user, kind, last_day(p))) continue;
    out.push_back(
        {user, t,
         reports::deadline_instant(p, book.for_user(user, kind, last_day(p)).deadline, zone)});
  }
  return out;
}

}  // namespace

std::vector<std::pair<UserId, TeamId>> expected_reporters(const OrgSnapshot& org, TeamId team,
                                                          const Period& period) {
  std::vector<std::pair<UserId, TeamId>> out;
  std::set<std::int64_t> seen;
  for (TeamId t : org.subtree(team)) {
    for (const MembershipRecord* m : org.memberships_of_team(t)) {
      if (!(m->valid_from < period.end && (!m->valid_to || period.start < *m->valid_to))) continue;
      const UserRecord* u = org.user(m->user_id);
      if (!u || !u->active || !u->roles.has(Role::rep)) continue;
      if (seen.insert(u->id.value).second) out.emplace_back(u->id, t);
    }
  }
  return out;
}

Result<TeamWeek> team_week(const Context& ctx, const Actor& actor, std::optional<std::int64_t> team,
                           const std::string& kind_text, const std::string& period_text) {
  FUPAN_ASSIGN_OR_RETURN(auto kind, kind_of(kind_text));
  FUPAN_ASSIGN_OR_RETURN(auto period, period_of(actor, kind, period_text, "period"));
  FUPAN_ASSIGN_OR_RETURN(auto team_id, team_for(actor, team));
  const OrgSnapshot& org = *actor.snapshot;
  const auto holidays = org_holidays(ctx, actor.org);
  TeamWeek out;
  out.kind = kind;
  out.period = period;
  out.team = team_id;
  const Instant now = ctx.clock.now();
  std::vector<reports::Report> reports;
  std::map<std::int64_t, std::int64_t> comments;
  std::vector<std::int64_t> read;
  std::map<std::int64_t, Instant> reminded;
  std::vector<Reporter> expected;
  {
    auto c = ctx.db.acquire();
    const TemplateBook book(*c, org);
    out.kinds = book.kinds_in_use();
    out.deadline = reports::deadline_instant(period, book.for_team(team_id, kind).deadline,
                                             zone_of(org.org().timezone));
    expected = reporters(org, book, team_id, kind, period, holidays);
    reports = store::list_reports(*c, actor.org, kind, period.start,
                                  period.start + std::chrono::days{1}, std::nullopt);
    std::vector<std::int64_t> ids;
    for (const auto& r : reports) ids.push_back(r.id);
    comments = store::count_report_comments(*c, actor.org, ids);
    read = store::reports_read_by(*c, actor.org, actor.id, ids);
    reminded = store::last_report_reminders(*c, actor.org, period.label);
  }
  out.deadline_passed = now > out.deadline;
  std::map<std::int64_t, const reports::Report*> by_user;
  for (const auto& r : reports) by_user[r.user.value] = &r;
  // Everyone in the team during the period, former members too: the team's week is theirs.
  for (const Reporter& who : expected) {
    MemberWeek m;
    m.user = who.user;
    m.team_name = org.team(who.team)->name;
    auto it = by_user.find(who.user.value);
    // A draft is its author's own: the manager sees only that one exists.
    const reports::Report* r = it == by_user.end() ? nullptr : it->second;
    std::optional<reports::ReportStatus> status;
    if (r) status = r->status;
    m.state = reports::member_state(status, r ? r->late : std::nullopt, now > who.deadline);
    if (r && r->status != reports::ReportStatus::draft) {
      m.report = *r;
      m.comments = comments[r->id];
      m.read_by_me = std::find(read.begin(), read.end(), r->id) != read.end();
    }
    if (auto rem = reminded.find(who.user.value); rem != reminded.end()) {
      m.reminded_at = rem->second;
    }
    ++out.states[m.state];
    out.members.push_back(std::move(m));
  }
  out.rollup_json = data_block_json(
      assemble_data_block(ctx, actor, {ScopeRef::Kind::team, team_id.value}, period, actor.today));
  return out;
}

Result<int> remind_reports(const Context& ctx, const Actor& actor, const std::string& kind_text,
                           const std::string& period_text, const std::vector<std::int64_t>& users) {
  if (!actor.scope().can_write) return Error::forbidden();
  FUPAN_ASSIGN_OR_RETURN(auto kind, kind_of(kind_text));
  FUPAN_ASSIGN_OR_RETURN(auto period, period_of(actor, kind, period_text, "period"));
  if (users.empty()) return Error::missing("user_ids");
  for (std::size_t i = 0; i < users.size(); ++i) {
    const UserRecord* u = actor.snapshot->user(UserId{users[i]});
    const std::string field = "user_ids[" + std::to_string(i) + "]";
    if (!u || !u->active) return Error::invalid(field, detail::no_such_active_user);
    if (u->id == actor.id) return Error::invalid(field, detail::remind_someone_else);
    if (!actor.scope().sees_user(u->id)) return Error::forbidden();
  }
  const Instant now = ctx.clock.now();
  return write_facts<int>(ctx, "", [&](store::Connection& c) -> Result<int> {
    const std::set<std::int64_t> unique(users.begin(), users.end());
    for (auto to : unique) {
      store::ReminderRecord rec;
      rec.from = actor.id;
      rec.to = UserId{to};
      rec.kind = "report";
      rec.note = period.label;
      rec.created_at = now;
      rec.id = store::insert_reminder(c, actor.org, rec);
      JsonWriter w;
      w.begin_object();
      w.field("to_user_id", to);
      w.field("kind", "report");
      w.field("report_kind", reports::report_kind_name(kind));
      w.field("period", period.label);
      w.end_object();
      audit_json(c, actor, "create", "reminder", rec.id, std::nullopt, std::move(w).str(), now);
    }
    return static_cast<int>(unique.size());
  });
}

Result<ReportStats> report_stats(const Context& ctx, const Actor& actor,
                                 std::optional<std::int64_t> team, const std::string& kind_text,
                                 const std::string& to, int count) {
  FUPAN_ASSIGN_OR_RETURN(auto kind, kind_of(kind_text));
  if (count < 1 || count > kMaxPeriods) {
    return Error::invalid("count", detail::integer_range(1, kMaxPeriods));
  }
  FUPAN_ASSIGN_OR_RETURN(auto last, period_of(actor, kind, to, "to"));
  FUPAN_ASSIGN_OR_RETURN(auto team_id, team_for(actor, team));
  const OrgSnapshot& org = *actor.snapshot;
  const auto holidays = org_holidays(ctx, actor.org);
  ReportStats out;
  out.kind = kind;
  out.to = last;
  std::vector<Period> periods{last};
  while (static_cast<int>(periods.size()) < count) {
    periods.insert(periods.begin(),
                   reports::report_period_of(kind, periods.front().start - std::chrono::days{1}));
  }
  std::vector<reports::Report> rows;
  std::vector<std::vector<Reporter>> expected;
  {
    auto c = ctx.db.acquire();
    const TemplateBook book(*c, org);
    out.kinds = book.kinds_in_use();
    for (const Period& p : periods) {
      expected.push_back(reporters(org, book, team_id, kind, p, holidays));
    }
    rows = store::list_reports(*c, actor.org, kind, periods.front().start, last.end, std::nullopt);
  }
  std::map<std::pair<std::string, std::int64_t>, const reports::Report*> by_key;
  for (const auto& r : rows) by_key[{r.period, r.user.value}] = &r;
  const Instant now = ctx.clock.now();
  std::map<std::int64_t, std::size_t> person_at;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    PeriodStats s{periods[i], {}};
    for (const Reporter& who : expected[i]) {
      auto it = by_key.find({periods[i].label, who.user.value});
      const std::optional<bool> late = it == by_key.end() ? std::nullopt : it->second->late;
      const bool passed = now > who.deadline;
      s.tally.add(late, passed);
      auto [pos, added] = person_at.emplace(who.user.value, out.people.size());
      if (added) out.people.push_back({who.user, {}});
      out.people[pos->second].tally.add(late, passed);
    }
    out.periods.push_back(std::move(s));
  }
  return out;
}

}  // namespace fupan::service
