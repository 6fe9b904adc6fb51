#include "service/todo_service.h"

#include <map>

#include "service/entity_access.h"
#include "service/entity_json.h"
#include "store/entity_store.h"

namespace fupan::service {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

// When an opportunity was last worked on: its latest activity, else its creation. (Ids are
// unique across orgs, and the opportunity alone keeps the lookup on activities_opportunity.)
constexpr const char* kIdleSince =
    "COALESCE((SELECT MAX(a.started_at) FROM activities a WHERE a.opportunity_id = t.id),"
    " t.created_at)";
constexpr const char* kLastActivities =
    "SELECT opportunity_id, MAX(started_at) FROM activities WHERE org_id = ? AND opportunity_id"
    " IN ";

const EntityKind& kind_named(std::string_view name) {
  return *find_entity_kind(name);
}

// The condition for the actor's records of `kind`: their own (by `owner_column`), or all they see.
void restrict_to(store::EntityQuery& q, const Actor& actor, const EntityKind& kind, TodoScope scope,
                 std::string_view owner_column) {
  if (scope == TodoScope::own) {
    q.where += " AND t." + std::string(owner_column) + " = ?";
    q.params.emplace_back(actor.id.value);
    return;
  }
  SqlCondition visible = visible_condition(actor, kind);
  if (visible.sql.empty()) return;
  q.where += " AND (" + visible.sql + ")";
  q.params.insert(q.params.end(), visible.params.begin(), visible.params.end());
}

std::map<std::int64_t, Instant> last_activities(store::Connection& c, OrgId org,
                                                const std::vector<EntityRecord>& opportunities) {
  std::map<std::int64_t, Instant> out;
  if (opportunities.empty()) return out;
  std::string sql = kLastActivities;
  std::vector<store::Value> params{org.value};
  sql += "(";
  for (std::size_t i = 0; i < opportunities.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(opportunities[i].id);
  }
  sql += ") GROUP BY opportunity_id";
  auto rows = c.query(sql, params);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out[rows.i64(i, 0)] = instant_from_ms(rows.i64(i, 1));
  }
  return out;
}

}  // namespace

Result<Todos> load_todos(const Context& ctx, const Actor& actor, TodoScope scope) {
  Todos todos;
  todos.stall_days = actor.snapshot->org().stall_days;
  const Instant now = ctx.clock.now();
  auto conn = ctx.db.acquire();

  const EntityKind& customers = kind_named("customer");
  store::EntityQuery due;
  due.where = "t.next_follow_up < ?";
  due.params.emplace_back(format_date(actor.today));
  restrict_to(due, actor, customers, scope, "owner_id");
  due.order_by = "t.next_follow_up ASC, t.id ASC";
  due.limit = kTodoItems;
  todos.follow_ups_total = store::count_entities(*conn, actor.org, customers, due);
  for (EntityRecord& r : store::query_entities(*conn, actor.org, customers, due)) {
    const auto day = parse_date(r.text("next_follow_up"));
    const std::int64_t overdue = day ? (actor.today - *day).count() : 0;
    todos.follow_ups.push_back({std::move(r), overdue});
  }

  const EntityKind& opportunities = kind_named("opportunity");
  store::EntityQuery idle;
  idle.where = "t.status = 'open' AND " + std::string(kIdleSince) + " < ?";
  idle.params.emplace_back(to_ms(now) - todos.stall_days * kDayMs);
  restrict_to(idle, actor, opportunities, scope, "owner_id");
  idle.order_by = std::string(kIdleSince) + " ASC, t.id ASC";
  idle.limit = kTodoItems;
  todos.stalled_total = store::count_entities(*conn, actor.org, opportunities, idle);
  auto stalled = store::query_entities(*conn, actor.org, opportunities, idle);
  const auto last = last_activities(*conn, actor.org, stalled);
  for (EntityRecord& r : stalled) {
    StalledOpportunity s;
    auto it = last.find(r.id);
    if (it != last.end()) s.last_activity_at = it->second;
    const Instant since = s.last_activity_at.value_or(r.created_at);
    s.days_idle = (to_ms(now) - to_ms(since)) / kDayMs;
    s.opportunity = std::move(r);
    todos.stalled.push_back(std::move(s));
  }
  return todos;
}

std::string render_todos(const Context& ctx, const Actor& actor, const Todos& todos) {
  RefNames names;
  for (const auto& f : todos.follow_ups) names.collect(f.customer);
  for (const auto& s : todos.stalled) names.collect(s.opportunity);
  {
    auto conn = ctx.db.acquire();
    names.load(*conn, actor.org);
  }
  JsonWriter w;
  w.begin_object();
  w.key("follow_ups").begin_array();
  for (const auto& f : todos.follow_ups) {
    w.begin_object();
    write_entity_members(w, f.customer, *actor.snapshot, &names);
    w.field("days_overdue", f.days_overdue);
    w.end_object();
  }
  w.end_array();
  w.field("follow_ups_total", todos.follow_ups_total);
  w.key("stalled").begin_array();
  for (const auto& s : todos.stalled) {
    w.begin_object();
    write_entity_members(w, s.opportunity, *actor.snapshot, &names);
    w.key("last_activity_at");
    if (s.last_activity_at) {
      w.value(format_rfc3339(*s.last_activity_at));
    } else {
      w.null();
    }
    w.field("days_idle", s.days_idle);
    w.end_object();
  }
  w.end_array();
  w.field("stalled_total", todos.stalled_total);
  w.field("stall_days", todos.stall_days);
  w.field("today", format_date(actor.today));
  w.end_object();
  return std::move(w).str();
}

}  // namespace fupan::service
