// How a metric's value reads (docs/metrics.md): money is integer 分 shown as 元 by the formatters
// of money.js, ratios come unrounded and show as a percent with one decimal, null (undefined, e.g.
// a zero denominator) as —.
import { i18n } from '@/locales'
import { axisMoney, formatMoney, formatMoneyShort } from './money.js'

const t = (key, args) => i18n.global.t(key, args)
const en = () => i18n.global.locale.value === 'en'
export const NONE = '—'

/** Metrics where a smaller number is the better one (their arrows colour the other way). */
const LOWER_IS_BETTER = new Set(['sales_cycle_days', 'sales_cycle_days_mean', 'cac', 'receivables'])
export const lowerIsBetter = (metric) => LOWER_IS_BETTER.has(String(metric).replace(/^(yoy_)?growth:/, ''))

/** The unit of a metric name given the catalog's units; growth:M and yoy_growth:M are ratios. */
export function unitOf(metric, catalog) {
  if (/^(yoy_)?growth:/.test(metric)) return 'ratio'
  return catalog?.find((m) => m.name === metric)?.unit ?? 'count'
}

/**
 * A metric value as people read it. Money is to the 分 (tables, tooltips); `short` reads it in 万
 * from ¥100,000 (KPI cards, chart labels: formatMoneyShort), `axis` as a chart axis tick (axisMoney).
 */
export function formatMetric(value, unit, { short = false, axis = false } = {}) {
  if (value === null || value === undefined || Array.isArray(value)) return NONE
  const n = Number(value)
  if (!Number.isFinite(n)) return NONE
  switch (unit) {
    case 'fen':
      if (axis) return axisMoney(n)
      return short ? formatMoneyShort(n) : formatMoney(n)
    case 'ratio':
      return `${(n * 100).toFixed(1)}%`
    case 'days':
      return t('metrics.days', { n: n.toFixed(1) })
    case 'per_day':
      return n.toFixed(1)
    case 'score':
      return n.toFixed(2)
    default:
      return Math.round(n).toLocaleString(en() ? 'en-US' : 'zh-CN')
  }
}

/**
 * The change from `base` to `value`: a relative percent, or for a ratio metric the difference in
 * percentage points (a win rate going 40% → 44% is +4.0 pp, not +10%). Null when either is null or
 * the base is 0 (no meaningful percent). `dir` is up / down / flat; `good` says whether that is good.
 */
export function change(value, base, unit, metric = '') {
  if (value === null || value === undefined || base === null || base === undefined) return null
  if (Array.isArray(value) || Array.isArray(base)) return null
  const v = Number(value)
  const b = Number(base)
  let delta
  let text
  if (unit === 'ratio') {
    delta = (v - b) * 100
    text = t('metrics.pp', { n: Math.abs(delta).toFixed(1) })
  } else {
    if (b === 0) return null
    delta = ((v - b) / Math.abs(b)) * 100
    text = `${Math.abs(delta).toFixed(1)}%`
  }
  const dir = Math.abs(delta) < 0.05 ? 'flat' : delta > 0 ? 'up' : 'down'
  const good = dir === 'flat' ? null : (dir === 'up') !== lowerIsBetter(metric)
  return { dir, good, text: dir === 'flat' ? text : `${dir === 'up' ? '+' : '-'}${text}` }
}
