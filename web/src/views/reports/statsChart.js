// The chart of 周报统计: per period (week, day or month) the reports handed in on time, late,
// missing and still pending as stacked bars (counts, left axis), and the on-time rate as a line
// (percent, right axis); a period with nobody expected (a weekend day) has no rate (a gap, not 0%).
import { i18n } from '@/locales'
import { periodText } from '@/views/goals/goalFormat'
import { kindOf, periodLabel } from './reportFormat'

const t = (key, args) => i18n.global.t(key, args)
const COLORS = { on_time: '#67c23a', late: '#e6a23c', missing: '#f56c6c', pending: '#c0c4cc', rate: '#409eff' }

/** A period's label on the axis: 'W49', '12-07', '12月' (the year in the tooltip). */
function short(period) {
  if (kindOf(period) === 'month') return t('reports.stats.monthShort', { m: Number(period.slice(5, 7)), y: period.slice(2, 4) })
  return period.replace(/^\d{4}-/, '')
}

/**
 * How many labels to skip between two shown: weeks ('W49') all of them but on a phone past 8;
 * days and months (up to 60) about 7 on a phone and 20 on a desk.
 */
function labelGap(periods, narrow) {
  if (kindOf(periods[0]?.period) === 'week') return narrow && periods.length > 8 ? 1 : 0
  return Math.max(0, Math.ceil(periods.length / (narrow ? 7 : 20)) - 1)
}

/** The ECharts option for the stats' periods [{period, expected, on_time, late, missing, pending, on_time_rate}]. */
export function onTimeOption(weeks, { narrow = false } = {}) {
  const bar = (key) => ({
    name: t(`reports.stats.series.${key}`),
    type: 'bar',
    stack: 'count',
    barMaxWidth: 28,
    itemStyle: { color: COLORS[key] },
    data: weeks.map((w) => w[key] ?? 0),
  })
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items) => {
        const w = weeks[items[0]?.dataIndex]
        if (!w) return ''
        const rate = w.on_time_rate === null || w.on_time_rate === undefined ? '—' : `${(w.on_time_rate * 100).toFixed(1)}%`
        const lines = items
          .filter((x) => x.seriesType === 'bar')
          .map((x) => `${x.marker}${x.seriesName}：${x.value}`)
        const title = kindOf(w.period) === 'day' ? periodLabel(w.period) : periodText(w.period)
        return [`<strong>${title}</strong>`, t('reports.stats.expectedN', { n: w.expected }), ...lines, `${t('reports.stats.series.rate')}：${rate}`].join('<br/>')
      },
    },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: narrow ? 11 : 12 } },
    grid: { left: 8, right: 8, top: narrow ? 52 : 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: weeks.map((w) => short(w.period)),
      axisLabel: { interval: labelGap(weeks, narrow), fontSize: narrow ? 10 : 12 },
    },
    yAxis: [
      { type: 'value', minInterval: 1, min: 0, name: narrow ? '' : t('reports.stats.people') },
      {
        type: 'value',
        min: 0,
        max: 1,
        splitLine: { show: false },
        axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` },
      },
    ],
    series: [
      bar('on_time'),
      bar('late'),
      bar('missing'),
      bar('pending'),
      {
        name: t('reports.stats.series.rate'),
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        symbolSize: 6,
        itemStyle: { color: COLORS.rate },
        data: weeks.map((w) => (w.on_time_rate === null || w.on_time_rate === undefined ? null : w.on_time_rate)),
      },
    ],
  }
}
