#include "service/analytics/metrics_service.h"

#include <algorithm>
#include <cassert>
#include <unordered_map>

#include "engine/analytics.h"
#include "store/metric_settings_store.h"
#include "store/record_lookup.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

constexpr const char* kNone = "（未填写）";

MetricAnswer from_engine(const Context& ctx, OrgId org, const OrgSnapshot& snapshot,
                         const MetricQuery& q) {
  const TargetFn target = target_fn(ctx, org, q);
  return ctx.analytics->read(org, [&](const engine::OrgIndex& index) {
    const engine::ResolvedScope scope = index.resolve(q.scopes, snapshot);
    return answer(
        q, index.settings(),
        [&](Metric m, const Period& p) {
          return index.base(m, scope, p, q.segment, q.pipeline_id);
        },
        target);
  });
}

// A user's row in a breakdown: only the days they count for the parent scope.
engine::ResolvedScope only_member(const engine::ResolvedScope& parent, std::size_t i) {
  engine::ResolvedScope out;
  out.members.push_back(parent.members[i]);
  out.costs = parent.costs;
  return out;
}

// Largest first; null and stage lists last, in their order.
void sort_by_value(std::vector<BreakdownRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const BreakdownRow& a, const BreakdownRow& b) {
    return as_number(a.answer.value).value_or(-1e300) > as_number(b.answer.value).value_or(-1e300);
  });
}

}  // namespace

Result<MetricQuery> parse_metric_request(const MetricRequest& req, const OrgSnapshot& snapshot,
                                         std::optional<LocalDate> today) {
  MetricQuery q;
  if (req.metric.empty()) return Error::missing("metric");
  if (req.scope.empty()) return Error::missing("scope");
  if (req.period.empty()) return Error::missing("period");
  auto metric = parse_metric(req.metric);
  if (!metric.ok()) return metric.error();
  q.metric = *metric;
  auto scopes = parse_scope(req.scope, snapshot);
  if (!scopes.ok()) return scopes.error();
  q.scopes = std::move(*scopes);
  auto period = parse_period(req.period, snapshot.org().fiscal_year_start_month);
  if (!period.ok()) return period.error();
  q.period = std::move(*period);
  q.pipeline_id = req.pipeline_id;
  if (req.segment_dim) {
    auto dim = parse_segment_dim(*req.segment_dim);
    if (!dim) return Error::invalid("segment", detail::segment_dim);
    q.segment = Segment{*dim, req.segment_key.value_or("")};
  }
  if (auto ok = check_segment(q.metric, q.segment); !ok.ok()) return ok.error();
  const auto mode = parse_compare_mode(req.compare.value_or("to_date"));
  if (!mode) return Error::invalid("compare", detail::compare_mode);
  q.compare = {
      *mode, today,
      parse_elapsed_basis(snapshot.org().compare_basis).value_or(ElapsedBasis::calendar_days)};
  const bool needs_target = q.metric.transform == MetricTransform::target ||
                            q.metric.transform == MetricTransform::attainment;
  if (needs_target && q.scopes.size() != 1) {
    return Error::invalid("scope", detail::target_one_scope);
  }
  if (needs_target && q.segment) {
    return Error::invalid("segment", detail::target_no_segment);
  }
  return q;
}

TargetFn target_fn(const Context& ctx, OrgId org, const MetricQuery& q,
                   std::optional<ScopeRef> scope) {
  const auto t = q.metric.transform;
  if (t != MetricTransform::target && t != MetricTransform::attainment) return {};
  const ScopeRef s = scope.value_or(q.scopes.front());
  auto conn = ctx.db.acquire();
  const MetricSettings settings = store::read_metric_settings(*conn, org);
  auto targets = store::read_targets(*conn, org, info(q.metric.base).name, s.type_name(), s.id);
  // A money target's share is whole 分; the answer carries a target as a real either way.
  const bool money = info(q.metric.base).unit == MetricUnit::fen;
  return [targets = std::move(targets), holidays = settings.holidays,
          money](const Period& p) -> std::optional<double> {
    if (!money) return target_for(targets, p, holidays);
    const std::optional<Fen> fen = money_target_for(targets, p, holidays);
    if (!fen) return std::nullopt;
    return static_cast<double>(fen->value());
  };
}

MetricAnswer answer_metric(const Context& ctx, OrgId org, const MetricQuery& q) {
  assert(ctx.analytics);
  auto snapshot = ctx.orgs.get(org);
  return from_engine(ctx, org, *snapshot, q);
}

Result<std::pair<MetricQuery, MetricAnswer>> ask_metric(const Context& ctx, const Actor& actor,
                                                        const MetricRequest& req) {
  auto q = parse_metric_request(req, *actor.snapshot, actor.today);
  if (!q.ok()) return q.error();
  if (auto ok = check_may_view(q->scopes, *actor.snapshot, actor.scope(), actor.id, actor.today);
      !ok.ok()) {
    return ok.error();
  }
  MetricAnswer a = answer_metric(ctx, actor.org, *q);
  return std::pair{std::move(*q), std::move(a)};
}

Result<std::vector<std::pair<MetricQuery, MetricAnswer>>> ask_metric_batch(
    const Context& ctx, const Actor& actor, const std::vector<std::string>& metrics,
    const std::vector<std::string>& scopes, const std::string& period,
    const std::optional<std::string>& compare) {
  std::vector<MetricQuery> questions;
  for (const std::string& m : metrics) {
    for (const std::string& s : scopes) {
      auto q =
          parse_metric_request({m, s, period, {}, {}, {}, compare}, *actor.snapshot, actor.today);
      if (!q.ok()) return q.error();
      questions.push_back(std::move(*q));
    }
  }
  for (std::size_t i = 0; i < scopes.size() && i < questions.size(); ++i) {
    if (auto ok = check_may_view(questions[i].scopes, *actor.snapshot, actor.scope(), actor.id,
                                 actor.today);
        !ok.ok()) {
      return ok.error();
    }
  }
  std::vector<std::pair<MetricQuery, MetricAnswer>> out;
  if (ctx.analytics == nullptr) {
    for (MetricQuery& q : questions) {
      MetricAnswer a = answer_metric(ctx, actor.org, q);
      out.emplace_back(std::move(q), std::move(a));
    }
    return out;
  }
  // Each scope is resolved once for all the metrics asked of it.
  std::vector<TargetFn> targets;
  for (const MetricQuery& q : questions) targets.push_back(target_fn(ctx, actor.org, q));
  ctx.analytics->read(actor.org, [&](const engine::OrgIndex& index) {
    std::vector<engine::ResolvedScope> resolved;
    for (std::size_t i = 0; i < scopes.size(); ++i) {
      resolved.push_back(index.resolve(questions[i].scopes, *actor.snapshot));
    }
    for (std::size_t i = 0; i < questions.size(); ++i) {
      const engine::ResolvedScope& scope = resolved[i % scopes.size()];
      MetricQuery& q = questions[i];
      MetricAnswer a = answer(
          q, index.settings(),
          [&](Metric m, const Period& p) {
            return index.base(m, scope, p, q.segment, q.pipeline_id);
          },
          targets[i]);
      out.emplace_back(std::move(q), std::move(a));
    }
    return 0;
  });
  return out;
}

Result<std::vector<BreakdownRow>> breakdown_metric(const Context& ctx, const Actor& actor,
                                                   const MetricRequest& req, std::string_view by) {
  auto parsed = parse_metric_request(req, *actor.snapshot, actor.today);
  if (!parsed.ok()) return parsed.error();
  MetricQuery q = std::move(*parsed);
  const OrgSnapshot& org = *actor.snapshot;
  if (auto ok = check_may_view(q.scopes, org, actor.scope(), actor.id, actor.today); !ok.ok()) {
    return ok.error();
  }
  const int fsm = org.org().fiscal_year_start_month;
  std::vector<BreakdownRow> rows;
  if (ctx.analytics == nullptr) return Error::of(ErrorCode::internal, detail::no_analytics);

  // By time: the same question over each period within.
  if (auto kind = parse_period_kind(by)) {
    const auto periods = periods_within(*kind, q.period, fsm);
    if (periods.size() > 400) return Error::invalid("by", detail::too_many_periods);
    // One scope for every period: resolved once.
    const TargetFn target = target_fn(ctx, actor.org, q);
    return ctx.analytics->read(actor.org, [&](const engine::OrgIndex& index) {
      const engine::ResolvedScope scope = index.resolve(q.scopes, org);
      for (const Period& p : periods) {
        MetricQuery sub = q;
        sub.period = p;
        rows.push_back({p.label, p.label,
                        answer(
                            sub, index.settings(),
                            [&](Metric m, const Period& at) {
                              return index.base(m, scope, at, q.segment, q.pipeline_id);
                            },
                            target)});
      }
      return std::move(rows);
    });
  }

  // By segment: the same question for each value of the customers' field.
  const std::optional<SegmentDim> dim =
      by == "region_of_customer" ? std::optional{SegmentDim::region} : parse_segment_dim(by);
  if (dim && by != "region") {
    if (q.segment) return Error::invalid("by", detail::already_segmented);
    if (auto ok = check_segment(q.metric, Segment{*dim, ""}); !ok.ok()) {
      return Error::invalid("by", ok.error().detail);  // the segment is the `by` asked
    }
    std::unordered_map<std::string, std::string> labels;
    if (*dim == SegmentDim::region) {
      for (const RegionRecord& r : org.regions()) labels[std::to_string(r.id.value)] = r.name;
    } else if (*dim == SegmentDim::product) {
      auto conn = ctx.db.acquire();
      for (auto& [id, name] : store::all_names(*conn, actor.org, "products")) {
        labels[std::to_string(id)] = std::move(name);
      }
    }
    const auto keys = ctx.analytics->read(
        actor.org, [&](const engine::OrgIndex& index) { return index.segment_keys(*dim); });
    for (const std::string& key : keys) {
      MetricQuery sub = q;
      sub.segment = Segment{*dim, key};
      auto it = labels.find(key);
      std::string label = key.empty() ? kNone : it != labels.end() ? it->second : key;
      rows.push_back({key, std::move(label), answer_metric(ctx, actor.org, sub)});
    }
    sort_by_value(rows);
    return rows;
  }

  // By scope.
  if (by == "user") {
    return ctx.analytics->read(actor.org, [&](const engine::OrgIndex& index) {
      const engine::ResolvedScope parent = index.resolve(q.scopes, org);
      std::vector<BreakdownRow> out;
      for (std::size_t i = 0; i < parent.members.size(); ++i) {
        const engine::ResolvedScope one = only_member(parent, i);
        const UserId user{index.user_id(parent.members[i].user)};
        const UserRecord* u = org.user(user);
        MetricAnswer a = answer(
            q, index.settings(),
            [&](Metric m, const Period& p) {
              return index.base(m, one, p, q.segment, q.pipeline_id);
            },
            target_fn(ctx, actor.org, q, ScopeRef{ScopeRef::Kind::user, user.value}));
        out.push_back(
            {"user:" + std::to_string(user.value), u ? u->display_name : "", std::move(a)});
      }
      sort_by_value(out);
      return out;
    });
  }
  std::vector<ScopeRef> children;
  if (q.scopes.size() != 1) return Error::invalid("by", detail::one_scope_at_a_time);
  const ScopeRef parent = q.scopes.front();
  if (by == "team") {
    for (const TeamRecord& t : org.teams()) {
      const bool within =
          parent.kind == ScopeRef::Kind::org ||
          (parent.kind == ScopeRef::Kind::region && t.region_id.value == parent.id) ||
          (parent.kind == ScopeRef::Kind::team && org.is_within(t.id, TeamId{parent.id}));
      if (within) children.push_back({ScopeRef::Kind::team, t.id.value});
    }
  } else if (by == "child" || by == "region") {
    switch (parent.kind) {
      case ScopeRef::Kind::org:
        for (const RegionRecord& r : org.regions())
          children.push_back({ScopeRef::Kind::region, r.id.value});
        break;
      case ScopeRef::Kind::region:
        for (const TeamRecord& t : org.teams()) {
          const TeamRecord* up = t.parent_id ? org.team(*t.parent_id) : nullptr;
          if (t.region_id.value == parent.id && (!up || up->region_id != t.region_id)) {
            children.push_back({ScopeRef::Kind::team, t.id.value});
          }
        }
        break;
      case ScopeRef::Kind::team:
        for (const TeamRecord& t : org.teams()) {
          if (t.parent_id && t.parent_id->value == parent.id) {
            children.push_back({ScopeRef::Kind::team, t.id.value});
          }
        }
        break;
      case ScopeRef::Kind::user:
        return Error::invalid("by", detail::no_sub_scopes);
    }
  } else {
    return Error::invalid("by", detail::breakdown);
  }
  for (const ScopeRef& child : children) {
    MetricQuery sub = q;
    sub.scopes = {child};
    std::string label = child.kind == ScopeRef::Kind::region ? org.region(RegionId{child.id})->name
                                                             : org.team(TeamId{child.id})->name;
    rows.push_back({child.text(), std::move(label), answer_metric(ctx, actor.org, sub)});
  }
  // A team's own members beside its sub-teams: each for their days in the team itself.
  if (by == "child" && parent.kind == ScopeRef::Kind::team) {
    ctx.analytics->read(actor.org, [&](const engine::OrgIndex& index) {
      std::unordered_map<std::int64_t, std::vector<DayRange>> days;
      for (const MembershipRecord* m : org.memberships_of_team(TeamId{parent.id})) {
        days[m->user_id.value].push_back({m->valid_from, m->valid_to.value_or(LocalDate::max())});
      }
      for (auto& [user, ranges] : days) {
        if (!std::any_of(ranges.begin(), ranges.end(), [&](const DayRange& r) {
              return r.start < q.period.end && q.period.start < r.end;
            })) {
          continue;
        }
        const engine::ResolvedScope one = index.resolve_member(UserId{user}, ranges);
        const UserRecord* u = org.user(UserId{user});
        MetricAnswer a = answer(
            q, index.settings(),
            [&](Metric m, const Period& p) {
              return index.base(m, one, p, q.segment, q.pipeline_id);
            },
            target_fn(ctx, actor.org, q, ScopeRef{ScopeRef::Kind::user, user}));
        rows.push_back({"user:" + std::to_string(user), u ? u->display_name : "", std::move(a)});
      }
      return 0;
    });
  }
  sort_by_value(rows);
  return rows;
}

}  // namespace fupan::service
