#include "service/goals/plan_tasks.h"

#include "domain/org_validation.h"
#include "service/platform/write.h"
#include "store/plan_task_store.h"

namespace fupan::service {
namespace {

constexpr std::size_t kMaxTitleChars = 200;

Status check_title(const std::string& title) {
  const std::size_t n = utf8_length(title);
  if (title.empty()) return Error::missing("title");
  if (n == std::string::npos || n > kMaxTitleChars) {
    return Error::invalid("title", detail::at_most_chars(kMaxTitleChars));
  }
  return {};
}

// The task `id` if it is the actor's own: not_found when they may not see it at all, forbidden
// when it is someone else's they see (a manager looking at a rep's plan).
Result<goals::PlanTask> own_task(store::Connection& c, const Actor& actor, std::int64_t id) {
  auto t = store::find_plan_task(c, actor.org, id);
  if (!t || !actor.scope().sees_user(t->user)) return Error::not_found();
  if (!actor.scope().can_write) return Error::forbidden();
  if (t->user != actor.id) return Error::of(ErrorCode::forbidden, detail::own_plan_only);
  return std::move(*t);
}

}  // namespace

Result<goals::PlanTask> get_plan_task(const Context& ctx, const Actor& actor, std::int64_t id) {
  auto t = store::find_plan_task(*ctx.db.acquire(), actor.org, id);
  if (!t || !actor.scope().sees_user(t->user)) return Error::not_found();
  return std::move(*t);
}

Result<goals::PlanTask> add_plan_task(const Context& ctx, const Actor& actor,
                                      const PlanTaskInput& in) {
  if (!actor.scope().can_write) return Error::forbidden();
  FUPAN_TRY(check_title(in.title));
  goals::PlanTask t;
  t.day = actor.today;
  if (!in.date.empty()) {
    auto d = parse_date(in.date);
    if (!d) return Error::invalid("date", detail::date);
    t.day = *d;
  }
  t.user = actor.id;
  t.title = in.title;
  t.important = in.important;
  t.urgent = in.urgent;
  t.created_at = t.updated_at = ctx.clock.now();
  return write_facts<goals::PlanTask>(ctx, "",
                                      [&](store::Connection& c) -> Result<goals::PlanTask> {
                                        t.id = store::insert_plan_task(c, actor.org, t);
                                        audit_json(c, actor, "create", "plan_task", t.id,
                                                   std::nullopt, goals::to_json(t), t.created_at);
                                        return t;
                                      });
}

Result<goals::PlanTask> change_plan_task(const Context& ctx, const Actor& actor, std::int64_t id,
                                         const PlanTaskChange& in) {
  if (in.title) FUPAN_TRY(check_title(*in.title));
  const Instant now = ctx.clock.now();
  return write_facts<goals::PlanTask>(
      ctx, "", [&](store::Connection& c) -> Result<goals::PlanTask> {
        FUPAN_ASSIGN_OR_RETURN(auto before, own_task(c, actor, id));
        if (before.version != in.version) return Error::conflict(before.version);
        goals::PlanTask after = before;
        if (in.title) after.title = *in.title;
        if (in.important) after.important = *in.important;
        if (in.urgent) after.urgent = *in.urgent;
        if (in.done)
          after.done_at =
              *in.done ? std::optional<Instant>(before.done_at.value_or(now)) : std::nullopt;
        after.version = before.version + 1;
        after.updated_at = now;
        FUPAN_TRY(outcome_status(store::update_plan_task(c, actor.org, after, in.version)));
        audit_json(c, actor, "update", "plan_task", id, goals::to_json(before),
                   goals::to_json(after), now);
        return after;
      });
}

Status delete_plan_task(const Context& ctx, const Actor& actor, std::int64_t id,
                        std::int64_t version) {
  const Instant now = ctx.clock.now();
  auto r = write_facts<bool>(ctx, "", [&](store::Connection& c) -> Result<bool> {
    FUPAN_ASSIGN_OR_RETURN(auto before, own_task(c, actor, id));
    if (before.version != version) return Error::conflict(before.version);
    FUPAN_TRY(outcome_status(store::delete_plan_task(c, actor.org, id, version)));
    audit_json(c, actor, "delete", "plan_task", id, goals::to_json(before), std::nullopt, now);
    return true;
  });
  if (!r.ok()) return r.error();
  return {};
}

}  // namespace fupan::service
