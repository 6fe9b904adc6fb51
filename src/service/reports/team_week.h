// The manager's screens of reports (SPEC §4): a team's week (or day, or month) in one place — who
// is expected, who handed in on time, late or not at all, read receipts, comments — with the
// team's roll-up data block; one-click reminders; and the on-time statistics over periods.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/reports/report_tally.h"
#include "service/platform/context.h"

namespace fupan::service {

struct MemberWeek {
  UserId user;
  std::string team_name;
  reports::MemberState state = reports::MemberState::missing;
  std::optional<reports::Report> report;  // without content
  std::int64_t comments = 0;
  bool read_by_me = false;
  std::optional<Instant> reminded_at;  // the newest report reminder this period
};

struct TeamWeek {
  reports::ReportKind kind = reports::ReportKind::week;
  std::vector<reports::ReportKind> kinds;  // the kinds someone in the org writes
  Period period;
  Instant deadline{};  // the team's template's
  bool deadline_passed = false;
  TeamId team;
  std::vector<MemberWeek> members;
  std::map<reports::MemberState, int> states;  // how many members are in each (they add up)
  std::string rollup_json;                     // the team's data block
};

// The `kind` ("week" when empty; "day", "month") reports of `period` (empty: the current one)
// of `team` (none: the first team whose numbers the actor sees, one they lead first); not_found
// unless the actor sees the team's numbers. Members are those expected to write that kind.
Result<TeamWeek> team_week(const Context& ctx, const Actor& actor, std::optional<std::int64_t> team,
                           const std::string& kind, const std::string& period);

// Sends each of `users` (seen by the actor, not the actor) an in-app reminder to hand in their
// `kind` report of `period`; returns how many were sent.
Result<int> remind_reports(const Context& ctx, const Actor& actor, const std::string& kind,
                           const std::string& period, const std::vector<std::int64_t>& users);

struct PeriodStats {
  Period period;
  reports::Tally tally;
};
struct PersonStats {
  UserId user;
  reports::Tally tally;
};
struct ReportStats {
  reports::ReportKind kind = reports::ReportKind::week;
  std::vector<reports::ReportKind> kinds;  // the kinds someone in the org writes
  Period to;
  std::vector<PeriodStats> periods;  // oldest first
  std::vector<PersonStats> people;
};
// The on-time statistics of `team`'s `kind` reports over the `count` periods ending with `to`
// (empty: the current one).
Result<ReportStats> report_stats(const Context& ctx, const Actor& actor,
                                 std::optional<std::int64_t> team, const std::string& kind,
                                 const std::string& to, int count);

// The people of `team` and its sub-teams who write reports in `period`: active, holding the rep
// role, a member during the period; with the team they were in. By name order of the org.
// Whether they write a given kind is TemplateBook::expects.
std::vector<std::pair<UserId, TeamId>> expected_reporters(const OrgSnapshot& org, TeamId team,
                                                          const Period& period);

}  // namespace fupan::service
