// The metrics API (docs/metrics.md): one answer, a batch of answers, a breakdown, and the catalog
// of metrics with their Chinese and English names and units.
import { get, download } from './request.js'
import { i18n, currentLocale } from '@/locales'

let catalogLoading = null

/** GET /api/metrics/catalog once: [{name, zh, en, unit, additive}]. */
export function metricCatalog() {
  catalogLoading ??= get('/api/metrics/catalog', undefined, { quiet: true })
    .then((res) => res.items)
    .catch((err) => {
      catalogLoading = null
      throw err
    })
  return catalogLoading
}

/** A metric's name in the UI's language; growth:M and yoy_growth:M are named after M. */
export function metricLabel(name, catalog) {
  const m = /^(yoy_)?growth:(.+)$/.exec(name)
  const info = catalog?.find((x) => x.name === (m ? m[2] : name))
  const base = info ? (currentLocale() === 'en' ? info.en : info.zh) : m ? m[2] : name
  if (!m) return base
  return i18n.global.t(m[1] ? 'metrics.yoyGrowthOf' : 'metrics.growthOf', { name: base })
}

/** GET /api/metrics: {metric, scope, period, range, value, previous, yoy, previous_period, yoy_period}. */
export const askMetric = (metric, scope, period, opts) => get('/api/metrics', { metric, scope, period }, opts)

/** GET /api/metrics/batch: every metric for every scope (metric-major) → the answers. */
export async function askBatch(metrics, scopes, period, opts) {
  const params = new URLSearchParams()
  for (const m of metrics) params.append('metric', m)
  for (const s of scopes) params.append('scope', s)
  params.append('period', period)
  const res = await get(`/api/metrics/batch?${params}`, undefined, opts)
  return res.results
}

/** GET /api/metrics/breakdown ({metric, scope, period, by}) → rows [{key, label, value, previous, yoy, previous_period}]. */
export async function breakdown(query, opts) {
  const res = await get('/api/metrics/breakdown', query, opts)
  return res.rows
}

/** Downloads a breakdown as .xlsx in the UI's language (the server's `format=xlsx`). */
export const exportBreakdown = (query) =>
  download(
    '/api/metrics/breakdown',
    { ...query, format: 'xlsx', lang: currentLocale() },
    `${query.metric}-${query.by}-${query.period}.xlsx`.replace(/[:/\\]/g, '_'),
  )
