// The to-do list: customers whose next follow-up date has passed and open opportunities that have
// stalled (no activity for the org's stall_days), most urgent first. A manager's or director's
// team view groups them by person with counts, and can send a reminder (催办) about one item or a
// person's whole list; whoever may change a record can mark its to-do done or snooze it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/entity_json.h"
#include "domain/entity_record.h"
#include "service/platform/context.h"
#include "service/reviews/action_items.h"
#include "store/todo_store.h"

namespace fupan::service {

enum class TodoScope {
  own,   // the actor's own customers and opportunities
  team,  // everything the actor's data scope holds
};

struct TodoFilter {
  TodoScope scope = TodoScope::own;
  std::optional<UserId> owner;  // team view: only this person's items
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

// One person's share of a team's to-dos.
struct PersonTodos {
  UserId user;
  std::int64_t follow_ups = 0, stalled = 0;
  std::optional<Instant> last_reminded_at;  // the newest reminder sent to them (30 days)
};

struct Todos {
  std::vector<OverdueFollowUp> follow_ups;  // longest overdue first, at most kTodoItems
  std::int64_t follow_ups_total = 0;
  std::vector<StalledOpportunity> stalled;  // longest idle first, at most kTodoItems
  std::int64_t stalled_total = 0;
  int stall_days = 14;
  std::vector<PersonTodos> people;  // team view: everyone with a to-do, most first
  // Reminders sent to the actor in the last 30 days, newest first (unread ones carry no read_at).
  std::vector<store::ReminderRecord> reminders;
  // Own view: the actor's open action items of reviews (复盘), by due date.
  std::vector<ActionItemLine> action_items;

  // What the list shows beside its records: the names of their references, when each item was
  // last reminded (by kind "follow_up" / "stalled" and record id), the reminders' record names.
  RefNames names;
  std::map<std::pair<std::string, std::int64_t>, Instant> reminded;
  std::map<std::pair<std::string, std::int64_t>, std::string> reminder_records;
};

inline constexpr std::int64_t kTodoItems = 100;

// Loads the actor's to-do list as of now.
Result<Todos> load_todos(const Context& ctx, const Actor& actor, const TodoFilter& filter);

// A reminder (催办) to `to` about one to-do (kind follow_up or stalled, with its record) or their
// whole list (kind "all"): only to someone else within the actor's data scope, about a record of
// theirs the actor sees.
struct ReminderInput {
  UserId to;
  std::string kind = "all";
  std::optional<std::int64_t> record_id;
  std::string note;
};
Result<store::ReminderRecord> send_reminder(const Context& ctx, const Actor& actor,
                                            const ReminderInput& in);
// Marks the reminders sent to the actor read; returns how many were unread.
std::int64_t read_reminders(const Context& ctx, const Actor& actor);

// Done or snoozed: a follow-up moves the customer's next follow-up (to `until`, or clears it when
// done); a stalled opportunity leaves the list until `until` (done: for the org's stall_days).
// `version` is the customer's (a follow-up changes it; 409 when stale).
struct TodoAction {
  std::string kind;  // follow_up or stalled
  std::int64_t record_id = 0;
  std::optional<std::int64_t> version;
  std::optional<LocalDate> until;  // snooze; absent: done
};
struct TodoActionResult {
  std::string kind;
  std::int64_t record_id = 0;
  std::optional<LocalDate> until;
  std::optional<std::int64_t> version;  // the customer's new version (follow_up)
};
Result<TodoActionResult> act_on_todo(const Context& ctx, const Actor& actor, const TodoAction& in);

}  // namespace fupan::service
