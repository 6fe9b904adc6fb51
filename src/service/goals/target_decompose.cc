#include "service/goals/target_decompose.h"

#include <deque>
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

// A person's part down the calendar: the person and the split of their value.
struct PersonDays {
  ScopeRef scope;
  int depth = 0;
  const std::vector<SplitPart>* days = nullptr;
};

// Saves `batch` and empties it for the next targets.
void flush(store::Connection& c, OrgId org, std::vector<goals::Target>& batch,
           std::int64_t& saved) {
  store::bulk_insert_targets(c, org, batch);
  saved += static_cast<std::int64_t>(batch.size());
  batch.clear();
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

  // Each person's part down the calendar. The periods and values depend on the person's value
  // alone (unless split by their own last year), so a split is worked out once per value and
  // shared; the days are made into targets only as they are saved.
  std::vector<PersonDays> calendar;
  std::map<std::int64_t, std::vector<SplitPart>> split_for_value;
  std::deque<std::vector<SplitPart>> own_splits;  // by last year: each person's own
  if (!req.into.empty()) {
    const SplitRequest down_calendar{"calendar", req.into, req.calendar_method, {}, false};
    const bool own_history = req.calendar_method == "last_year";
    std::vector<std::pair<const goals::Target*, int>> ends;
    if (out.root.scope.kind == ScopeRef::Kind::user) ends.emplace_back(&out.root, 0);
    for (std::size_t i : people) ends.emplace_back(&parts[i], depths[i]);
    const std::vector<LocalDate> holidays = org_holidays(ctx, actor.org);
    for (const auto& [person, depth] : ends) {
      auto known = split_for_value.find(person->value);
      if (own_history || known == split_for_value.end()) {
        FUPAN_ASSIGN_OR_RETURN(auto split,
                               parts_down_calendar(ctx, actor, *person, down_calendar, &holidays));
        if (own_history) {
          own_splits.push_back(std::move(split));
        } else {
          known = split_for_value.emplace(person->value, std::move(split)).first;
        }
      }
      calendar.push_back(
          {person->scope, depth + 1, own_history ? &own_splits.back() : &known->second});
    }
  }
  if (parts.empty() && calendar.empty()) return Error::invalid("into", detail::nothing_below);

  // The targets already set inside the period, read for the scopes of the parts only (the root's
  // and every part's down the organisation).
  std::unordered_set<std::string> existing;
  {
    store::TargetQuery q;
    q.metric = out.root.metric;
    q.from = out.root.period.start;
    q.to = out.root.period.end;
    q.scopes.push_back(out.root.scope);
    for (std::size_t i = 0; i < org_parts; ++i) q.scopes.push_back(parts[i].scope);
    for (const goals::Target& t : store::list_targets(*ctx.db.acquire(), actor.org, q))
      existing.insert(key_of(t.scope, t.period.label));
  }
  auto exists = [&](const ScopeRef& scope, const Period& period) {
    return !existing.empty() && existing.contains(key_of(scope, period.label));
  };
  std::map<std::pair<int, std::string>, DecomposeLevel> levels;
  auto count = [&](int depth, std::string kind, std::int64_t value, bool set) {
    DecomposeLevel& l = levels[{depth, kind}];
    l.depth = depth;
    l.kind = std::move(kind);
    ++l.count;
    ++out.count;
    l.sum += value;
    if (set) {
      ++l.existing;
      ++out.existing;
    }
  };
  for (std::size_t i = 0; i < org_parts; ++i) {
    const goals::Target& t = parts[i];
    count(depths[i], std::string(t.scope.type_name()), t.value, exists(t.scope, t.period));
  }
  for (const PersonDays& person : calendar) {
    for (const SplitPart& day : *person.days) {
      count(person.depth, std::string(period_kind_name(day.period.kind)), day.value,
            exists(person.scope, day.period));
    }
  }
  for (auto& [key, level] : levels) out.levels.push_back(std::move(level));
  if (!req.save) return out;

  if (out.existing > 0) return Error::exists("parts");
  if (out.root.scope.kind == ScopeRef::Kind::user)
    FUPAN_TRY(check_may_set_target(actor, out.root.scope));
  for (std::size_t i = 0; i < org_parts; ++i)
    FUPAN_TRY(check_may_set_target(actor, parts[i].scope));
  const Instant now = ctx.clock.now();
  FUPAN_ASSIGN_OR_RETURN(
      out.saved,
      write_facts<std::int64_t>(ctx, "parts", [&](store::Connection& c) -> Result<std::int64_t> {
        // Saved a few thousand at a time, through one buffer of targets.
        constexpr std::size_t kBatch = 4096;
        std::vector<goals::Target> batch;
        batch.reserve(kBatch);
        std::int64_t saved = 0;
        auto save = [&](const ScopeRef& scope, const Period& period, std::int64_t value) {
          goals::Target& t = batch.emplace_back();
          t.metric = out.root.metric;
          t.scope = scope;
          t.period = period;
          t.value = t.original_value = value;
          t.set_by = actor.id;
          t.created_at = t.updated_at = now;
          if (batch.size() == kBatch) flush(c, actor.org, batch, saved);
        };
        for (std::size_t i = 0; i < org_parts; ++i)
          save(parts[i].scope, parts[i].period, parts[i].value);
        for (const PersonDays& person : calendar) {
          for (const SplitPart& day : *person.days) save(person.scope, day.period, day.value);
        }
        flush(c, actor.org, batch, saved);
        audit_json(c, actor, "decompose", "target", out.root.id, std::nullopt,
                   decompose_json(req, out), now);
        return saved;
      }));
  return out;
}

}  // namespace fupan::service
