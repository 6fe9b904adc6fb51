#include "service/goals/target_split.h"

#include <algorithm>
#include <map>

#include "core/json_writer.h"
#include "domain/goals/apportion.h"
#include "domain/goals/calendar_split.h"
#include "domain/goals/org_tree.h"
#include "service/goals/goal_actuals.h"
#include "service/goals/target_service.h"
#include "service/platform/write.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

// Last year's actual of `metric` for each part (a scope and a period), in its period a year
// before, from the analytics index.
std::vector<std::int64_t> last_year_of(const Context& ctx, const Actor& actor,
                                       const std::string& metric,
                                       const std::vector<std::pair<ScopeRef, Period>>& parts) {
  const int fiscal = actor.snapshot->org().fiscal_year_start_month;
  std::vector<ActualAsk> asks;
  for (const auto& [scope, period] : parts) {
    const Period before = same_period_last_year(period, fiscal);
    asks.push_back({metric, scope, before.start, before.end});
  }
  std::vector<std::int64_t> out = goal_actuals(ctx, actor, asks);
  for (std::int64_t& v : out) v = std::max<std::int64_t>(0, v);
  return out;
}

}  // namespace

Result<std::vector<SplitPart>> parts_down_org(const Context& ctx, const Actor& actor,
                                              const goals::Target& parent,
                                              const SplitRequest& req) {
  if (parent.scope.kind == ScopeRef::Kind::user)
    return Error::invalid("down", detail::split_person);
  const std::vector<ScopeRef> scopes =
      goals::org_children(*actor.snapshot, parent.scope, actor.today);
  if (scopes.empty()) return Error::invalid("down", detail::nothing_below);
  std::vector<std::int64_t> values;
  const std::string method = req.method.empty() ? "equal" : req.method;
  if (method == "equal") {
    values = goals::split_equally(parent.value, scopes.size());
  } else if (method == "weights") {
    if (req.weights.size() != scopes.size())
      return Error::invalid("weights", detail::one_weight_per_part);
    FUPAN_ASSIGN_OR_RETURN(values, goals::apportion(parent.value, req.weights));
  } else if (method == "last_year") {
    std::vector<std::pair<ScopeRef, Period>> parts;
    for (const ScopeRef& s : scopes) parts.emplace_back(s, parent.period);
    FUPAN_ASSIGN_OR_RETURN(
        values,
        goals::split_by_share(parent.value, last_year_of(ctx, actor, parent.metric, parts)));
  } else {
    return Error::invalid("method", detail::one_of("equal, weights, last_year"));
  }
  std::vector<SplitPart> out;
  for (std::size_t i = 0; i < scopes.size(); ++i)
    out.push_back({scopes[i], parent.period, values[i], {}});
  return out;
}

Result<std::vector<SplitPart>> parts_down_calendar(const Context& ctx, const Actor& actor,
                                                   const goals::Target& parent,
                                                   const SplitRequest& req,
                                                   const std::vector<LocalDate>* holidays) {
  const int fiscal = actor.snapshot->org().fiscal_year_start_month;
  const auto kind = parse_period_kind(req.into);
  if (!kind || *kind == PeriodKind::year || *kind == PeriodKind::fiscal_year) {
    return Error::invalid("into", detail::one_of("quarter, month, week, day"));
  }
  const std::string method = req.method.empty() ? "working_days" : req.method;
  std::vector<LocalDate> read;  // the org's holidays, when the caller has not read them
  std::vector<goals::PeriodShare> shares;
  if (method == "seasonality") {
    if (*kind != PeriodKind::month ||
        (parent.period.kind != PeriodKind::year && parent.period.kind != PeriodKind::fiscal_year)) {
      return Error::invalid("method", detail::seasonality_year);
    }
    // The weights given, else the seasonality the org keeps.
    const std::vector<std::int64_t>& weights =
        req.weights.empty() ? actor.snapshot->org().seasonality : req.weights;
    FUPAN_ASSIGN_OR_RETURN(
        shares, goals::split_by_seasonality(parent.value, parent.period, weights, fiscal));
  } else if (method == "working_days" || method == "last_year") {
    if (!holidays) holidays = &(read = org_holidays(ctx, actor.org));
    FUPAN_ASSIGN_OR_RETURN(shares, goals::split_by_working_days(parent.value, parent.period, *kind,
                                                                *holidays, fiscal));
    if (method == "last_year") {
      // The seasonality learned from history: each part's share of the scope's actual in the
      // same periods a year before (working days when that year had none).
      std::vector<std::pair<ScopeRef, Period>> parts;
      for (const goals::PeriodShare& p : shares) parts.emplace_back(parent.scope, p.period);
      const std::vector<std::int64_t> before = last_year_of(ctx, actor, parent.metric, parts);
      if (std::ranges::any_of(before, [](std::int64_t v) { return v > 0; })) {
        FUPAN_ASSIGN_OR_RETURN(auto values, goals::split_by_share(parent.value, before));
        for (std::size_t i = 0; i < shares.size(); ++i) shares[i].value = values[i];
      }
    }
  } else {
    return Error::invalid("method", detail::one_of("working_days, seasonality, last_year"));
  }
  if (method == "working_days") {
    // A day or a week without a working day gets nothing: it has no part (no target of 0 for
    // every Saturday).
    std::erase_if(shares, [&](const goals::PeriodShare& p) {
      return working_days(p.period.start, p.period.end, *holidays) == 0;
    });
  }
  if (shares.size() < 2) return Error::invalid("into", detail::finer_period);
  std::vector<SplitPart> out;
  for (goals::PeriodShare& s : shares)
    out.push_back({parent.scope, std::move(s.period), s.value, {}});
  return out;
}

namespace {

// The audit entry of a saved split: one change, on the parent, with every part it made (a
// rep's year into days is some 250 parts: one entry, not 250).
std::string split_json(const SplitRequest& req, const std::vector<goals::Target>& saved) {
  JsonWriter w;
  w.begin_object();
  w.field("down", req.down);
  if (!req.into.empty()) w.field("into", req.into);
  if (!req.method.empty()) w.field("method", req.method);
  w.key("parts").begin_array();
  for (const goals::Target& t : saved) {
    w.begin_object();
    w.field("id", t.id);
    w.field("scope", t.scope.text());
    w.field("period", t.period.label);
    w.field("value", t.value);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return std::move(w).str();
}

}  // namespace

Result<SplitResult> split_target(const Context& ctx, const Actor& actor, std::int64_t id,
                                 const SplitRequest& req) {
  FUPAN_ASSIGN_OR_RETURN(auto found, get_target(ctx, actor, id));
  SplitResult out;
  out.parent = std::move(found.target);
  if (req.down == "org") {
    FUPAN_ASSIGN_OR_RETURN(out.parts, parts_down_org(ctx, actor, out.parent, req));
  } else if (req.down == "calendar") {
    FUPAN_ASSIGN_OR_RETURN(out.parts, parts_down_calendar(ctx, actor, out.parent, req));
  } else {
    return Error::invalid("down", detail::one_of("calendar, org"));
  }
  {
    // The targets already set inside the parent's period, matched to the parts in one read.
    store::TargetQuery q;
    q.metric = out.parent.metric;
    q.from = out.parent.period.start;
    q.to = out.parent.period.end;
    if (req.down == "calendar") q.scope = out.parent.scope;
    std::map<std::pair<std::string, std::string>, goals::Target> existing;
    for (goals::Target& t : store::list_targets(*ctx.db.acquire(), actor.org, q)) {
      auto key = std::pair{t.scope.text(), t.period.label};
      existing.emplace(std::move(key), std::move(t));
    }
    for (SplitPart& p : out.parts) {
      if (auto it = existing.find({p.scope.text(), p.period.label}); it != existing.end())
        p.existing = it->second;
    }
  }
  if (!req.save) return out;
  std::vector<ScopeRef> checked;  // a calendar split has one scope, an org split one per part
  for (const SplitPart& p : out.parts) {
    if (std::ranges::find(checked, p.scope) == checked.end()) {
      FUPAN_TRY(check_may_set_target(actor, p.scope));
      checked.push_back(p.scope);
    }
    if (p.existing) return Error::exists("parts");
  }
  const Instant now = ctx.clock.now();
  FUPAN_ASSIGN_OR_RETURN(
      out.saved, write_facts<std::vector<goals::Target>>(
                     ctx, "parts", [&](store::Connection& c) -> Result<std::vector<goals::Target>> {
                       std::vector<goals::Target> saved;
                       saved.reserve(out.parts.size());
                       for (const SplitPart& p : out.parts) {
                         goals::Target t;
                         t.metric = out.parent.metric;
                         t.scope = p.scope;
                         t.period = p.period;
                         t.value = t.original_value = p.value;
                         t.set_by = actor.id;
                         t.created_at = t.updated_at = now;
                         saved.push_back(std::move(t));
                       }
                       store::insert_targets(c, actor.org, saved);
                       audit_json(c, actor, "split", "target", out.parent.id, std::nullopt,
                                  split_json(req, saved), now);
                       return saved;
                     }));
  return out;
}

}  // namespace fupan::service
