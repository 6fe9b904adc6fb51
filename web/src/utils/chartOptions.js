// ECharts options for the metric charts, shared by the home dashboards and the analysis pages:
// a ranking bar, a trend line with last year's line, a pie of shares. Each takes breakdown rows
// ({key, label, value, previous, yoy, compared}) and a metric unit. A row of a period not begun
// is not drawn (no bar, a gap in a line); the period in progress is marked 至今.
import { i18n } from '@/locales'
import { formatMetric } from './metricFormat.js'
import { isFuture } from './period.js'
import { dayRangeText, isFutureAnswer, isToDate } from './compareText.js'

const t = (key, args) => i18n.global.t(key, args)
const num = (v) => (v === null || v === undefined || Array.isArray(v) ? null : Number(v))
/** True for a row with nothing to draw yet: the server says so, or its period begins after today. */
const notBegun = (r) => isFutureAnswer(r) || (!r.compared && isFuture(r.key))
/** The row's value to draw, null for a period not begun. */
const drawn = (r, field = 'value') => (notBegun(r) ? null : num(r[field]))
const TO_DATE_COLOR = '#409eff'
/**
 * A value axis in `unit` for `values`: ticks as axisMoney writes them for money, no fractions of a
 * 元 or of a count between ticks, and from 0 unless a value is below it (ECharts would otherwise
 * draw an all-zero series in the middle, ¥−3.2万 under it).
 */
export const valueAxis = (unit, values = [], extra = {}) => ({
  type: 'value',
  minInterval: unit === 'fen' ? 100 : unit === 'count' ? 1 : 0,
  ...(values.some((v) => v !== null && v !== undefined && Number(v) < 0) ? {} : { min: 0 }),
  axisLabel: { formatter: (v) => formatMetric(v, unit, { axis: true }), hideOverlap: true },
  ...extra,
})

/** Horizontal bars, largest on top (rows come sorted by value from the server). */
export function rankingOption(rows, unit, { name = '', narrow = false } = {}) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatMetric(v, unit) },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    // A phone has room for about three ticks in 万 side by side (more would hide some of them).
    xAxis: valueAxis(unit, rows.map((r) => drawn(r)), narrow ? { splitNumber: 2 } : {}),
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.label),
      axisLabel: { width: narrow ? 64 : 110, overflow: 'truncate' },
    },
    series: [
      {
        name,
        type: 'bar',
        barMaxWidth: 22,
        data: rows.map((r) => drawn(r)),
        label: { show: true, position: 'right', formatter: (p) => formatMetric(p.value, unit, { short: true }) },
      },
    ],
  }
}

/** Vertical bars of a few groups (teams, regions), with last year's value beside each. */
export function groupBarOption(rows, unit, { name = '', narrow = false } = {}) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatMetric(v, unit) },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisLabel: { interval: 0, width: narrow ? 56 : 90, overflow: 'truncate' },
    },
    yAxis: valueAxis(unit, rows.flatMap((r) => [drawn(r), drawn(r, 'yoy')])),
    series: [
      { name, type: 'bar', barMaxWidth: 36, data: rows.map((r) => drawn(r)) },
      { name: t('metrics.lastYear'), type: 'bar', barMaxWidth: 36, data: rows.map((r) => drawn(r, 'yoy')), itemStyle: { opacity: 0.45 } },
    ],
  }
}

/**
 * A line over time (rows by day/week/month…) and a dashed line of the same periods last year.
 * Periods that have not begun show no point; the one in progress is drawn apart (a dashed last
 * step, a hollow point labelled 至今), as its figures count only the days so far.
 */
export function trendOption(rows, unit, { name = '', short = (k) => k } = {}) {
  const current = rows.findIndex(isToDate)
  const toDate = t('metrics.compare.toDate')
  const whole = rows.map((r, i) => (i === current ? null : drawn(r)))
  const partial = rows.map((r, i) => (i === current || (current > 0 && i === current - 1) ? drawn(r) : null))
  const tooltip = (ps) => {
    const i = ps[0]?.dataIndex
    const row = rows[i]
    if (!row) return ''
    const head = isToDate(row) ? `${short(row.key)}（${toDate} ${dayRangeText(row.value_range)}）` : short(row.key)
    const seen = new Set()
    const lines = ps
      .filter((p) => p.value !== null && p.value !== undefined && !seen.has(p.seriesName) && seen.add(p.seriesName))
      .map((p) => {
        const days = isToDate(row) && p.seriesIndex === 2 ? `（${dayRangeText(row.yoy_range)}）` : ''
        return `${p.marker}${p.seriesName}：${formatMetric(p.value, unit)}${days}`
      })
    return [head, ...lines].join('<br/>')
  }
  return {
    tooltip: { trigger: 'axis', formatter: tooltip },
    legend: { top: 0, data: [name, t('metrics.lastYear')] },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: rows.map((r, i) =>
        i === current ? { value: `${short(r.key)}\n${toDate}`, textStyle: { color: TO_DATE_COLOR, fontWeight: 600 } } : short(r.key),
      ),
    },
    yAxis: valueAxis(unit, rows.flatMap((r) => [drawn(r), num(r.yoy)])),
    series: [
      {
        name,
        type: 'line',
        smooth: true,
        smoothMonotone: 'x',
        symbolSize: 7,
        data: whole,
        areaStyle: { opacity: 0.08 },
        itemStyle: { color: TO_DATE_COLOR },
      },
      {
        name,
        type: 'line',
        symbol: 'emptyCircle',
        symbolSize: 9,
        data: partial,
        lineStyle: { type: 'dashed' },
        itemStyle: { color: TO_DATE_COLOR },
        label: { show: true, position: 'top', fontSize: 11, formatter: (p) => (p.dataIndex === current ? toDate : '') },
      },
      {
        name: t('metrics.lastYear'),
        type: 'line',
        smooth: true,
        smoothMonotone: 'x',
        symbolSize: 5,
        data: rows.map((r) => num(r.yoy)),
        lineStyle: { type: 'dashed' },
        itemStyle: { color: '#67c23a' },
      },
    ],
  }
}

/** Shares of a whole (segments of an additive metric); empty and negative rows are left out. */
export function pieOption(rows, unit, { name = '', narrow = false } = {}) {
  return {
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}<br/>${formatMetric(p.value, unit)}（${p.percent}%）` },
    legend: { type: 'plain', bottom: 0, left: 'center' },
    series: [
      {
        name,
        type: 'pie',
        radius: narrow ? ['30%', '58%'] : ['35%', '65%'],
        center: ['50%', '45%'],
        data: rows.filter((r) => num(r.value) > 0).map((r) => ({ name: r.label, value: num(r.value), key: r.key })),
        label: { formatter: (p) => `${p.name}\n${p.percent.toFixed(1)}%` },
      },
    ],
  }
}
