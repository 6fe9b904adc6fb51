#include "service/goals/target_service.h"

#include "domain/metric.h"
#include "domain/org_validation.h"
#include "service/analytics/metrics_service.h"
#include "service/platform/write.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

constexpr std::size_t kMaxReasonChars = 200;

// The one scope a target is set for, and whether the actor may see its numbers.
Result<ScopeRef> visible_scope(const Actor& actor, std::string_view text) {
  FUPAN_ASSIGN_OR_RETURN(auto scopes, parse_scope(text, *actor.snapshot));
  if (scopes.size() != 1) return Error::invalid("scope", detail::one_target_scope);
  FUPAN_TRY(check_may_view(scopes, *actor.snapshot, actor.scope(), actor.id, actor.today));
  return scopes.front();
}

// Setting or changing a target needs a role that writes, and nobody sets their own.
Status check_may_set(const Actor& actor, const ScopeRef& scope) {
  if (!actor.scope().can_write) return Error::forbidden();
  if (scope.kind == ScopeRef::Kind::user && scope.id == actor.id.value && !actor.scope().is_admin) {
    return Error::of(ErrorCode::forbidden, detail::own_target);
  }
  return {};
}

// How many earlier periods the SMART check compares a target with.
int history_length(PeriodKind k) {
  switch (k) {
    case PeriodKind::year:
    case PeriodKind::fiscal_year:
      return 3;
    case PeriodKind::quarter:
    case PeriodKind::fiscal_quarter:
      return 8;
    default:
      return 12;
  }
}

// The scope's actuals in the periods before `t`'s, newest first, from the analytics index.
std::vector<std::int64_t> history_of(const Context& ctx, const Actor& actor,
                                     const goals::Target& t) {
  std::vector<std::int64_t> out;
  if (!ctx.analytics) return out;
  const int fiscal = actor.snapshot->org().fiscal_year_start_month;
  Period p = t.period;
  for (int i = 0; i < history_length(p.kind); ++i) {
    p = previous_period(p, fiscal);
    MetricRequest req{t.metric, t.scope.text(), p.label, {}, {}, {}, "full"};
    auto q = parse_metric_request(req, *actor.snapshot);
    if (!q.ok()) break;
    const MetricAnswer a = answer_metric(ctx, actor.org, *q);
    const auto* v = std::get_if<std::int64_t>(&a.value);
    if (!v) break;
    out.push_back(*v);
  }
  return out;
}

SavedTarget checked(const Context& ctx, const Actor& actor, goals::Target t) {
  goals::SmartPolicy policy;
  policy.achievable_factor = actor.snapshot->org().smart_factor_pct / 100.0;
  std::vector<goals::SmartFinding> warnings =
      goals::smart_check(t.value, true, true, history_of(ctx, actor, t), policy);
  return {std::move(t), std::move(warnings)};
}

}  // namespace

Status check_may_set_target(const Actor& actor, const ScopeRef& scope) {
  FUPAN_TRY(check_may_view({scope}, *actor.snapshot, actor.scope(), actor.id, actor.today));
  return check_may_set(actor, scope);
}

Result<SavedTarget> set_target(const Context& ctx, const Actor& actor, const TargetInput& in) {
  FUPAN_ASSIGN_OR_RETURN(auto metric, parse_metric(in.metric));
  if (metric.transform != MetricTransform::none || !info(metric.base).additive) {
    return Error::invalid("metric", detail::not_a_target_metric);
  }
  FUPAN_ASSIGN_OR_RETURN(auto scope, visible_scope(actor, in.scope));
  FUPAN_TRY(check_may_set(actor, scope));
  const int fiscal = actor.snapshot->org().fiscal_year_start_month;
  FUPAN_ASSIGN_OR_RETURN(auto period, parse_period(in.period, fiscal));
  if (period.kind == PeriodKind::range) return Error::invalid("period", detail::target_period);
  if (in.value < 0) return Error::invalid("value", detail::not_negative);
  goals::Target t;
  t.metric = std::string(info(metric.base).name);
  t.scope = scope;
  t.period = std::move(period);
  t.value = t.original_value = in.value;
  t.set_by = actor.id;
  t.created_at = t.updated_at = ctx.clock.now();
  FUPAN_ASSIGN_OR_RETURN(
      auto saved,
      write_facts<goals::Target>(ctx, "period", [&](store::Connection& c) -> Result<goals::Target> {
        // One target a label: also against a split's part of the same week cut at a year's edge
        // (another first day, so the key alone would take both).
        if (store::has_target_labelled(c, actor.org, t.metric, t.scope, t.period.label))
          return Error::exists("period");
        t.id = store::insert_target(c, actor.org, t);
        audit_json(c, actor, "create", "target", t.id, std::nullopt, goals::to_json(t),
                   t.created_at);
        return t;
      }));
  return checked(ctx, actor, std::move(saved));
}

Result<goals::Target> apply_target_change(store::Connection& c, const Actor& actor, std::int64_t id,
                                          const TargetChange& in, Instant now) {
  if (in.value < 0) return Error::invalid("value", detail::not_negative);
  const std::size_t reason_chars = utf8_length(in.reason);
  if (in.reason.empty()) return Error::missing("reason");
  if (reason_chars == std::string::npos || reason_chars > kMaxReasonChars) {
    return Error::invalid("reason", detail::at_most_chars(kMaxReasonChars));
  }
  auto before = store::find_target(c, actor.org, id);
  if (!before) return Error::not_found();
  if (!check_may_view({before->scope}, *actor.snapshot, actor.scope(), actor.id, actor.today)
           .ok()) {
    return Error::not_found();
  }
  FUPAN_TRY(check_may_set(actor, before->scope));
  const std::int64_t version = in.version.value_or(before->version);
  if (before->version != version) return Error::conflict(before->version);
  goals::Target after = *before;
  after.value = in.value;
  after.version = before->version + 1;
  after.updated_at = now;
  FUPAN_TRY(outcome_status(store::update_target(c, actor.org, after, version)));
  store::insert_target_adjustment(c, actor.org,
                                  {0, id, before->value, after.value, in.reason, actor.id, now});
  audit_json(c, actor, "update", "target", id, goals::to_json(*before), goals::to_json(after), now);
  return after;
}

Result<SavedTarget> change_target(const Context& ctx, const Actor& actor, std::int64_t id,
                                  const TargetChange& in) {
  const Instant now = ctx.clock.now();
  FUPAN_ASSIGN_OR_RETURN(
      auto saved,
      write_facts<goals::Target>(ctx, "", [&](store::Connection& c) -> Result<goals::Target> {
        return apply_target_change(c, actor, id, in, now);
      }));
  return checked(ctx, actor, std::move(saved));
}

Result<std::vector<goals::Target>> list_targets(const Context& ctx, const Actor& actor,
                                                const TargetListRequest& req) {
  store::TargetQuery q;
  if (!req.metric.empty()) q.metric = req.metric;
  if (!req.scope.empty()) {
    FUPAN_ASSIGN_OR_RETURN(auto scope, visible_scope(actor, req.scope));
    q.scope = scope;
  }
  if (!req.period.empty()) {
    FUPAN_ASSIGN_OR_RETURN(auto p,
                           parse_period(req.period, actor.snapshot->org().fiscal_year_start_month));
    q.from = p.start;
    q.to = p.end;
  }
  auto conn = ctx.db.acquire();
  std::vector<goals::Target> out;
  for (goals::Target& t : store::list_targets(*conn, actor.org, q)) {
    if (check_may_view({t.scope}, *actor.snapshot, actor.scope(), actor.id, actor.today).ok()) {
      out.push_back(std::move(t));
    }
  }
  return out;
}

Result<TargetWithHistory> get_target(const Context& ctx, const Actor& actor, std::int64_t id) {
  auto conn = ctx.db.acquire();
  auto t = store::find_target(*conn, actor.org, id);
  if (!t ||
      !check_may_view({t->scope}, *actor.snapshot, actor.scope(), actor.id, actor.today).ok()) {
    return Error::not_found();
  }
  return TargetWithHistory{std::move(*t), store::list_target_adjustments(*conn, actor.org, id)};
}

}  // namespace fupan::service
