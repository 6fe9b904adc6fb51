// SQL for the to-do list's own state (service/crm/todo_service.h): stalled opportunities snoozed
// until a day, and reminders (催办) a manager sent to a member of the team.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "store/database.h"

namespace fupan::store {

// The condition (over opportunities aliased `t`, one `?`: today as YYYY-MM-DD) that keeps the
// open opportunities not snoozed past today.
extern const char* const kNotSnoozed;

// Snoozes the to-do of `kind` ("stalled") about `record_id` until `until` (the first day it shows
// again), replacing an earlier snooze.
void snooze_todo(Connection& c, OrgId org, std::string_view kind, std::int64_t record_id,
                 LocalDate until, UserId by, Instant at);

struct ReminderRecord {
  std::int64_t id = 0;
  UserId from, to;
  std::string kind;                    // "follow_up", "stalled", or "all" (the whole list)
  std::optional<std::int64_t> record;  // the customer or opportunity, for one item
  std::string note;
  Instant created_at{};
  std::optional<Instant> read_at;
};

// Stores `r` (its id is ignored) and returns its id.
std::int64_t insert_reminder(Connection& c, OrgId org, const ReminderRecord& r);
// The newest activity's start of each of these opportunities that has one.
std::map<std::int64_t, Instant> last_activity_of_opportunities(
    Connection& c, OrgId org, const std::vector<std::int64_t>& opportunity_ids);
// The reminders sent to `user` since `since`, newest first.
std::vector<ReminderRecord> reminders_to(Connection& c, OrgId org, UserId user, Instant since);
// Marks every unread reminder to `user` read; returns how many.
std::int64_t mark_reminders_read(Connection& c, OrgId org, UserId user, Instant at);
// When each user was last sent a reminder (anything) since `since`.
std::map<std::int64_t, Instant> last_reminded(Connection& c, OrgId org, Instant since);
// When each item (kind, record id) was last the subject of a reminder since `since`.
std::map<std::pair<std::string, std::int64_t>, Instant> last_reminded_items(Connection& c,
                                                                            OrgId org,
                                                                            Instant since);
// One to-do found: the record, its owner, and what it is ranked by (a follow-up day as text, or
// the instant an opportunity went idle, in ms).
struct TodoKey {
  std::int64_t id = 0, owner = 0;
  std::string day;
  std::int64_t since_ms = 0;
};
// `SELECT t.id, t.owner_id, <rank> FROM <table> t WHERE t.org_id = ? AND (<where>)`: every to-do of
// one kind in one pass, so the totals, each person's counts and the first page come from it.
std::vector<TodoKey> todo_keys(Connection& c, OrgId org, std::string_view table,
                               std::string_view rank, bool rank_is_day, const std::string& where,
                               const std::vector<Value>& params);

}  // namespace fupan::store
