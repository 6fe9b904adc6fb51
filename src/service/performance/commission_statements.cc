#include "service/performance/commission_statements.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "core/json_writer.h"
#include "domain/org_validation.h"
#include "domain/scope_people.h"
#include "service/performance/commission_inputs.h"
#include "service/performance/commission_plans.h"
#include "service/platform/write.h"
#include "store/commission_store.h"

namespace fupan::service {
namespace {

using performance::CommissionPlan;

constexpr std::size_t kMaxReasonChars = 200;

// A month or a quarter of the calendar.
Result<Period> statement_period(const std::string& text) {
  auto p = parse_period(text);
  if (!p.ok() || (p->kind != PeriodKind::month && p->kind != PeriodKind::quarter)) {
    return Error::invalid("period", detail::one_of("YYYY-MM, YYYY-Qn"));
  }
  return *p;
}

// The people who belonged to a team on some day of `p` (who have a statement for it), in one pass
// over the memberships rather than one per person.
std::unordered_set<UserId> in_a_team(const OrgSnapshot& org, const Period& p) {
  std::unordered_set<UserId> out;
  for (const MembershipRecord& m : org.memberships()) {
    if (m.valid_from < p.end && (!m.valid_to || p.start < *m.valid_to)) out.insert(m.user_id);
  }
  return out;
}

// The people with statements the actor may read: reps of the org in the period (and the teams'
// leaders, when the plan credits managers), in view.
std::vector<UserId> people_in_view(const Actor& actor, const Period& p,
                                   const std::optional<CommissionPlan>& plan) {
  std::vector<UserId> out;
  const auto members = in_a_team(*actor.snapshot, p);
  for (std::int64_t id : people_of(*actor.snapshot, ScopeRef{}, p)) {
    const UserRecord* u = actor.snapshot->user(UserId{id});
    if (!u || !actor.scope().sees_user(u->id) || !members.contains(u->id)) continue;
    if (u->roles.has(Role::rep) ||
        (plan && plan->credit_manager && leads_in(*actor.snapshot, u->id, p))) {
      out.push_back(u->id);
    }
  }
  return out;
}

// Ok unless statements of a period overlapping `p` (another month or quarter) are approved.
Status check_no_overlap(store::Connection& c, OrgId org, const Period& p) {
  for (const std::string& label : store::approved_period_labels(c, org)) {
    if (label == p.label) continue;
    auto other = parse_period(label);
    if (other.ok() && other->start < p.end && p.start < other->end) {
      return Error::invalid("period", detail::period_overlaps_approved);
    }
  }
  return {};
}

StatementView approved_view(store::ApprovedStatement s, const Period& p,
                            std::optional<CommissionPlan> plan) {
  StatementView v;
  v.user = s.user;
  v.period = p;
  if (plan) v.plan = std::move(*plan);
  v.plan.id = s.plan_id;
  v.plan.version = s.plan_version;
  v.statement = std::move(s.statement);
  v.approved = true;
  v.approved_by = s.approved_by;
  v.approved_at = s.approved_at;
  return v;
}

// The live statements of `users` (none approved) for `p` under `plan`.
std::vector<StatementView> live_views(const Context& ctx, store::Connection& c, const Actor& actor,
                                      const CommissionPlan& plan, const std::vector<UserId>& users,
                                      const Period& p) {
  auto inputs = statement_inputs(ctx, c, actor.org, *actor.snapshot, plan, users, p);
  std::vector<StatementView> out;
  for (std::size_t i = 0; i < users.size(); ++i) {
    out.push_back({users[i], p, plan, performance::compute_statement(plan, inputs[i]), false,
                   std::nullopt, std::nullopt});
  }
  return out;
}

std::string statement_audit_json(const store::ApprovedStatement& s) {
  JsonWriter w;
  w.begin_object();
  w.field("user_id", s.user.value);
  w.field("period", s.period);
  w.field("plan_id", s.plan_id);
  w.field("plan_version", s.plan_version);
  w.field("credited", s.statement.credited);
  w.field("total", s.statement.total);
  w.field("lines", static_cast<std::int64_t>(s.statement.lines.size()));
  w.end_object();
  return std::move(w).str();
}

}  // namespace

Result<PeriodStatements> list_statements(const Context& ctx, const Actor& actor,
                                         const std::string& period, bool with_lines) {
  FUPAN_ASSIGN_OR_RETURN(auto p, statement_period(period));
  auto c = ctx.db.acquire();
  std::map<std::int64_t, CommissionPlan> plans;
  for (auto& plan : store::list_commission_plans(*c, actor.org)) plans.emplace(plan.id, plan);
  PeriodStatements out{p, std::nullopt, {}};
  for (const auto& [id, plan] : plans) {
    if (performance::in_effect(plan, p.start)) out.plan = plan;
  }
  // Every approved statement in view, whoever its person is now; then the live ones.
  std::set<UserId> done;
  for (auto& s : store::list_approved_statements(*c, actor.org, p.label)) {
    if (!actor.scope().sees_user(s.user)) continue;
    if (with_lines) s = *store::find_approved_statement(*c, actor.org, s.user, p.label);
    auto plan = plans.find(s.plan_id);
    done.insert(s.user);
    out.items.push_back(approved_view(
        std::move(s), p, plan == plans.end() ? std::nullopt : std::optional{plan->second}));
  }
  if (out.plan) {
    std::vector<UserId> live;
    for (UserId u : people_in_view(actor, p, out.plan)) {
      if (!done.contains(u)) live.push_back(u);
    }
    for (auto& v : live_views(ctx, *c, actor, *out.plan, live, p)) {
      out.items.push_back(std::move(v));
    }
  }
  std::sort(out.items.begin(), out.items.end(),
            [](const StatementView& a, const StatementView& b) { return a.user < b.user; });
  if (!with_lines) {
    for (auto& v : out.items) v.statement.lines.clear();
  }
  return out;
}

Result<StatementView> get_statement(const Context& ctx, const Actor& actor, std::int64_t user,
                                    const std::string& period) {
  FUPAN_ASSIGN_OR_RETURN(auto p, statement_period(period));
  const UserId who{user};
  if (!actor.scope().sees_user(who) || !actor.snapshot->user(who)) return Error::not_found();
  auto c = ctx.db.acquire();
  if (auto s = store::find_approved_statement(*c, actor.org, who, p.label)) {
    auto plan = store::find_commission_plan(*c, actor.org, s->plan_id);
    return approved_view(std::move(*s), p, std::move(plan));
  }
  auto plan = plan_on(ctx, actor.org, p.start);
  if (!plan) return Error::invalid("period", detail::no_commission_plan);
  return std::move(live_views(ctx, *c, actor, *plan, {who}, p).front());
}

Result<std::size_t> approve_statements(const Context& ctx, const Actor& actor,
                                       const std::string& period) {
  if (!actor.scope().is_admin && !actor.user().roles.has(Role::director)) {
    return Error::forbidden();
  }
  FUPAN_ASSIGN_OR_RETURN(auto p, statement_period(period));
  // Only a period that is over: its facts are all in, and an approval is not undone.
  if (actor.today < p.end) return Error::invalid("period", detail::in_future);
  const Instant now = ctx.clock.now();
  return write_facts<std::size_t>(ctx, "period", [&](store::Connection& c) -> Result<std::size_t> {
    store::lock_org(c, actor.org);
    // The plan as it stands under the lock: no change of rules slips between reading and storing.
    std::optional<CommissionPlan> plan;
    for (auto& candidate : store::list_commission_plans(c, actor.org)) {
      if (performance::in_effect(candidate, p.start)) plan = std::move(candidate);
    }
    if (!plan) return Error::invalid("period", detail::no_commission_plan);
    FUPAN_TRY(check_no_overlap(c, actor.org, p));
    std::set<UserId> done;
    for (const auto& s : store::list_approved_statements(c, actor.org, p.label)) {
      done.insert(s.user);
    }
    std::vector<UserId> open;
    for (UserId u : people_in_view(actor, p, plan)) {
      // Nobody approves their own money.
      if (!done.contains(u) && u != actor.id) open.push_back(u);
    }
    std::vector<store::ApprovedStatement> approved;
    for (auto& v : live_views(ctx, c, actor, *plan, open, p)) {
      approved.push_back({0, v.user, p.label, p.start, plan->id, plan->version,
                          std::move(v.statement), actor.id, now});
    }
    store::insert_approved_statements(c, actor.org, approved);
    for (const auto& s : approved) {
      audit_json(c, actor, "approve", "commission_statement", s.id, std::nullopt,
                 statement_audit_json(s), now);
    }
    // The approval itself, also when it found nobody left to approve.
    JsonWriter w;
    w.begin_object();
    w.field("period", p.label);
    w.field("approved", static_cast<std::int64_t>(approved.size()));
    w.end_object();
    audit_json(c, actor, "approve", "commission_period", 0, std::nullopt, std::move(w).str(), now);
    return open.size();
  });
}

Result<performance::Adjustment> add_adjustment(const Context& ctx, const Actor& actor,
                                               const AdjustmentInput& in) {
  if (in.user_id <= 0) return Error::missing("user_id");
  const UserId who{in.user_id};
  if (!actor.snapshot->user(who) || !actor.scope().sees_user(who)) {
    return Error::invalid("user_id", detail::no_such_user);
  }
  FUPAN_ASSIGN_OR_RETURN(auto p, statement_period(in.period));
  if (in.amount == 0) return Error::invalid("amount", detail::not_zero);
  const std::size_t chars = utf8_length(in.reason);
  if (in.reason.find_first_not_of(" \t\r\n") == std::string::npos) return Error::missing("reason");
  if (chars == std::string::npos || chars > kMaxReasonChars) {
    return Error::invalid("reason", detail::at_most_chars(kMaxReasonChars));
  }
  if (!actor.scope().can_write) return Error::forbidden();
  if (who == actor.id) return Error::of(ErrorCode::forbidden, detail::own_commission);
  const Instant now = ctx.clock.now();
  return write_facts<performance::Adjustment>(
      ctx, "", [&](store::Connection& c) -> Result<performance::Adjustment> {
        store::lock_org(c, actor.org);
        if (store::find_approved_statement(c, actor.org, who, p.label)) {
          return Error::of(ErrorCode::forbidden, detail::statement_approved);
        }
        // Only to a statement that can still be paid: under a plan, not inside an approved period.
        const auto plans = store::list_commission_plans(c, actor.org);
        if (std::none_of(plans.begin(), plans.end(),
                         [&](const auto& plan) { return performance::in_effect(plan, p.start); })) {
          return Error::invalid("period", detail::no_commission_plan);
        }
        FUPAN_TRY(check_no_overlap(c, actor.org, p));
        store::CommissionAdjustment a{0, who, p.label, {Fen{in.amount}, in.reason, actor.id, now}};
        a.id = store::insert_commission_adjustment(c, actor.org, a);
        JsonWriter w;
        w.begin_object();
        w.field("user_id", who.value);
        w.field("period", p.label);
        w.field("amount", in.amount);
        w.field("reason", in.reason);
        w.end_object();
        audit_json(c, actor, "create", "commission_adjustment", a.id, std::nullopt,
                   std::move(w).str(), now);
        return a.adjustment;
      });
}

}  // namespace fupan::service
