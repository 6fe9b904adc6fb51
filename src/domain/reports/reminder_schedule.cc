#include "domain/reports/reminder_schedule.h"

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

}  // namespace fupan::reports
