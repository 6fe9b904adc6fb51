// ECharts options for the analysis pages (GET /api/analysis/*): the funnel of stages reached, the
// sales-growth quadrants with their names, the open pipeline by close month, and the monthly
// sales history with its forecast and backtest. Money is 分 throughout.
import { i18n } from '@/locales'
import { formatMetric } from './metricFormat.js'
import { axisMoney } from './money.js'
import { valueAxis } from './chartOptions.js'

const t = (key, args) => i18n.global.t(key, args)
const money = (v) => formatMetric(v, 'fen')

/** How names are joined in a sentence: '、' in Chinese. */
export const listSep = () => (i18n.global.locale.value === 'en' ? ', ' : '、')

export const RED = '#f56c6c'
const BLUE = '#409eff'

/** The quadrants as the server names them, each with its colour (as on the home dashboard). */
export const QUADRANT_COLORS = {
  high_high: '#67c23a',
  high_low: '#e6a23c',
  low_high: '#409eff',
  low_low: '#f56c6c',
}
export const QUADRANT_ORDER = ['high_high', 'high_low', 'low_high', 'low_low']

/** The stages reached as a funnel (in pipeline order, not sorted), the bottleneck stage in red. */
export function funnelOption(stages, { bottleneck = null } = {}) {
  const max = Math.max(1, ...stages.map((s) => s.reached))
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const s = stages[p.dataIndex]
        if (!s) return ''
        const lines = [`<b>${s.name}</b>`, `${t('analysis.funnel.reached')}：${s.reached}`]
        if (s.conversion !== null) lines.push(`${t('analysis.funnel.conversion')}：${formatMetric(s.conversion, 'ratio')}`)
        if (s.benchmark !== null) lines.push(`${t('analysis.funnel.benchmark')}：${formatMetric(s.benchmark, 'ratio')}`)
        return lines.join('<br/>')
      },
    },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        min: 0,
        max,
        minSize: '14%',
        maxSize: '100%',
        left: '8%',
        right: '8%',
        top: 8,
        bottom: 8,
        gap: 3,
        label: { show: true, position: 'inside', color: '#fff', fontSize: 12, formatter: (p) => `${p.name}  ${p.value}` },
        labelLine: { show: false },
        data: stages.map((s) => ({
          name: s.name,
          value: s.reached,
          itemStyle: { color: s.stage_id === bottleneck ? RED : BLUE, opacity: s.stage_id === bottleneck ? 1 : 0.85 },
        })),
      },
    ],
  }
}

/**
 * The points with the name to show: a team that holds other points (its sub-teams, `includes`)
 * says so — '上海一部（含上海二部）' — so it is not read as their peer; `within` names the points
 * that hold this one.
 */
export function namedPoints(points) {
  const sep = listSep()
  const labelOf = new Map(points.map((p) => [p.key, p.label]))
  return points.map((p) => {
    const held = (p.includes ?? []).map((k) => labelOf.get(k)).filter(Boolean)
    const within = points.filter((q) => q.includes?.includes(p.key)).map((q) => q.label)
    const name = held.length ? t('analysis.quadrant.includes', { name: p.label, names: held.join(sep) }) : p.label
    return { ...p, name, within }
  })
}

/**
 * The quadrant scatter: sales (x) against growth (y), the split lines (medians), the four areas
 * named 明星 / 现金牛 / 潜力股 / 待改进 in their colours. Points without a growth are left out.
 */
export function quadrantOption(points, split, { growthName = t('analysis.quadrant.growth') } = {}) {
  const placed = namedPoints(points).filter((p) => p.growth !== null && p.quadrant)
  if (!placed.length) return { series: [] }
  const xs = placed.map((p) => Number(p.sales))
  const ys = placed.map((p) => Number(p.growth))
  const spanX = Math.max(...xs) - Math.min(...xs) || Math.abs(split.sales) || 100
  const spanY = Math.max(...ys) - Math.min(...ys) || Math.abs(split.growth) || 0.1
  // Room around the points (and the lines) on every side, but no negative sales.
  const xMin = Math.max(0, Math.min(...xs, split.sales) - spanX * 0.25)
  const xMax = Math.max(...xs, split.sales) + spanX * 0.3
  const yMin = Math.floor((Math.min(...ys, split.growth) - spanY * 0.12) * 10) / 10
  const yMax = Math.ceil((Math.max(...ys, split.growth) + spanY * 0.12) * 10) / 10
  const area = (q, x0, y0, x1, y1, position) => [
    {
      name: t(`analysis.quadrant.${q}`),
      xAxis: x0,
      yAxis: y0,
      itemStyle: { color: QUADRANT_COLORS[q], opacity: 0.08 },
      label: { position, color: QUADRANT_COLORS[q], fontSize: 13, fontWeight: 700 },
    },
    { xAxis: x1, yAxis: y1 },
  ]
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p) =>
        p.data?.key
          ? `<b>${p.data.name}</b><br/>${t('analysis.quadrant.sales')}：${money(p.data.value[0])}<br/>` +
            `${growthName}：${formatMetric(p.data.value[1], 'ratio')}<br/>` +
            `${t(`analysis.quadrant.${p.data.quadrant}`)} · ${p.data.action ?? ''}` +
            (p.data.within?.length ? `<br/>${t('analysis.quadrant.within', { names: p.data.within.join(listSep()) })}` : '')
          : p.name,
    },
    grid: { left: 8, right: 24, top: 32, bottom: 28, containLabel: true },
    xAxis: {
      type: 'value',
      min: xMin,
      max: xMax,
      name: t('analysis.quadrant.sales'),
      nameLocation: 'middle',
      nameGap: 24,
      axisLabel: { formatter: axisMoney, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: yMin,
      max: yMax,
      name: growthName,
      nameTextStyle: { align: 'left' },
      axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` },
      splitLine: { show: false },
    },
    series: [
      {
        type: 'scatter',
        symbolSize: 16,
        data: placed.map((p) => ({
          name: p.name,
          key: p.key,
          within: p.within,
          quadrant: p.quadrant,
          action: p.action,
          value: [Number(p.sales), Number(p.growth)],
          itemStyle: { color: QUADRANT_COLORS[p.quadrant] },
        })),
        label: { show: true, position: 'right', formatter: (p) => p.name, fontSize: 11 },
        labelLayout: { hideOverlap: true },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#909399' },
          label: { show: false },
          data: [{ xAxis: split.sales }, { yAxis: split.growth }],
        },
        markArea: {
          silent: true,
          data: [
            area('high_high', split.sales, split.growth, xMax, yMax, 'insideTopRight'),
            area('high_low', split.sales, yMin, xMax, split.growth, 'insideBottomRight'),
            area('low_high', xMin, split.growth, split.sales, yMax, 'insideTopLeft'),
            area('low_low', xMin, yMin, split.sales, split.growth, 'insideBottomLeft'),
          ],
        },
      },
    ],
  }
}

/** The figures of a pipeline month as chart series: key, i18n name, drawn as bar or line. */
export const PIPELINE_SERIES = [
  { key: 'amount', type: 'bar', color: '#a0cfff' },
  { key: 'weighted', type: 'bar', color: '#409eff' },
  { key: 'best_case', type: 'bar', color: '#e6a23c' },
  { key: 'commit', type: 'bar', color: '#67c23a' },
  { key: 'won', type: 'line', color: '#606266' },
]

/**
 * The open pipeline by expected close month: amount, weighted, best case, commit as bars, won as
 * a line; months after `asOf` (YYYY-MM-DD) have nothing won yet and show no point.
 */
export function pipelineOption(months, { narrow = false, asOf = '' } = {}) {
  const current = asOf.slice(0, 7)
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: money },
    legend: { top: 0, type: narrow ? 'scroll' : 'plain' },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: valueAxis('fen', months.flatMap((m) => PIPELINE_SERIES.map((s) => m[s.key]))),
    series: PIPELINE_SERIES.map((s) => ({
      name: t(`analysis.forecast.${s.key}`),
      type: s.type,
      barMaxWidth: 18,
      symbolSize: 7,
      itemStyle: { color: s.color },
      lineStyle: { color: s.color },
      data: months.map((m) => (s.key === 'won' && current && m.month > current ? null : Number(m[s.key]))),
    })),
  }
}

/**
 * Monthly sales: the history as a solid line, the forecast dashed (joined to the last month of
 * history), and the backtest's forecasts of past months as points beside the actual line.
 */
export function seriesOption(series) {
  const history = series.history ?? []
  const ahead = series.forecast ?? []
  const months = [...history.map((m) => m.month), ...ahead.map((m) => m.month)]
  const at = Object.fromEntries(months.map((m, i) => [m, i]))
  const actual = months.map((_, i) => (i < history.length ? Number(history[i].value) : null))
  const forecast = months.map((_, i) => {
    if (i >= history.length) return Number(ahead[i - history.length].value)
    return i === history.length - 1 ? Number(history[i].value) : null
  })
  const backtest = months.map(() => null)
  for (const p of series.backtest?.points ?? []) if (at[p.month] !== undefined) backtest[at[p.month]] = Number(p.forecast)
  return {
    tooltip: { trigger: 'axis', valueFormatter: money },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: months, axisLabel: { hideOverlap: true } },
    yAxis: valueAxis('fen', [...actual, ...forecast, ...backtest]),
    series: [
      { name: t('analysis.forecast.actual'), type: 'line', symbolSize: 6, data: actual, areaStyle: { opacity: 0.06 } },
      { name: t('analysis.forecast.predicted'), type: 'line', symbolSize: 6, data: forecast, lineStyle: { type: 'dashed', width: 2 } },
      {
        name: t('analysis.forecast.backtestPoint'),
        type: 'line',
        data: backtest,
        symbol: 'diamond',
        symbolSize: 10,
        showAllSymbol: true,
        lineStyle: { opacity: 0 },
        connectNulls: false,
      },
    ],
  }
}
