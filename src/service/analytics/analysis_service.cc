#include "service/analytics/analysis_service.h"

#include <algorithm>
#include <map>

#include "domain/entity_json.h"
#include "domain/funnel.h"
#include "engine/analytics.h"
#include "engine/day_clock.h"
#include "service/crm/entity_access.h"
#include "service/crm/ref_names.h"
#include "store/entity_store.h"
#include "store/record_lookup.h"

namespace fupan::service {
namespace {

constexpr std::int64_t kRiskItems = 100;
constexpr int kHistoryMonths = 36;
constexpr int kBacktestMonths = 6;

// Parses and checks the scope and period of `req` for `actor` (the metric is not asked).
Result<MetricQuery> scoped_question(const Actor& actor, MetricRequest req) {
  req.metric = "orders_amount";
  auto q = parse_metric_request(req, *actor.snapshot);
  if (!q.ok()) return q.error();
  if (auto ok = check_may_view(q->scopes, *actor.snapshot, actor.scope(), actor.id, actor.today);
      !ok.ok()) {
    return ok.error();
  }
  return q;
}

std::string month_label(LocalDate d) {
  return format_date(d).substr(0, 7);
}

// Adds `where` and the actor's visibility to a query of `kind`.
store::EntityQuery visible_query(const Actor& actor, const EntityKind& kind, std::string where,
                                 std::vector<store::Value> params) {
  store::EntityQuery q;
  q.where = std::move(where);
  q.params = std::move(params);
  SqlCondition visible = visible_condition(actor, kind);
  if (!visible.sql.empty()) {
    q.where += " AND (" + visible.sql + ")";
    q.params.insert(q.params.end(), visible.params.begin(), visible.params.end());
  }
  q.limit = kRiskItems;
  return q;
}

}  // namespace

Result<FunnelReport> funnel_analysis(const Context& ctx, const Actor& actor, MetricRequest req) {
  auto q = scoped_question(actor, std::move(req));
  if (!q.ok()) return q.error();
  FunnelReport out;
  out.query = std::move(*q);
  // The benchmark: the whole org over the twelve months before the period.
  const LocalDate start = out.query.period.start;
  out.benchmark_period = {PeriodKind::range, month_start(add_months(start, -12)), start, ""};
  out.benchmark_period.label =
      format_date(out.benchmark_period.start) + ".." + format_date(start - std::chrono::days{1});
  std::optional<std::vector<engine::OrgIndex::FunnelStage>> stages, bench;
  ctx.analytics->read(actor.org, [&](const engine::OrgIndex& index) {
    const engine::ResolvedScope scope = index.resolve(out.query.scopes, *actor.snapshot);
    stages = index.funnel(scope, out.query.period, out.query.pipeline_id);
    const engine::ResolvedScope org = index.resolve({ScopeRef{}}, *actor.snapshot);
    bench = index.funnel(org, out.benchmark_period, out.query.pipeline_id, false);
    return 0;
  });
  if (!stages) return Error::invalid("pipeline", detail::no_such_pipeline);
  out.stages = std::move(*stages);
  std::vector<std::optional<double>> conversion;
  for (std::size_t k = 0; k < out.stages.size(); ++k) {
    conversion.push_back(out.stages[k].conversion);
    out.benchmark.push_back(bench && k < bench->size() ? (*bench)[k].conversion : std::nullopt);
  }
  if (auto k = bottleneck(conversion, out.benchmark)) {
    out.bottleneck_stage_id = out.stages[*k].stage_id;
  }
  return out;
}

Result<QuadrantReport> quadrant_analysis(const Context& ctx, const Actor& actor, MetricRequest req,
                                         std::string_view by) {
  if (by != "child" && by != "team" && by != "user") {
    return Error::invalid("by", detail::analysis_by);
  }
  if (req.metric.empty()) req.metric = "orders_amount";
  auto parsed = parse_metric_request(req, *actor.snapshot, actor.today);
  if (!parsed.ok()) return parsed.error();
  if (parsed->metric.transform != MetricTransform::none || !info(parsed->metric.base).additive) {
    return Error::invalid("metric", detail::additive_metric);
  }
  auto rows = breakdown_metric(ctx, actor, req, by);
  if (!rows.ok()) return rows.error();
  QuadrantReport out;
  out.query = std::move(*parsed);
  const OrgSnapshot& org = *actor.snapshot;
  for (BreakdownRow& r : *rows) {
    QuadrantPoint p{r.key, r.label, as_number(r.answer.value).value_or(0), std::nullopt, {}, {}};
    if (auto g = as_number(growth_of(r.answer.value, r.answer.previous))) p.growth = *g;
    out.comparison = r.answer;
    out.points.push_back(std::move(p));
  }
  // A team placed beside its own sub-teams holds their figures too: say so.
  for (QuadrantPoint& p : out.points) {
    if (p.key.rfind("team:", 0) != 0) continue;
    const TeamId team{std::stoll(p.key.substr(5))};
    for (const QuadrantPoint& q : out.points) {
      if (q.key == p.key || q.key.rfind("team:", 0) != 0) continue;
      if (org.is_within(TeamId{std::stoll(q.key.substr(5))}, team)) p.includes.push_back(q.key);
    }
  }
  out.split = median_split(out.points);
  classify(out.points, out.split);
  return out;
}

Result<ForecastReport> forecast_analysis(const Context& ctx, const Actor& actor, MetricRequest req,
                                         int months) {
  if (months < 1 || months > 12) return Error::invalid("months", detail::range_words(1, 12));
  req.period = format_date(actor.today).substr(0, 7);  // this month
  auto q = scoped_question(actor, std::move(req));
  if (!q.ok()) return q.error();
  ForecastReport out;
  out.query = std::move(*q);
  const LocalDate this_month = out.query.period.start;
  ctx.analytics->read(actor.org, [&](const engine::OrgIndex& index) {
    const engine::ResolvedScope scope = index.resolve(out.query.scopes, *actor.snapshot);
    out.pipeline = index.open_pipeline(scope, actor.today, months);
    for (int i = -kHistoryMonths; i < 0; ++i) {
      const LocalDate first = month_start(add_months(this_month, i));
      const Period p{PeriodKind::month, first, month_start(add_months(this_month, i + 1)),
                     month_label(first)};
      const MetricValue v = index.base(Metric::orders_amount, scope, p, std::nullopt, std::nullopt);
      out.history.push_back({p.label, as_number(v).value_or(0)});
    }
    return 0;
  });
  // Months before the scope's first sale are not history: a new team starts at its first month.
  auto first = std::find_if(out.history.begin(), out.history.end(),
                            [](const MonthValue& m) { return m.value != 0; });
  out.history.erase(out.history.begin(), first);
  std::vector<double> values;
  for (const MonthValue& m : out.history) values.push_back(m.value);
  const SeriesForecast f = seasonal_forecast(values, months);
  out.method = f.method;
  for (int i = 0; i < months; ++i) {
    out.forecast.push_back({month_label(add_months(this_month, i)), f.values[i]});
  }
  out.backtest = backtest(values, kBacktestMonths);
  for (const BacktestPoint& p : out.backtest.points) {
    out.backtest_months.push_back(out.history[p.index].month);
  }
  return out;
}

Result<RiskReport> risk_analysis(const Context& ctx, const Actor& actor) {
  RiskReport out;
  auto todos = load_todos(ctx, actor, TodoFilter{TodoScope::team, std::nullopt});
  if (!todos.ok()) return todos.error();
  out.stalled = std::move(*todos);
  const std::string today = format_date(actor.today);
  auto conn = ctx.db.acquire();

  const EntityKind& opportunities = *find_entity_kind("opportunity");
  auto slipped =
      visible_query(actor, opportunities, "t.status = 'open' AND t.expected_close < ?", {today});
  slipped.order_by = "t.expected_close ASC, t.id ASC";
  out.slipped_total = store::count_entities(*conn, actor.org, opportunities, slipped);
  out.slipped = store::query_entities(*conn, actor.org, opportunities, slipped);

  const EntityKind& orders = *find_entity_kind("order");
  auto overdue = visible_query(
      actor, orders, "t.status <> 'cancelled' AND t.due_date < ? AND t.total > t.paid", {today});
  overdue.order_by = "t.due_date ASC, t.id ASC";
  out.overdue_total = store::count_entities(*conn, actor.org, orders, overdue);
  out.overdue = store::query_entities(*conn, actor.org, orders, overdue);

  const DataScope& scope = actor.scope();
  std::size_t total = 0;
  const auto churn = ctx.analytics->read(actor.org, [&](const engine::OrgIndex& index) {
    return index.churn_risks([&](std::int64_t owner) { return scope.sees_user(UserId{owner}); },
                             actor.today, kRiskItems, &total);
  });
  for (const engine::OrgIndex::ChurnRisk& c : churn) {
    out.churn.push_back({c.customer_id, c.owner_id, engine::DayClock::date_of(c.last_order),
                         c.usual_days, c.days_since});
  }
  out.churn_total = static_cast<std::int64_t>(total);
  return out;
}

RiskNames load_risk_names(const Context& ctx, const Actor& actor, const RiskReport& r) {
  RiskNames out;
  for (const auto& s : r.stalled.stalled) out.refs.collect(s.opportunity);
  for (const auto& o : r.slipped) out.refs.collect(o);
  for (const auto& o : r.overdue) out.refs.collect(o);
  auto conn = ctx.db.acquire();
  load_ref_names(*conn, actor.org, out.refs);
  if (!r.churn.empty()) {
    std::vector<std::int64_t> ids;
    for (const auto& c : r.churn) ids.push_back(c.customer_id);
    for (auto& [id, name] : store::names_by_id(*conn, actor.org, "customers", ids)) {
      out.churn_customers[id] = std::move(name);
    }
  }
  return out;
}

}  // namespace fupan::service
