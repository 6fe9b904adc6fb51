#include "store/plan_task_store.h"

namespace fupan::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, user_id, day, title, important, urgent, done_at, version, created_at, "
    "updated_at FROM plan_tasks ";

goals::PlanTask task_from(const Rows& r, std::size_t i) {
  goals::PlanTask t;
  t.id = r.i64(i, 0);
  t.user = UserId{r.i64(i, 1)};
  t.day = parse_date(r.str(i, 2)).value_or(LocalDate{});
  t.title = r.str(i, 3);
  t.important = r.i64(i, 4) != 0;
  t.urgent = r.i64(i, 5) != 0;
  if (!r.is_null(i, 6)) t.done_at = instant_from_ms(r.i64(i, 6));
  t.version = r.i64(i, 7);
  t.created_at = instant_from_ms(r.i64(i, 8));
  t.updated_at = instant_from_ms(r.i64(i, 9));
  return t;
}

Value done_value(const goals::PlanTask& t) {
  return t.done_at ? Value{to_ms(*t.done_at)} : null_value;
}

}  // namespace

std::int64_t insert_plan_task(Connection& c, OrgId org, const goals::PlanTask& t) {
  auto r = c.query(
      "INSERT INTO plan_tasks (org_id, user_id, day, title, important, urgent, done_at, version, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org.value, t.user.value, format_date(t.day), t.title, std::int64_t{t.important},
       std::int64_t{t.urgent}, done_value(t), t.version, to_ms(t.created_at), to_ms(t.updated_at)});
  return r.i64(0, 0);
}

std::optional<goals::PlanTask> find_plan_task(Connection& c, OrgId org, std::int64_t id) {
  auto rows = c.query(std::string(kColumns) + "WHERE org_id = ? AND id = ?", {org.value, id});
  if (rows.empty()) return std::nullopt;
  return task_from(rows, 0);
}

WriteOutcome update_plan_task(Connection& c, OrgId org, const goals::PlanTask& t,
                              std::int64_t expected) {
  auto n = c.exec(
      "UPDATE plan_tasks SET title = ?, important = ?, urgent = ?, done_at = ?, version = ?, "
      "updated_at = ? WHERE org_id = ? AND id = ? AND version = ?",
      {t.title, std::int64_t{t.important}, std::int64_t{t.urgent}, done_value(t), t.version,
       to_ms(t.updated_at), org.value, t.id, expected});
  return version_outcome(c, n, "plan_tasks", t.id);
}

WriteOutcome delete_plan_task(Connection& c, OrgId org, std::int64_t id, std::int64_t expected) {
  auto n = c.exec("DELETE FROM plan_tasks WHERE org_id = ? AND id = ? AND version = ?",
                  {org.value, id, expected});
  return version_outcome(c, n, "plan_tasks", id);
}

std::vector<goals::PlanTask> list_plan_tasks(Connection& c, OrgId org, UserId user, LocalDate day,
                                             int carry_days) {
  const LocalDate from = LocalDate::from_days(day.days() - std::chrono::days{carry_days});
  // Dates as YYYY-MM-DD text compare as dates.
  auto rows =
      c.query(std::string(kColumns) +
                  "WHERE org_id = ? AND user_id = ? AND (day = ? OR (day >= ? AND day < ? "
                  "AND done_at IS NULL)) ORDER BY day, id",
              {org.value, user.value, format_date(day), format_date(from), format_date(day)});
  std::vector<goals::PlanTask> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(task_from(rows, i));
  return out;
}

}  // namespace fupan::store
