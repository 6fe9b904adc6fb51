// ECharts options for the metric charts, shared by the home dashboards and the analysis pages:
// a ranking bar, a trend line with last year's line, a pie of shares, and the sales-growth
// quadrant. Each takes breakdown rows ({key, label, value, previous, yoy}) and a metric unit.
import { i18n } from '@/locales'
import { formatMetric } from './metricFormat.js'
import { isFuture } from './period.js'

const t = (key, args) => i18n.global.t(key, args)
const num = (v) => (v === null || v === undefined || Array.isArray(v) ? null : Number(v))
const axisText = (unit) => (v) => formatMetric(v, unit, { short: true })
/** A value axis in `unit`: no fractions of a 元 or of a count between its ticks. */
const valueAxis = (unit, extra = {}) => ({
  type: 'value',
  minInterval: unit === 'fen' ? 100 : unit === 'count' ? 1 : 0,
  axisLabel: { formatter: axisText(unit), hideOverlap: true },
  ...extra,
})

/** Horizontal bars, largest on top (rows come sorted by value from the server). */
export function rankingOption(rows, unit, { name = '', narrow = false } = {}) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatMetric(v, unit) },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: valueAxis(unit),
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
        data: rows.map((r) => num(r.value)),
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
    yAxis: valueAxis(unit),
    series: [
      { name, type: 'bar', barMaxWidth: 36, data: rows.map((r) => num(r.value)) },
      { name: t('metrics.lastYear'), type: 'bar', barMaxWidth: 36, data: rows.map((r) => num(r.yoy)), itemStyle: { opacity: 0.45 } },
    ],
  }
}

/**
 * A line over time (rows by day/week/month…) and a dashed line of the same periods last year.
 * Periods that have not begun show no point.
 */
export function trendOption(rows, unit, { name = '', short = (k) => k } = {}) {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatMetric(v, unit) },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: rows.map((r) => short(r.key)) },
    yAxis: valueAxis(unit),
    series: [
      {
        name,
        type: 'line',
        smooth: true,
        smoothMonotone: 'x',
        symbolSize: 7,
        data: rows.map((r) => (isFuture(r.key) ? null : num(r.value))),
        areaStyle: { opacity: 0.08 },
      },
      {
        name: t('metrics.lastYear'),
        type: 'line',
        smooth: true,
        smoothMonotone: 'x',
        symbolSize: 5,
        data: rows.map((r) => num(r.yoy)),
        lineStyle: { type: 'dashed' },
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

/** The median of numbers (the mean of the middle two for an even count); null for none. */
export function median(values) {
  const xs = values.filter((v) => v !== null && Number.isFinite(v)).sort((a, b) => a - b)
  if (!xs.length) return null
  const mid = Math.floor(xs.length / 2)
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2
}

/** The four quadrants: high/low sales × high/low growth, with their colour and the suggested action. */
export const QUADRANTS = [
  { key: 'hh', color: '#67c23a' },
  { key: 'hl', color: '#e6a23c' },
  { key: 'lh', color: '#409eff' },
  { key: 'll', color: '#f56c6c' },
]

/**
 * Places items ({key, label, x, y}) in quadrants split at the medians of x and y (at the median
 * counts as high). Returns {points: [{…, quadrant}], medX, medY}.
 */
export function quadrants(items) {
  const points = items.filter((p) => p.x !== null && p.y !== null)
  const medX = median(points.map((p) => p.x))
  const medY = median(points.map((p) => p.y))
  return {
    medX,
    medY,
    points: points.map((p) => ({ ...p, quadrant: `${p.x >= medX ? 'h' : 'l'}${p.y >= medY ? 'h' : 'l'}` })),
  }
}

/** The scatter of a quadrant analysis: x in `xUnit`, y a growth ratio, median lines, named areas. */
export function quadrantOption({ points, medX, medY }, xUnit) {
  if (!points.length) return { series: [] }
  const xs = points.map((p) => p.x)
  const ys = points.map((p) => p.y)
  const spanX = Math.max(...xs) - Math.min(...xs) || Math.abs(medX) || 1
  const spanY = Math.max(...ys) - Math.min(...ys) || Math.abs(medY) || 0.1
  const xMin = Math.min(0, Math.min(...xs) - spanX * 0.1)
  const xMax = Math.max(...xs) + spanX * 0.15
  const yMin = Math.floor((Math.min(...ys) - spanY * 0.2) * 10) / 10
  const yMax = Math.ceil((Math.max(...ys) + spanY * 0.2) * 10) / 10
  const color = Object.fromEntries(QUADRANTS.map((q) => [q.key, q.color]))
  const area = (key, x0, y0, x1, y1, position) => [
    {
      name: `${t(`metrics.quadrant.${key}`)} · ${t(`metrics.quadrant.${key}Action`)}`,
      xAxis: x0,
      yAxis: y0,
      itemStyle: { color: color[key], opacity: 0.07 },
      label: { position, color: color[key], fontSize: 11, fontWeight: 600 },
    },
    { xAxis: x1, yAxis: y1 },
  ]
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p) =>
        p.data?.key
          ? `<b>${p.data.name}</b><br/>${t('metrics.quadrant.x')}：${formatMetric(p.data.value[0], xUnit)}<br/>` +
            `${t('metrics.quadrant.y')}：${formatMetric(p.data.value[1], 'ratio')}<br/>` +
            `${t(`metrics.quadrant.${p.data.quadrant}`)} → ${t(`metrics.quadrant.${p.data.quadrant}Action`)}`
          : p.name,
    },
    grid: { left: 8, right: 24, top: 32, bottom: 28, containLabel: true },
    xAxis: {
      type: 'value',
      min: xMin,
      max: xMax,
      name: t('metrics.quadrant.x'),
      nameLocation: 'middle',
      nameGap: 24,
      axisLabel: { formatter: axisText(xUnit), hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: yMin,
      max: yMax,
      name: t('metrics.quadrant.y'),
      axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` },
      splitLine: { show: false },
    },
    series: [
      {
        type: 'scatter',
        symbolSize: 16,
        data: points.map((p) => ({ name: p.label, key: p.key, quadrant: p.quadrant, value: [p.x, p.y], itemStyle: { color: color[p.quadrant] } })),
        label: { show: true, position: 'right', formatter: (p) => p.name, fontSize: 11 },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#909399' },
          label: { show: false },
          data: [{ xAxis: medX }, { yAxis: medY }],
        },
        markArea: {
          silent: true,
          data: [
            area('hh', medX, medY, xMax, yMax, 'insideTopRight'),
            area('hl', medX, yMin, xMax, medY, 'insideBottomRight'),
            area('lh', xMin, medY, medX, yMax, 'insideTopLeft'),
            area('ll', xMin, yMin, medX, medY, 'insideBottomLeft'),
          ],
        },
      },
    ],
  }
}
