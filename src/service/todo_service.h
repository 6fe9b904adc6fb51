// The to-do list (follow-up reminders): customers whose next follow-up date has passed and open
// opportunities that have stalled (no activity for the org's stall_days), most urgent first.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/entity_record.h"
#include "service/context.h"

namespace fupan::service {

enum class TodoScope {
  own,   // the actor's own customers and opportunities
  team,  // everything the actor's data scope holds
};

struct OverdueFollowUp {
  EntityRecord customer;
  std::int64_t days_overdue = 0;  // today − next_follow_up, in the org's calendar days
};

struct StalledOpportunity {
  EntityRecord opportunity;
  std::optional<Instant> last_activity_at;  // empty when it never had an activity
  std::int64_t days_idle = 0;  // whole days since the last activity (or since it was created)
};

struct Todos {
  std::vector<OverdueFollowUp> follow_ups;  // longest overdue first, at most kTodoItems
  std::int64_t follow_ups_total = 0;
  std::vector<StalledOpportunity> stalled;  // longest idle first, at most kTodoItems
  std::int64_t stalled_total = 0;
  int stall_days = 14;
};

inline constexpr std::int64_t kTodoItems = 100;

// Loads the actor's to-do list as of now.
Result<Todos> load_todos(const Context& ctx, const Actor& actor, TodoScope scope);
// Renders {follow_ups:[customer + days_overdue], follow_ups_total, stalled:[opportunity +
// last_activity_at + days_idle], stalled_total, stall_days, today}.
std::string render_todos(const Context& ctx, const Actor& actor, const Todos& todos);

}  // namespace fupan::service
