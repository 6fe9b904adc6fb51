#include "service/goals/target_decompose.h"

#include <map>
#include <unordered_set>

#include "core/json_writer.h"
#include "domain/goals/org_tree.h"
#include "service/goals/goal_actuals.h"
#include "service/goals/target_service.h"
#include "service/goals/target_split.h"
#include "service/platform/write.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

// Refuses what the request names wrongly before any work, each error on its own field.
Status check_request(const goals::Target& root, const DecomposeRequest& req) {
  if (!req.method.empty() && req.method != "equal" && req.method != "last_year")
    return Error::invalid("method", detail::one_of("equal, last_year"));
  const std::string& cm = req.calendar_method;
  if (!cm.empty() && cm != "working_days" && cm != "seasonality" && cm != "last_year")
    return Error::invalid("calendar_method",
                          detail::one_of("working_days, seasonality, last_year"));
  if (req.into.empty()) return {};
  const auto kind = parse_period_kind(req.into);
  if (!kind || *kind == PeriodKind::year || *kind == PeriodKind::fiscal_year)
    return Error::invalid("into", detail::one_of("quarter, month, week, day"));
  const bool year =
      root.period.kind == PeriodKind::year || root.period.kind == PeriodKind::fiscal_year;
  if (cm == "seasonality" && (*kind != PeriodKind::month || !year))
    return Error::invalid("calendar_method", detail::seasonality_year);
  return {};
}

goals::Target part_of(const goals::Target& root, SplitPart&& p) {
  goals::Target t;
  t.metric = root.metric;
  t.scope = p.scope;
  t.period = std::move(p.period);
  t.value = t.original_value = p.value;
  return t;
}

std::string key_of(const ScopeRef& scope, const std::string& period) {
  return scope.text() + '|' + period;
}

// The audit entry: what was asked and what it made, level by level (the parts themselves are
// the targets' rows, each with who set it and when).
std::string decompose_json(const DecomposeRequest& req, const DecomposeResult& r) {
  JsonWriter w;
  w.begin_object();
  w.field("method", req.method.empty() ? "equal" : req.method);
  if (!req.into.empty()) {
    w.field("into", req.into);
    w.field("calendar_method", req.calendar_method.empty() ? "working_days" : req.calendar_method);
  }
  w.key("levels").begin_array();
  for (const DecomposeLevel& l : r.levels) {
    w.begin_object();
    w.field("depth", l.depth);
    w.field("kind", l.kind);
    w.field("count", l.count);
    w.field("sum", l.sum);
    w.end_object();
  }
  w.end_array();
  w.field("count", r.count);
  w.end_object();
  return std::move(w).str();
}

}  // namespace

Result<DecomposeResult> decompose_target(const Context& ctx, const Actor& actor, std::int64_t id,
                                         const DecomposeRequest& req) {
  FUPAN_ASSIGN_OR_RETURN(auto found, get_target(ctx, actor, id));
  DecomposeResult out;
  out.root = std::move(found.target);
  FUPAN_TRY(check_request(out.root, req));

  // Down the organisation, level by level: every part made from its parent's, so each level
  // adds up to the one above; the people are the ends.
  std::vector<goals::Target> parts;
  std::vector<int> depths;
  std::vector<std::size_t> people;  // indexes into `parts`; the root itself when a person
  const SplitRequest down_org{"org", "", req.method, {}, false};
  std::vector<std::pair<goals::Target, int>> frontier{{out.root, 0}};
  while (!frontier.empty()) {
    std::vector<std::pair<goals::Target, int>> next;
    for (const auto& [parent, depth] : frontier) {
      if (parent.scope.kind == ScopeRef::Kind::user ||
          goals::org_children(*actor.snapshot, parent.scope, actor.today).empty())
        continue;
      FUPAN_ASSIGN_OR_RETURN(auto split, parts_down_org(ctx, actor, parent, down_org));
      for (SplitPart& p : split) {
        const bool person = p.scope.kind == ScopeRef::Kind::user;
        parts.push_back(part_of(out.root, std::move(p)));
        depths.push_back(depth + 1);
        if (person) {
          people.push_back(parts.size() - 1);
        } else {
          next.emplace_back(parts.back(), depth + 1);
        }
      }
    }
    frontier = std::move(next);
  }
  const std::size_t org_parts = parts.size();

  // Each person's part down the calendar.
  if (!req.into.empty()) {
    const SplitRequest down_calendar{"calendar", req.into, req.calendar_method, {}, false};
    std::vector<std::pair<goals::Target, int>> ends;
    if (out.root.scope.kind == ScopeRef::Kind::user) ends.emplace_back(out.root, 0);
    for (std::size_t i : people) ends.emplace_back(parts[i], depths[i]);
    const std::vector<LocalDate> holidays = org_holidays(ctx, actor.org);
    for (const auto& [person, depth] : ends) {
      FUPAN_ASSIGN_OR_RETURN(auto split,
                             parts_down_calendar(ctx, actor, person, down_calendar, &holidays));
      // Every person's period is the same: room for all of them at the first.
      if (&person == &ends.front().first) {
        parts.reserve(parts.size() + ends.size() * split.size());
        depths.reserve(parts.capacity());
      }
      for (SplitPart& p : split) {
        parts.push_back(part_of(out.root, std::move(p)));
        depths.push_back(depth + 1);
      }
    }
  }
  if (parts.empty()) return Error::invalid("into", detail::nothing_below);

  // The targets already set inside the period, in one read.
  std::unordered_set<std::string> existing;
  {
    store::TargetQuery q;
    q.metric = out.root.metric;
    q.from = out.root.period.start;
    q.to = out.root.period.end;
    for (const goals::Target& t : store::list_targets(*ctx.db.acquire(), actor.org, q))
      existing.insert(key_of(t.scope, t.period.label));
  }
  std::map<std::pair<int, std::string>, DecomposeLevel> levels;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const goals::Target& t = parts[i];
    const std::string kind = i < org_parts ? std::string(t.scope.type_name())
                                           : std::string(period_kind_name(t.period.kind));
    DecomposeLevel& l = levels[{depths[i], kind}];
    l.depth = depths[i];
    l.kind = kind;
    ++l.count;
    l.sum += t.value;
    if (!existing.empty() && existing.contains(key_of(t.scope, t.period.label))) {
      ++l.existing;
      ++out.existing;
    }
  }
  for (auto& [key, level] : levels) out.levels.push_back(std::move(level));
  out.count = static_cast<std::int64_t>(parts.size());
  if (!req.save) return out;

  if (out.existing > 0) return Error::exists("parts");
  if (out.root.scope.kind == ScopeRef::Kind::user)
    FUPAN_TRY(check_may_set_target(actor, out.root.scope));
  for (std::size_t i = 0; i < org_parts; ++i)
    FUPAN_TRY(check_may_set_target(actor, parts[i].scope));
  const Instant now = ctx.clock.now();
  for (goals::Target& t : parts) {
    t.set_by = actor.id;
    t.created_at = t.updated_at = now;
  }
  FUPAN_ASSIGN_OR_RETURN(
      out.saved,
      write_facts<std::int64_t>(ctx, "parts", [&](store::Connection& c) -> Result<std::int64_t> {
        store::bulk_insert_targets(c, actor.org, parts);
        audit_json(c, actor, "decompose", "target", out.root.id, std::nullopt,
                   decompose_json(req, out), now);
        return static_cast<std::int64_t>(parts.size());
      }));
  return out;
}

}  // namespace fupan::service
