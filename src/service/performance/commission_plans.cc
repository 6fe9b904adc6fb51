#include "service/performance/commission_plans.h"

#include "domain/performance/commission_json.h"
#include "domain/period.h"
#include "service/platform/write.h"
#include "store/commission_store.h"

namespace fupan::service {
namespace {

using performance::CommissionPlan;

// The last day `p` applies, or the end of time.
LocalDate last_day(const CommissionPlan& p) {
  return p.effective_to.value_or(LocalDate::max());
}

bool overlap(const CommissionPlan& a, const CommissionPlan& b) {
  return a.effective_from <= last_day(b) && b.effective_from <= last_day(a);
}

}  // namespace

std::vector<CommissionPlan> list_commission_plans(const Context& ctx, const Actor& actor) {
  return store::list_commission_plans(*ctx.db.acquire(), actor.org);
}

std::optional<CommissionPlan> plan_on(const Context& ctx, OrgId org, LocalDate day) {
  for (auto& p : store::list_commission_plans(*ctx.db.acquire(), org)) {
    if (performance::in_effect(p, day)) return std::move(p);
  }
  return std::nullopt;
}

Result<CommissionPlan> create_commission_plan(const Context& ctx, const Actor& actor,
                                              CommissionPlan plan) {
  if (!actor.scope().is_admin) return Error::forbidden();
  FUPAN_TRY(performance::check_plan(plan));
  const Instant now = ctx.clock.now();
  plan.version = 1;
  plan.created_at = plan.updated_at = now;
  return write_facts<CommissionPlan>(ctx, "", [&](store::Connection& c) -> Result<CommissionPlan> {
    store::lock_org(c, actor.org);
    for (CommissionPlan& other : store::list_commission_plans(c, actor.org)) {
      if (!overlap(other, plan)) continue;
      // The open-ended plan before this one ends the day before it starts, unless a period it paid
      // runs past that day: a closed period keeps the rules it was paid by.
      if (!other.effective_to && other.effective_from < plan.effective_from) {
        if (auto last = store::last_period_under(c, actor.org, other.id)) {
          auto paid = parse_period(*last);
          if (paid.ok() && plan.effective_from < paid->end) {
            return Error::invalid("effective_from", detail::statement_approved);
          }
        }
        const std::string before = performance::plan_json(other);
        const std::int64_t version = other.version;
        other.effective_to = plan.effective_from - std::chrono::days{1};
        other.version = version + 1;
        other.updated_at = now;
        FUPAN_TRY(outcome_status(store::update_commission_plan(c, actor.org, other, version)));
        audit_json(c, actor, "update", "commission_plan", other.id, before,
                   performance::plan_json(other), now);
        continue;
      }
      return Error::invalid("effective_from", detail::plan_dates_overlap);
    }
    plan.id = store::insert_commission_plan(c, actor.org, plan, actor.id);
    audit_json(c, actor, "create", "commission_plan", plan.id, std::nullopt,
               performance::plan_json(plan), now);
    return plan;
  });
}

Result<CommissionPlan> change_commission_plan(const Context& ctx, const Actor& actor,
                                              std::int64_t id, CommissionPlan plan,
                                              std::int64_t version) {
  if (!actor.scope().is_admin) return Error::forbidden();
  FUPAN_TRY(performance::check_plan(plan));
  const Instant now = ctx.clock.now();
  return write_facts<CommissionPlan>(ctx, "", [&](store::Connection& c) -> Result<CommissionPlan> {
    store::lock_org(c, actor.org);
    auto before = store::find_commission_plan(c, actor.org, id);
    if (!before) return Error::not_found();
    if (before->version != version) return Error::conflict(before->version);
    if (store::plan_has_approved_statements(c, actor.org, id)) {
      return Error::of(ErrorCode::forbidden, detail::statement_approved);
    }
    plan.id = id;
    plan.version = version + 1;
    plan.created_at = before->created_at;
    plan.updated_at = now;
    for (const CommissionPlan& other : store::list_commission_plans(c, actor.org)) {
      if (other.id != id && overlap(other, plan)) {
        return Error::invalid("effective_from", detail::plan_dates_overlap);
      }
    }
    FUPAN_TRY(outcome_status(store::update_commission_plan(c, actor.org, plan, version)));
    audit_json(c, actor, "update", "commission_plan", id, performance::plan_json(*before),
               performance::plan_json(plan), now);
    return plan;
  });
}

}  // namespace fupan::service
