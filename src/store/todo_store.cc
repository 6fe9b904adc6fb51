#include "store/todo_store.h"

namespace fupan::store {
namespace {

constexpr const char* kSnooze =
    "INSERT INTO todo_snoozes (org_id, kind, record_id, until_day, user_id, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, kind, record_id) DO UPDATE SET"
    " until_day = excluded.until_day, user_id = excluded.user_id, created_at = excluded.created_at";
constexpr const char* kInsertReminder =
    "INSERT INTO todo_reminders (org_id, from_user_id, to_user_id, kind, record_id, note,"
    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kRemindersTo =
    "SELECT id, from_user_id, to_user_id, kind, record_id, note, created_at, read_at"
    " FROM todo_reminders WHERE org_id = ? AND to_user_id = ? AND created_at >= ?"
    " ORDER BY created_at DESC, id DESC LIMIT 200";
constexpr const char* kMarkRead =
    "UPDATE todo_reminders SET read_at = ? WHERE org_id = ? AND to_user_id = ? AND read_at IS NULL";
constexpr const char* kLastReminded =
    "SELECT to_user_id, MAX(created_at) FROM todo_reminders WHERE org_id = ? AND created_at >= ?"
    " GROUP BY to_user_id";

constexpr const char* kLastRemindedItems =
    "SELECT kind, record_id, MAX(created_at) FROM todo_reminders WHERE org_id = ? AND"
    " record_id IS NOT NULL AND created_at >= ? GROUP BY kind, record_id";

}  // namespace

const char* const kNotSnoozed =
    "NOT EXISTS (SELECT 1 FROM todo_snoozes z WHERE z.org_id = t.org_id AND z.kind = 'stalled'"
    " AND z.record_id = t.id AND z.until_day > ?)";

void snooze_todo(Connection& c, OrgId org, std::string_view kind, std::int64_t record_id,
                 LocalDate until, UserId by, Instant at) {
  c.exec(kSnooze,
         {org.value, std::string(kind), record_id, format_date(until), by.value, to_ms(at)});
}

std::int64_t insert_reminder(Connection& c, OrgId org, const ReminderRecord& r) {
  return c
      .query(kInsertReminder, {org.value, r.from.value, r.to.value, r.kind,
                               r.record ? Value{*r.record} : Value{}, r.note, to_ms(r.created_at)})
      .i64(0, 0);
}

std::vector<ReminderRecord> reminders_to(Connection& c, OrgId org, UserId user, Instant since) {
  auto rows = c.query(kRemindersTo, {org.value, user.value, to_ms(since)});
  std::vector<ReminderRecord> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ReminderRecord r;
    r.id = rows.i64(i, 0);
    r.from = UserId{rows.i64(i, 1)};
    r.to = UserId{rows.i64(i, 2)};
    r.kind = rows.str(i, 3);
    r.record = rows.opt_i64(i, 4);
    r.note = rows.str(i, 5);
    r.created_at = instant_from_ms(rows.i64(i, 6));
    if (auto read = rows.opt_i64(i, 7)) r.read_at = instant_from_ms(*read);
    out.push_back(std::move(r));
  }
  return out;
}

std::int64_t mark_reminders_read(Connection& c, OrgId org, UserId user, Instant at) {
  return c.exec(kMarkRead, {to_ms(at), org.value, user.value});
}

std::map<std::int64_t, Instant> last_reminded(Connection& c, OrgId org, Instant since) {
  std::map<std::int64_t, Instant> out;
  auto rows = c.query(kLastReminded, {org.value, to_ms(since)});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out[rows.i64(i, 0)] = instant_from_ms(rows.i64(i, 1));
  }
  return out;
}

std::map<std::pair<std::string, std::int64_t>, Instant> last_reminded_items(Connection& c,
                                                                            OrgId org,
                                                                            Instant since) {
  std::map<std::pair<std::string, std::int64_t>, Instant> out;
  auto rows = c.query(kLastRemindedItems, {org.value, to_ms(since)});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out[{rows.str(i, 0), rows.i64(i, 1)}] = instant_from_ms(rows.i64(i, 2));
  }
  return out;
}

std::vector<TodoKey> todo_keys(Connection& c, OrgId org, std::string_view table,
                               std::string_view rank, bool rank_is_day, const std::string& where,
                               const std::vector<Value>& params) {
  std::string sql = "SELECT t.id, t.owner_id, " + std::string(rank) + " FROM " +
                    std::string(table) + " t WHERE t.org_id = ?";
  if (!where.empty()) sql += " AND (" + where + ")";
  std::vector<Value> all{org.value};
  all.insert(all.end(), params.begin(), params.end());
  std::vector<TodoKey> out;
  c.for_each(sql, all, [&](const RowCursor& r) {
    TodoKey k;
    k.id = r.i64(0);
    k.owner = r.i64(1);
    if (rank_is_day) {
      k.day = std::string(r.text(2));
    } else {
      k.since_ms = r.i64(2);
    }
    out.push_back(std::move(k));
  });
  return out;
}

std::map<std::int64_t, Instant> last_activity_of_opportunities(
    Connection& c, OrgId org, const std::vector<std::int64_t>& opportunity_ids) {
  // `+org_id`: the lookup must go by activities_opportunity; an index on the org would scan every
  // activity of a large org (10M: 40 s).
  std::map<std::int64_t, Instant> out;
  if (opportunity_ids.empty()) return out;
  const std::string sql =
      "SELECT opportunity_id, MAX(started_at) FROM activities WHERE +org_id = ? AND opportunity_id"
      " IN (" +
      placeholders(opportunity_ids.size()) + ") GROUP BY opportunity_id";
  std::vector<Value> params{org.value};
  params.insert(params.end(), opportunity_ids.begin(), opportunity_ids.end());
  auto rows = c.query(sql, params);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out[rows.i64(i, 0)] = instant_from_ms(rows.i64(i, 1));
  }
  return out;
}
}  // namespace fupan::store
