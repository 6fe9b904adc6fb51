#include "domain/reports/reminder_schedule.h"

#include <algorithm>

namespace fupan::reports {

std::string_view reminder_stage_name(ReminderStage s) {
  return s == ReminderStage::before ? "before" : "after";
}

std::optional<ReminderStage> due_stage(Instant deadline, Instant now) {
  if (now >= deadline - kRemindBefore && now < deadline) return ReminderStage::before;
  const Instant after = deadline + kRemindAfter;
  if (now >= after && now < after + std::chrono::hours{24}) return ReminderStage::after;
  return std::nullopt;
}

std::vector<Period> periods_to_remind(ReportKind kind, const std::vector<Deadline>& deadlines,
                                      LocalDate today) {
  std::vector<Period> out;
  for (const Deadline& d : deadlines) {
    for (int back = 2; back >= -1; --back) {
      // The period whose last day is `day_offset` days before the deadline's day.
      const LocalDate deadline_day = today - std::chrono::days{back};
      const Period p = report_period_of(kind, deadline_day - std::chrono::days{d.day_offset});
      if (reports::deadline_day(p, d) != deadline_day) continue;
      const bool known =
          std::any_of(out.begin(), out.end(), [&](const Period& q) { return q.label == p.label; });
      if (!known) out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Period& a, const Period& b) { return a.start < b.start; });
  return out;
}

}  // namespace fupan::reports
