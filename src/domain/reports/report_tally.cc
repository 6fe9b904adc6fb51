#include "domain/reports/report_tally.h"

namespace fupan::reports {

std::string_view member_state_name(MemberState s) {
  switch (s) {
    case MemberState::on_time:
      return "on_time";
    case MemberState::late:
      return "late";
    case MemberState::reviewed:
      return "reviewed";
    case MemberState::returned:
      return "returned";
    case MemberState::draft:
      return "draft";
    case MemberState::pending:
      return "pending";
    case MemberState::missing:
      return "missing";
  }
  return "missing";
}

MemberState member_state(std::optional<ReportStatus> status, std::optional<bool> late,
                         bool deadline_passed) {
  if (status == ReportStatus::reviewed) return MemberState::reviewed;
  if (status == ReportStatus::returned) return MemberState::returned;
  if (status == ReportStatus::submitted)
    return late.value_or(false) ? MemberState::late : MemberState::on_time;
  if (status == ReportStatus::draft) return MemberState::draft;
  return deadline_passed ? MemberState::missing : MemberState::pending;
}

void Tally::add(std::optional<bool> submitted_late, bool deadline_passed) {
  ++expected;
  if (!submitted_late) {
    ++(deadline_passed ? missing : pending);
  } else {
    ++(*submitted_late ? late : on_time);
  }
}

std::optional<double> Tally::on_time_rate() const {
  const int due = expected - pending;
  if (due == 0) return std::nullopt;
  return static_cast<double>(on_time) / due;
}

}  // namespace fupan::reports
