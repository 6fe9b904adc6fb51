// Analyses beyond single metrics (SPEC §5), each within the viewer's data scope: the funnel with
// time in stage and its bottleneck against the org's trailing benchmark, the sales × growth
// quadrant, the forecast (weighted open pipeline by close month, commit / best case, and the
// seasonal forecast beside its backtest), and the risk lists.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/entity_json.h"
#include "domain/forecast.h"
#include "domain/quadrant.h"
#include "engine/org_index.h"
#include "service/analytics/metrics_service.h"
#include "service/crm/todo_service.h"
#include "service/platform/context.h"

namespace fupan::service {

struct FunnelReport {
  MetricQuery query;  // scopes and period (metric unused)
  std::vector<engine::OrgIndex::FunnelStage> stages;
  std::vector<std::optional<double>> benchmark;  // the org's conversion per stage, trailing year
  Period benchmark_period;
  std::optional<std::int64_t> bottleneck_stage_id;
};
// `req.metric` is ignored; pipeline_id picks the pipeline (default: the org's default).
Result<FunnelReport> funnel_analysis(const Context& ctx, const Actor& actor, MetricRequest req);

struct QuadrantReport {
  MetricQuery query;
  QuadrantSplit split;
  std::vector<QuadrantPoint> points;  // growth = growth of the metric over the previous period
  MetricAnswer comparison;            // how the periods were compared (figures unused)
};
// Places the rows of a breakdown of `req` by `by` (child, team, user) by metric against growth.
Result<QuadrantReport> quadrant_analysis(const Context& ctx, const Actor& actor, MetricRequest req,
                                         std::string_view by);

struct MonthValue {
  std::string month;  // "2026-11"
  double value = 0;
};
struct ForecastReport {
  MetricQuery query;  // orders_amount for the scope; period = the current month
  engine::OrgIndex::OpenPipeline pipeline;
  std::vector<MonthValue> history;   // complete months, oldest first
  std::vector<MonthValue> forecast;  // the months after, from the current one
  ForecastMethod method = ForecastMethod::mean;
  Backtest backtest;
  std::vector<std::string> backtest_months;
};
// `months` ahead (1–12); `req.period` is ignored (the forecast starts this month).
Result<ForecastReport> forecast_analysis(const Context& ctx, const Actor& actor, MetricRequest req,
                                         int months);

// A customer at risk of churn (engine/org_index.h: churn_risks).
struct ChurnRisk {
  std::int64_t customer_id = 0, owner_id = 0;
  LocalDate last_order;
  double usual_days = 0;  // the median gap between their order days
  std::int64_t days_since = 0;
};

struct RiskReport {
  Todos stalled;  // stalled opportunities in the viewer's data scope (todos, team view)
  std::vector<EntityRecord> slipped;  // open, expected close before today
  std::int64_t slipped_total = 0;
  std::vector<ChurnRisk> churn;
  std::int64_t churn_total = 0;
  std::vector<EntityRecord> overdue;  // orders owing past their due date
  std::int64_t overdue_total = 0;
};
Result<RiskReport> risk_analysis(const Context& ctx, const Actor& actor);
// The names the rows of a risk report show (customers, stages; users come from the snapshot).
struct RiskNames {
  RefNames refs;                                        // of the stalled, slipped, overdue records
  std::map<std::int64_t, std::string> churn_customers;  // customer id → name
};
RiskNames load_risk_names(const Context& ctx, const Actor& actor, const RiskReport& r);
}  // namespace fupan::service
