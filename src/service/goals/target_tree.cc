#include "service/goals/target_tree.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "domain/goals/calendar_split.h"
#include "domain/goals/org_tree.h"
#include "domain/org_validation.h"
#include "service/goals/goal_actuals.h"
#include "service/goals/target_service.h"
#include "service/platform/write.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

constexpr std::size_t kMaxNoteChars = 200;

struct ScopeKey {
  ScopeRef::Kind kind;
  std::int64_t id;
  friend auto operator<=>(const ScopeKey&, const ScopeKey&) = default;
};
ScopeKey key_of(const ScopeRef& s) {
  return {s.kind, s.id};
}

struct TreeInputs {
  const Actor& actor;
  std::map<ScopeKey, goals::Target> targets;  // of the root's metric and period, by scope
  std::unordered_map<std::int64_t, goals::TargetCommit> commits;  // by target id
};

TreeNode node_of(const TreeInputs& in, const ScopeRef& scope) {
  const OrgSnapshot& org = *in.actor.snapshot;
  TreeNode node;
  node.scope = scope;
  node.scope_name = goals::scope_name(org, scope);
  if (auto t = in.targets.find(key_of(scope)); t != in.targets.end()) {
    node.target = t->second;
    if (auto c = in.commits.find(t->second.id); c != in.commits.end()) node.commit = c->second;
  }
  for (const ScopeRef& child : goals::org_children(org, scope, in.actor.today)) {
    if (!check_may_view({child}, org, in.actor.scope(), in.actor.id, in.actor.today).ok()) {
      continue;
    }
    TreeNode c = node_of(in, child);
    if (c.target) {
      node.children_sum = node.children_sum.value_or(0) + c.target->value;
    } else {
      ++node.missing;
    }
    node.children.push_back(std::move(c));
  }
  return node;
}

// Adds `scope` and every scope below it that the viewer sees, as node_of walks them.
void collect_scopes(const Actor& actor, const ScopeRef& scope, std::vector<ScopeRef>& out) {
  out.push_back(scope);
  const OrgSnapshot& org = *actor.snapshot;
  for (const ScopeRef& child : goals::org_children(org, scope, actor.today)) {
    if (check_may_view({child}, org, actor.scope(), actor.id, actor.today).ok())
      collect_scopes(actor, child, out);
  }
}

// How many periods of `kind` with a working day the root's period holds (clipped to it), as a
// split by working days makes them.
std::size_t parts_of(const Period& outer, PeriodKind kind, int fiscal,
                     const std::vector<LocalDate>& holidays) {
  std::size_t n = 0;
  for (const Period& p : periods_within(kind, outer, fiscal)) {
    if (working_days(p.start, p.end, holidays) > 0) ++n;
  }
  return n;
}

}  // namespace

Result<TargetTree> target_tree(const Context& ctx, const Actor& actor, std::int64_t id) {
  FUPAN_ASSIGN_OR_RETURN(auto found, get_target(ctx, actor, id));
  const goals::Target& root = found.target;
  TreeInputs in{actor, {}, {}};
  std::map<PeriodKind, CalendarGroup> calendar;
  {
    auto conn = ctx.db.acquire();
    // The root's period for every scope of the tree: a key lookup each, not the org's targets
    // (after a decomposition to days, half a million of them overlap a year).
    store::TargetQuery same;
    same.metric = root.metric;
    same.period = root.period;
    collect_scopes(actor, root.scope, same.scopes);
    std::vector<std::int64_t> ids;
    for (goals::Target& t : store::list_targets(*conn, actor.org, same)) {
      ids.push_back(t.id);
      in.targets.emplace(key_of(t.scope), std::move(t));
    }
    // The root scope's own targets inside its period: the calendar below it.
    store::TargetQuery below;
    below.metric = root.metric;
    below.scope = root.scope;
    below.from = root.period.start;
    below.to = root.period.end;
    for (goals::Target& t : store::list_targets(*conn, actor.org, below)) {
      if (t.period.label == root.period.label || t.period.start < root.period.start ||
          t.period.end > root.period.end)
        continue;
      CalendarGroup& g = calendar[t.period.kind];
      g.kind = t.period.kind;
      g.sum += t.value;
      g.items.push_back(std::move(t));
    }
    for (goals::TargetCommit& c : store::list_target_commits(*conn, actor.org, ids)) {
      const std::int64_t target = c.target_id;
      in.commits.emplace(target, std::move(c));
    }
  }
  TargetTree out;
  out.root = node_of(in, root.scope);
  const int fiscal = actor.snapshot->org().fiscal_year_start_month;
  const std::vector<LocalDate> holidays = org_holidays(ctx, actor.org);
  for (auto& [kind, group] : calendar) {
    std::ranges::sort(group.items, {}, [](const goals::Target& t) { return t.period.start; });
    group.complete = group.items.size() >= parts_of(root.period, kind, fiscal, holidays);
    out.calendar.push_back(std::move(group));
  }
  // Coarsest first: a quarter before a month before a week before a day.
  std::ranges::stable_sort(out.calendar, std::greater<>{}, [](const CalendarGroup& g) {
    return g.items.front().period.end - g.items.front().period.start;
  });
  return out;
}

Result<goals::TargetCommit> commit_to_target(const Context& ctx, const Actor& actor,
                                             std::int64_t id, const CommitInput& in) {
  if (in.value < 0) return Error::invalid("value", detail::not_negative);
  const std::size_t note_chars = utf8_length(in.note);
  if (note_chars == std::string::npos || note_chars > kMaxNoteChars) {
    return Error::invalid("note", detail::at_most_chars(kMaxNoteChars));
  }
  FUPAN_ASSIGN_OR_RETURN(auto found, get_target(ctx, actor, id));
  if (!actor.scope().can_write ||
      !goals::answers_for(*actor.snapshot, actor.id, found.target.scope, actor.today)) {
    return Error::of(ErrorCode::forbidden, detail::not_your_commit);
  }
  goals::TargetCommit commit{id, in.value, in.note, actor.id, ctx.clock.now()};
  return write_facts<goals::TargetCommit>(
      ctx, "", [&](store::Connection& c) -> Result<goals::TargetCommit> {
        store::upsert_target_commit(c, actor.org, commit);
        JsonWriter w;
        w.begin_object();
        w.field("target_id", id);
        w.field("value", commit.value);
        w.field("note", commit.note);
        w.end_object();
        audit_json(c, actor, "commit", "target", id, std::nullopt, std::move(w).str(), commit.at);
        return commit;
      });
}

}  // namespace fupan::service
