// /api/todos: the actor's follow-up reminders, a team's by person, 催办 and done / snooze; thin
// handlers over service/crm/todo_service.
#include "http/app.h"
#include "http/json_io.h"
#include "service/crm/todo_service.h"

namespace fupan::http {
namespace {

void write_reminder(JsonWriter& w, const store::ReminderRecord& r) {
  w.begin_object();
  w.field("id", r.id);
  w.field("from_user_id", r.from.value);
  w.field("to_user_id", r.to.value);
  w.field("kind", r.kind);
  w.key("record_id");
  r.record ? w.value(*r.record) : w.null();
  w.field("note", r.note);
  w.field("created_at", format_rfc3339(r.created_at));
  w.end_object();
}

// The body of a done or snooze: {kind, record_id, version?, until?}.
Result<service::TodoAction> read_action(Fields& f, bool snooze) {
  service::TodoAction a;
  a.kind = f.required_str("kind");
  a.record_id = f.required_integer("record_id");
  a.version = f.integer("version");
  if (snooze) {
    const std::string until = f.required_str("until");
    if (!until.empty()) {
      a.until = parse_date(until);
      if (!a.until) return Error::invalid("until", detail::day);
    }
  }
  return a;
}

// {follow_ups:[customer + days_overdue + reminded_at], follow_ups_total, stalled:
// [opportunity + last_activity_at + days_idle + reminded_at], stalled_total, stall_days, today,
// people:[{user_id, name, follow_ups, stalled, last_reminded_at}], action_items:[{id, title,
// due_date, overdue, metric, review_id, review_title, version}] (own view: open items of reviews),
// reminders:[{id, from_user_id, from_name, kind, record_id, record_name, note, created_at, read}]}.
std::string todos_json(const service::Todos& todos, const OrgSnapshot& org, LocalDate today) {
  auto reminded_at = [&](JsonWriter& w, std::string_view kind, std::int64_t id) {
    w.key("reminded_at");
    auto it = todos.reminded.find({std::string(kind), id});
    it != todos.reminded.end() ? w.value(format_rfc3339(it->second)) : w.null();
  };
  JsonWriter w;
  w.begin_object();
  w.key("follow_ups").begin_array();
  for (const auto& f : todos.follow_ups) {
    w.begin_object();
    write_entity_members(w, f.customer, org, &todos.names);
    w.field("days_overdue", f.days_overdue);
    reminded_at(w, "follow_up", f.customer.id);
    w.end_object();
  }
  w.end_array();
  w.field("follow_ups_total", todos.follow_ups_total);
  w.key("stalled").begin_array();
  for (const auto& s : todos.stalled) {
    w.begin_object();
    write_entity_members(w, s.opportunity, org, &todos.names);
    w.key("last_activity_at");
    if (s.last_activity_at) {
      w.value(format_rfc3339(*s.last_activity_at));
    } else {
      w.null();
    }
    w.field("days_idle", s.days_idle);
    reminded_at(w, "stalled", s.opportunity.id);
    w.end_object();
  }
  w.end_array();
  w.field("stalled_total", todos.stalled_total);
  w.field("stall_days", todos.stall_days);
  w.field("today", format_date(today));
  w.key("people").begin_array();
  for (const service::PersonTodos& p : todos.people) {
    const UserRecord* u = org.user(p.user);
    w.begin_object();
    w.field("user_id", p.user.value);
    w.field("name", u ? u->display_name : "");
    w.field("follow_ups", p.follow_ups);
    w.field("stalled", p.stalled);
    w.key("last_reminded_at");
    p.last_reminded_at ? w.value(format_rfc3339(*p.last_reminded_at)) : w.null();
    w.end_object();
  }
  w.end_array();
  w.key("action_items").begin_array();
  for (const auto& line : todos.action_items) {
    const auto& a = line.item;
    w.begin_object();
    w.field("id", a.id);
    w.field("title", a.title);
    w.field("due_date", format_date(a.due));
    w.field("overdue", reviews::is_overdue(a, today));
    w.key("metric");
    a.metric ? w.value(*a.metric) : w.null();
    w.field("review_id", a.review_id);
    w.field("review_title", line.review_title);
    w.field("version", a.version);
    w.end_object();
  }
  w.end_array();
  w.key("reminders").begin_array();
  for (const auto& r : todos.reminders) {
    const UserRecord* from = org.user(r.from);
    w.begin_object();
    w.field("id", r.id);
    w.field("from_user_id", r.from.value);
    w.field("from_name", from ? from->display_name : "");
    w.field("kind", r.kind);
    w.key("record_id");
    r.record ? w.value(*r.record) : w.null();
    w.key("record_name");
    auto name =
        r.record ? todos.reminder_records.find({r.kind, *r.record}) : todos.reminder_records.end();
    name != todos.reminder_records.end() ? w.value(name->second) : w.null();
    w.field("note", r.note);
    w.field("created_at", format_rfc3339(r.created_at));
    w.field("read", r.read_at.has_value());
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return std::move(w).str();
}

}  // namespace

void add_todo_routes(App& app) {
  // ?scope=own|team [&owner_id=ID] (team: one person's items)
  app.api("GET", "/api/todos", [&app](Call& call) -> Result<Response> {
    if (auto s = only_params(call.req, {"scope", "owner_id"}); !s.ok()) return s.error();
    service::TodoFilter filter;
    if (const auto* v = call.req.query_param("scope")) {
      if (*v == "team") {
        filter.scope = service::TodoScope::team;
      } else if (*v != "own") {
        return query_error("scope", detail::own_or_team);
      }
    }
    FUPAN_ASSIGN_OR_RETURN(auto owner, query_id(call.req, "owner_id"));
    if (owner) {
      if (filter.scope != service::TodoScope::team)
        return query_error("owner_id", detail::only_with_team_scope);
      filter.owner = UserId{*owner};
    }
    auto todos = service::load_todos(app.ctx(), call.actor, filter);
    if (!todos.ok()) return as_query_error(todos.error());
    return json_text(todos_json(*todos, *call.actor.snapshot, call.actor.today));
  });

  // {user_id, kind: all|follow_up|stalled, record_id?, note?} → 201 the reminder
  app.api("POST", "/api/todos/reminders", [&app](Call& call) -> Result<Response> {
    return with_body(
        call.req,
        [](Fields& f) {
          service::ReminderInput in;
          in.to = UserId{f.required_integer("user_id")};
          in.kind = f.str("kind").value_or("all");
          in.record_id = f.integer("record_id");
          in.note = f.str("note").value_or("");
          return in;
        },
        [&](const service::ReminderInput& in) {
          auto r = service::send_reminder(app.ctx(), call.actor, in);
          if (!r.ok()) return error_response(r.error(), call.req);
          JsonWriter w;
          write_reminder(w, *r);
          return json_text(std::move(w).str(), 201);
        });
  });

  // Marks the reminders sent to the caller read: {read: N}.
  app.api("POST", "/api/todos/reminders/read", [&app](Call& call) -> Result<Response> {
    JsonWriter w;
    w.begin_object();
    w.field("read", service::read_reminders(app.ctx(), call.actor));
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {kind, record_id, version (follow_up)} and, to snooze, until.
  for (const bool snooze : {false, true}) {
    app.api("POST", snooze ? "/api/todos/snooze" : "/api/todos/done",
            [&app, snooze](Call& call) -> Result<Response> {
              return with_body(
                  call.req, [&](Fields& f) { return read_action(f, snooze); },
                  [&](const Result<service::TodoAction>& in) {
                    if (!in.ok()) return error_response(in.error(), call.req);
                    auto r = service::act_on_todo(app.ctx(), call.actor, in.value());
                    if (!r.ok()) return error_response(r.error(), call.req);
                    JsonWriter w;
                    w.begin_object();
                    w.field("kind", r->kind);
                    w.field("record_id", r->record_id);
                    w.key("until");
                    r->until ? w.value(format_date(*r->until)) : w.null();
                    w.key("version");
                    r->version ? w.value(*r->version) : w.null();
                    w.end_object();
                    return json_text(std::move(w).str());
                  });
            });
  }
}

}  // namespace fupan::http
