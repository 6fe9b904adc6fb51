// The analyses of SPEC §5 (docs/api.md "Metrics and analyses"), each within the caller's scope:
// the funnel, the sales-growth quadrants, the forecast and the risk alerts.
import { get } from './request.js'

/**
 * GET /api/analysis/funnel ({scope, period, pipeline?}) → {scope, period, benchmark_period,
 * stages: [{stage_id, name, probability, reached, conversion, benchmark, stays, median_days,
 * mean_days}], bottleneck_stage_id}.
 */
export const funnel = (query, opts) => get('/api/analysis/funnel', query, opts)

/**
 * GET /api/analysis/quadrant ({scope, period, by, metric?}) → {metric, scope, period, by,
 * split: {sales, growth}, points: [{key, label, sales, growth, quadrant, action}]}; the action
 * comes in the request's language (Accept-Language).
 */
export const quadrant = (query, opts) => get('/api/analysis/quadrant', query, opts)

/**
 * GET /api/analysis/forecast ({scope, months?}) → {scope, as_of, pipeline: {slipped, months},
 * series: {metric, method, history, forecast, backtest: {mape, mae, points}}}.
 */
export const forecast = (query, opts) => get('/api/analysis/forecast', query, opts)

/**
 * GET /api/analysis/risks → {stalled, stalled_total, stall_days, slipped, slipped_total, churn,
 * churn_total, overdue, overdue_total, today}.
 */
export const risks = (opts) => get('/api/analysis/risks', undefined, opts)
