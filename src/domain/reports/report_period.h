// The period a report covers and its deadline (SPEC §4): a day, an ISO week or a month of the
// org's calendar; the deadline is a local time a number of days from the period's last day
// ("Friday 18:00" is two days before a week's Sunday), an instant in the org's time zone. Pure.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/period.h"

namespace fupan::reports {

enum class ReportKind { day, week, month };

std::string_view report_kind_name(ReportKind kind);
std::optional<ReportKind> parse_report_kind(std::string_view text);
// 日报, 周报, 月报: the kind as people name it in messages and file names.
std::string_view report_kind_zh(ReportKind kind);
PeriodKind period_kind_of(ReportKind kind);

// Parses `text` as a period of `kind` ("2026-12-07", "2026-W49", "2026-12"); anything else is
// invalid("period", report_period).
Result<Period> parse_report_period(ReportKind kind, std::string_view text);
// The period of `kind` holding `day`, and the one after `p`.
Period report_period_of(ReportKind kind, LocalDate day);
Period next_report_period(ReportKind kind, const Period& p);

// Whether a period has a report at all: a day's only on a working day (Monday to Friday, not in
// `holidays`, sorted); a week or a month always.
bool has_report(ReportKind kind, const Period& p, const std::vector<LocalDate>& holidays);

// When a period's report is due: `day_offset` days from the period's last day (negative:
// before it), at `minute` minutes past local midnight.
struct Deadline {
  int day_offset = -2;
  int minute = 18 * 60;
  friend bool operator==(const Deadline&, const Deadline&) = default;
};
inline constexpr int kMaxDeadlineOffset = 31;

// The deadline's local day for `p`.
LocalDate deadline_day(const Period& p, const Deadline& d);
// The deadline's instant for `p` in `zone` (a local time a DST gap skips: the gap's end).
Instant deadline_instant(const Period& p, const Deadline& d, const date::time_zone* zone);
// A submission is on time when it is at or before the deadline.
inline bool is_late(Instant submitted, Instant deadline) {
  return submitted > deadline;
}

// "18:00" ↔ 1080; nullopt unless HH:MM with HH 00–23 and MM 00–59.
std::optional<int> parse_time_of_day(std::string_view text);
std::string format_time_of_day(int minute);

}  // namespace fupan::reports
