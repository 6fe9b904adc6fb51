#include "service/crm/todo_service.h"

#include <algorithm>
#include <map>

#include "domain/entity_json.h"
#include "domain/org_validation.h"
#include "service/crm/entity_access.h"
#include "service/crm/entity_service.h"
#include "service/crm/ref_names.h"
#include "service/platform/write.h"
#include "store/entity_store.h"
#include "store/todo_store.h"

namespace fupan::service {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int kReminderDays = 30;  // how long a reminder shows
constexpr int kMaxSnoozeDays = 366;

// When an opportunity was last worked on: its latest activity, else its creation. (Ids are
// unique across orgs, and the opportunity alone keeps the lookup on activities_opportunity.)
constexpr const char* kIdleSince =
    "COALESCE((SELECT MAX(a.started_at) FROM activities a WHERE a.opportunity_id = t.id),"
    " t.created_at)";
const EntityKind& kind_named(std::string_view name) {
  return *find_entity_kind(name);
}

// The condition for the filter's records of `kind`: the actor's own (by `owner_column`), or all
// they see (one person's when the filter names an owner).
void restrict_to(store::EntityQuery& q, const Actor& actor, const EntityKind& kind,
                 const TodoFilter& filter, std::string_view owner_column) {
  const std::string owner = "t." + std::string(owner_column) + " = ?";
  if (filter.scope == TodoScope::own) {
    q.where += " AND " + owner;
    q.params.emplace_back(actor.id.value);
    return;
  }
  if (filter.owner) {
    q.where += " AND " + owner;
    q.params.emplace_back(filter.owner->value);
  }
  SqlCondition visible = visible_condition(actor, kind);
  if (visible.sql.empty()) return;
  q.where += " AND (" + visible.sql + ")";
  q.params.insert(q.params.end(), visible.params.begin(), visible.params.end());
}

std::map<std::int64_t, Instant> last_activities(store::Connection& c, OrgId org,
                                                const std::vector<EntityRecord>& opportunities) {
  std::vector<std::int64_t> ids;
  ids.reserve(opportunities.size());
  for (const EntityRecord& o : opportunities) ids.push_back(o.id);
  return store::last_activity_of_opportunities(c, org, ids);
}

// The conditions of the two kinds of to-do for `filter`, as of `now` and the actor's today.
store::EntityQuery follow_up_query(const Actor& actor, const TodoFilter& filter) {
  store::EntityQuery due;
  due.where = "t.next_follow_up < ?";
  due.params.emplace_back(format_date(actor.today));
  restrict_to(due, actor, kind_named("customer"), filter, "owner_id");
  return due;
}

store::EntityQuery stalled_query(const Actor& actor, const TodoFilter& filter, Instant now,
                                 int stall_days) {
  store::EntityQuery idle;
  idle.where = "t.status = 'open' AND " + std::string(kIdleSince) + " < ? AND " +
               std::string(store::kNotSnoozed);
  idle.params.emplace_back(to_ms(now) - stall_days * kDayMs);
  idle.params.emplace_back(format_date(actor.today));
  restrict_to(idle, actor, kind_named("opportunity"), filter, "owner_id");
  return idle;
}

Instant reminders_since(Instant now) {
  return instant_from_ms(to_ms(now) - kReminderDays * kDayMs);
}

// The records of `kind` with the ids of `keys` (at most kTodoItems), in the keys' order.
std::vector<EntityRecord> records_of(store::Connection& c, OrgId org, const EntityKind& kind,
                                     const std::vector<store::TodoKey>& keys) {
  if (keys.empty()) return {};
  store::EntityQuery q;
  q.where = "t.id IN (";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    q.where += i ? ", ?" : "?";
    q.params.emplace_back(keys[i].id);
  }
  q.where += ")";
  q.limit = static_cast<std::int64_t>(keys.size());
  std::map<std::int64_t, EntityRecord> by_id;
  for (EntityRecord& r : store::query_entities(c, org, kind, q)) by_id.emplace(r.id, std::move(r));
  std::vector<EntityRecord> out;
  for (const store::TodoKey& k : keys) {
    if (auto it = by_id.find(k.id); it != by_id.end()) out.push_back(std::move(it->second));
  }
  return out;
}

// Sorts `keys` by `earlier` (then id), keeps the first kTodoItems.
template <class Earlier>
std::vector<store::TodoKey> first_page(std::vector<store::TodoKey> keys, Earlier&& earlier) {
  const std::size_t n = std::min<std::size_t>(keys.size(), kTodoItems);
  std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(n), keys.end(),
                    [&](const store::TodoKey& a, const store::TodoKey& b) {
                      return earlier(a, b) || (!earlier(b, a) && a.id < b.id);
                    });
  keys.resize(n);
  return keys;
}

}  // namespace

Result<Todos> load_todos(const Context& ctx, const Actor& actor, const TodoFilter& filter) {
  if (filter.owner && !actor.scope().sees_user(*filter.owner)) {
    return Error::invalid("owner_id", detail::outside_scope);
  }
  Todos todos;
  todos.stall_days = actor.snapshot->org().stall_days;
  const Instant now = ctx.clock.now();
  auto conn = ctx.db.acquire();
  const EntityKind& customers = kind_named("customer");
  const EntityKind& opportunities = kind_named("opportunity");

  // One pass over each kind finds every to-do in the scope: the team view's counts per person come
  // from it, then the one person asked for (if any) is kept for the totals and the first page.
  TodoFilter everyone = filter;
  everyone.owner.reset();
  const store::EntityQuery due = follow_up_query(actor, everyone);
  auto due_keys = store::todo_keys(*conn, actor.org, customers.plural, "t.next_follow_up", true,
                                   due.where, due.params);
  const store::EntityQuery idle = stalled_query(actor, everyone, now, todos.stall_days);
  auto idle_keys = store::todo_keys(*conn, actor.org, opportunities.plural, kIdleSince, false,
                                    idle.where, idle.params);

  const Instant since = reminders_since(now);
  if (filter.scope == TodoScope::team) {
    std::map<std::int64_t, PersonTodos> people;
    for (const auto& k : due_keys) ++people[k.owner].follow_ups;
    for (const auto& k : idle_keys) ++people[k.owner].stalled;
    const auto reminded = store::last_reminded(*conn, actor.org, since);
    for (auto& [user, p] : people) {
      p.user = UserId{user};
      if (auto it = reminded.find(user); it != reminded.end()) p.last_reminded_at = it->second;
      todos.people.push_back(p);
    }
    std::stable_sort(todos.people.begin(), todos.people.end(), [](const auto& a, const auto& b) {
      return a.follow_ups + a.stalled > b.follow_ups + b.stalled;
    });
  } else {
    todos.reminders = store::reminders_to(*conn, actor.org, actor.id, since);
    todos.action_items = open_action_items_of(*conn, actor.org, {actor.id.value});
  }
  if (filter.owner) {
    const std::int64_t owner = filter.owner->value;
    auto others = [&](const store::TodoKey& k) { return k.owner != owner; };
    std::erase_if(due_keys, others);
    std::erase_if(idle_keys, others);
  }

  todos.follow_ups_total = static_cast<std::int64_t>(due_keys.size());
  const auto due_page = first_page(std::move(due_keys), [](const auto& a, const auto& b) {
    return a.day < b.day;  // longest overdue first
  });
  for (EntityRecord& r : records_of(*conn, actor.org, customers, due_page)) {
    const auto day = parse_date(r.text("next_follow_up"));
    const std::int64_t overdue = day ? (actor.today - *day).count() : 0;
    todos.follow_ups.push_back({std::move(r), overdue});
  }

  todos.stalled_total = static_cast<std::int64_t>(idle_keys.size());
  const auto idle_page = first_page(std::move(idle_keys), [](const auto& a, const auto& b) {
    return a.since_ms < b.since_ms;  // longest idle first
  });
  auto stalled = records_of(*conn, actor.org, opportunities, idle_page);
  const auto last = last_activities(*conn, actor.org, stalled);
  for (EntityRecord& r : stalled) {
    StalledOpportunity s;
    auto it = last.find(r.id);
    if (it != last.end()) s.last_activity_at = it->second;
    const Instant idle_since = s.last_activity_at.value_or(r.created_at);
    s.days_idle = (to_ms(now) - to_ms(idle_since)) / kDayMs;
    s.opportunity = std::move(r);
    todos.stalled.push_back(std::move(s));
  }
  for (const auto& f : todos.follow_ups) todos.names.collect(f.customer);
  for (const auto& s : todos.stalled) todos.names.collect(s.opportunity);
  load_ref_names(*conn, actor.org, todos.names);
  todos.reminded = store::last_reminded_items(*conn, actor.org, reminders_since(now));
  for (const auto& r : todos.reminders) {
    // A report reminder's record is a report (its period is the note), not a CRM record.
    if (r.record && r.kind == "action_item") {
      for (const auto& line : todos.action_items) {
        if (line.item.id == *r.record)
          todos.reminder_records[{r.kind, *r.record}] = line.item.title;
      }
      continue;
    }
    if (!r.record || (r.kind != "stalled" && r.kind != "follow_up")) continue;
    const EntityKind& kind = kind_named(r.kind == "stalled" ? "opportunity" : "customer");
    if (auto rec = store::find_entity(*conn, actor.org, kind, *r.record)) {
      todos.reminder_records[{r.kind, *r.record}] = rec->text(kind.label_field);
    }
  }
  return todos;
}

Result<store::ReminderRecord> send_reminder(const Context& ctx, const Actor& actor,
                                            const ReminderInput& in) {
  if (in.kind != "all" && in.kind != "follow_up" && in.kind != "stalled") {
    return Error::invalid("kind", detail::todo_kind);
  }
  // A reminder asks for work: only those who may change the records may send one.
  FUPAN_TRY(check_can_write(actor, kind_named("customer")));
  if (in.to == actor.id) return Error::invalid("user_id", detail::remind_someone_else);
  const UserRecord* to = actor.snapshot->user(in.to);
  if (!to || !to->active) return Error::invalid("user_id", detail::no_such_active_user);
  // A reminder goes down the data scope: to a member of a team the actor leads or oversees.
  if (!actor.scope().sees_user(in.to)) return Error::forbidden();
  if (const std::size_t n = utf8_length(in.note); n == std::string::npos || n > 200) {
    return Error::invalid("note", detail::at_most_chars(200));
  }
  if (in.kind == "all" && in.record_id)
    return Error::invalid("record_id", detail::not_for_kind_all);
  if (in.kind != "all" && !in.record_id) return Error::missing("record_id");
  store::ReminderRecord r;
  r.from = actor.id;
  r.to = in.to;
  r.kind = in.kind;
  r.record = in.record_id;
  r.note = in.note;
  r.created_at = ctx.clock.now();
  return write_facts<store::ReminderRecord>(
      ctx, "", [&](store::Connection& c) -> Result<store::ReminderRecord> {
        if (r.record) {
          const EntityKind& kind = kind_named(r.kind == "stalled" ? "opportunity" : "customer");
          auto rec = store::find_entity(c, actor.org, kind, *r.record);
          if (!rec || !is_visible(c, actor, kind, rec->id)) return Error::not_found();
          if (rec->integer("owner_id").value_or(0) != in.to.value) {
            return Error::invalid("record_id", detail::not_their_todo);
          }
        }
        r.id = store::insert_reminder(c, actor.org, r);
        JsonWriter w;
        w.begin_object();
        w.field("to_user_id", r.to.value);
        w.field("kind", r.kind);
        w.key("record_id");
        r.record ? w.value(*r.record) : w.null();
        w.field("note", r.note);
        w.end_object();
        audit_json(c, actor, "remind", "todo_reminder", r.id, std::nullopt, std::move(w).str(),
                   r.created_at);
        return r;
      });
}

std::int64_t read_reminders(const Context& ctx, const Actor& actor) {
  const Instant now = ctx.clock.now();
  auto read = write_facts<std::int64_t>(ctx, "", [&](store::Connection& c) -> Result<std::int64_t> {
    const std::int64_t n = store::mark_reminders_read(c, actor.org, actor.id, now);
    audit_json(c, actor, "read", "todo_reminder", 0, std::nullopt,
               "{\"read\":" + std::to_string(n) + "}", now);
    return n;
  });
  return read.ok() ? *read : 0;
}

Result<TodoActionResult> act_on_todo(const Context& ctx, const Actor& actor, const TodoAction& in) {
  if (in.kind != "follow_up" && in.kind != "stalled") {
    return Error::invalid("kind", detail::snooze_kind);
  }
  if (in.until &&
      (*in.until <= actor.today || *in.until > actor.today + std::chrono::days{kMaxSnoozeDays})) {
    return Error::invalid("until", detail::snooze_until);
  }
  TodoActionResult out{in.kind, in.record_id, in.until, std::nullopt};
  if (in.kind == "follow_up") {
    // The customer's own next follow-up moves (or is cleared): audited and version-checked.
    if (!in.version) return Error::missing("version");
    const EntityKind& customers = kind_named("customer");
    EntityInput change;
    change.values.resize(customers.fields.size());
    change.values[customers.index_of("next_follow_up")] =
        in.until ? FieldValue{format_date(*in.until)} : FieldValue{};
    change.version = in.version;
    auto updated = update_entity(ctx, actor, customers, in.record_id, change);
    if (!updated.ok()) return updated.error();
    out.version = updated->version;
    return out;
  }
  const EntityKind& opportunities = kind_named("opportunity");
  FUPAN_TRY(check_can_write(actor, opportunities));
  const LocalDate until =
      in.until.value_or(actor.today + std::chrono::days{actor.snapshot->org().stall_days});
  out.until = until;
  const Instant now = ctx.clock.now();
  return write_facts<TodoActionResult>(
      ctx, "", [&](store::Connection& c) -> Result<TodoActionResult> {
        auto rec = store::find_entity(c, actor.org, opportunities, in.record_id);
        if (!rec || !is_visible(c, actor, opportunities, rec->id)) return Error::not_found();
        if (rec->text("status") != "open") return Error::invalid("record_id", detail::not_open);
        store::snooze_todo(c, actor.org, "stalled", rec->id, until, actor.id, now);
        audit_json(c, actor, in.until ? "snooze" : "done", "todo_snooze", rec->id, std::nullopt,
                   "{\"kind\":\"stalled\",\"until\":\"" + format_date(until) + "\"}", now);
        return out;
      });
}

}  // namespace fupan::service
