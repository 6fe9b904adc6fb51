// /api/plans: a rep's day plan (quotas from their targets, one to-do list in the important /
// urgent quadrant), the tasks they add to it, and the reverse funnel of a revenue target; thin
// handlers over service/goals.
#include "domain/goals/org_tree.h"
#include "http/app.h"
#include "http/json_io.h"
#include "service/goals/day_plan.h"
#include "service/goals/funnel_plan.h"
#include "service/goals/plan_tasks.h"

namespace fupan::http {
namespace {

// {date, user_id, user_name, working_day, quotas:[...], tasks:[...]}
std::string plan_json(const service::DayPlan& plan, const OrgSnapshot& org) {
  JsonWriter w;
  w.begin_object();
  w.field("date", format_date(plan.date));
  w.field("user_id", plan.user.value);
  const UserRecord* u = org.user(plan.user);
  w.field("user_name", u ? u->display_name : "");
  w.field("working_day", plan.working_day);
  w.key("quotas").begin_array();
  for (const service::DayQuota& q : plan.quotas) {
    w.begin_object();
    w.field("metric", q.metric);
    w.field("quota", q.quota);
    w.field("done", q.done);
    w.field("remaining", std::max<std::int64_t>(0, q.quota - q.done));
    w.field("target_id", q.target_id);
    w.field("source_period", q.source.label);
    w.field("prorated", q.prorated);
    w.end_object();
  }
  w.end_array();
  w.key("tasks").begin_array();
  for (const service::PlanItem& i : plan.items) {
    const std::string_view kind = service::plan_item_kind_name(i.kind);
    w.begin_object();
    std::string key(kind);
    key += ':';
    key += i.task ? std::to_string(i.task->id)
                  : (i.entity_id != 0 ? std::to_string(i.entity_id) : i.title);
    w.field("key", key);
    w.field("kind", kind);
    w.key("id");
    i.task ? w.value(i.task->id) : w.null();
    w.field("title", i.title);
    w.field("important", i.important);
    w.field("urgent", i.urgent);
    w.field("done", i.done);
    w.key("version");
    i.task ? w.value(i.task->version) : w.null();
    w.key("due");
    i.due ? w.value(format_date(*i.due)) : w.null();
    w.key("entity");
    i.entity.empty() ? w.null() : w.value(i.entity);
    w.key("entity_id");
    i.entity_id != 0 ? w.value(i.entity_id) : w.null();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return std::move(w).str();
}

void write_need(JsonWriter& w, std::string_view name, const std::optional<goals::ActivityNeed>& n) {
  w.key(name);
  if (!n) {
    w.null();
    return;
  }
  w.begin_object();
  w.field("orders", n->orders);
  w.field("opportunities", n->opportunities);
  w.field("visits", n->visits);
  w.end_object();
}

Response task_json(const goals::PlanTask& t, int status) {
  JsonWriter w;
  goals::write_json(w, t);
  return json_text(std::move(w).str(), status);
}

}  // namespace

void add_plan_routes(App& app) {
  // ?date= &user=
  app.api("GET", "/api/plans/day", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"date", "user"}));
    FUPAN_ASSIGN_OR_RETURN(auto user, query_id(call.req, "user"));
    std::optional<UserId> who;
    if (user) who = UserId{*user};
    auto plan = service::day_plan(app.ctx(), call.actor, who, query_text(call.req, "date"));
    if (!plan.ok()) return as_query_error(plan.error());
    return json_text(plan_json(*plan, *call.actor.snapshot));
  });

  // {date?, title, important?, urgent?} → 201 the task
  app.api("POST", "/api/plans/tasks", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::PlanTaskInput in;
    in.date = f.str("date").value_or("");
    in.title = f.required_str("title");
    in.important = f.boolean("important").value_or(false);
    in.urgent = f.boolean("urgent").value_or(false);
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto t, service::add_plan_task(app.ctx(), call.actor, in));
    return task_json(t, 201);
  });

  app.api("GET", "/api/plans/tasks/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto t, service::get_plan_task(app.ctx(), call.actor, id));
    return task_json(t, 200);
  });

  // {title?, important?, urgent?, done?, version} → the task
  app.api("PATCH", "/api/plans/tasks/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::PlanTaskChange in;
    in.title = f.str("title");
    in.important = f.boolean("important");
    in.urgent = f.boolean("urgent");
    in.done = f.boolean("done");
    in.version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto t, service::change_plan_task(app.ctx(), call.actor, id, in));
    return task_json(t, 200);
  });

  // ?version=
  app.api("DELETE", "/api/plans/tasks/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto version, query_version(call.req));
    FUPAN_TRY(service::delete_plan_task(app.ctx(), call.actor, id, version));
    return no_content();
  });

  // ?target=ID: {target, basis, window, rates, need, working_days, per_week}
  app.api("GET", "/api/plans/reverse-funnel", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {"target"}));
    FUPAN_ASSIGN_OR_RETURN(auto target, query_id(call.req, "target"));
    if (!target) return query_error("target", detail::required);
    auto plan = service::funnel_plan(app.ctx(), call.actor, *target);
    if (!plan.ok()) return as_query_error(plan.error());
    const OrgSnapshot& org = *call.actor.snapshot;
    JsonWriter w;
    w.begin_object();
    w.key("target");
    goals::write_json(w, plan->target);
    w.key("basis");
    if (plan->basis) {
      w.begin_object();
      w.field("scope", plan->basis->text());
      w.field("scope_name", goals::scope_name(org, *plan->basis));
      w.end_object();
    } else {
      w.null();
    }
    w.field("from", format_date(plan->window.start));
    w.field("to", format_date(plan->window.end - std::chrono::days{1}));
    w.key("rates");
    if (plan->rates) {
      w.begin_object();
      w.field("average_order", plan->rates->average_order.value());
      w.field("win_rate", plan->rates->win_rate);
      w.field("visits_per_opportunity", plan->rates->visits_per_opportunity);
      w.end_object();
    } else {
      w.null();
    }
    write_need(w, "need", plan->need);
    w.field("working_days", plan->working_days);
    write_need(w, "per_week", plan->per_week);
    w.end_object();
    return json_text(std::move(w).str());
  });
}

}  // namespace fupan::http
