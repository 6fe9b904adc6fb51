// What an answer of the metrics API compares with (docs/metrics.md "Periods in progress"): a period
// in progress counts its days through today and is compared with as many days of the previous
// period (环比) and of last year (同比); a period not begun has no value. These say so in words.
import { i18n } from '@/locales'
import { orgDate } from './orgTime.js'
import { answerRange, periodKind, periodRange, rangeText } from './period.js'

const t = (key, args) => i18n.global.t(key, args)
const en = () => i18n.global.locale.value === 'en'
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** True for an answer (or breakdown row) of a period in progress, compared to date. */
export const isToDate = (a) => a?.compared === 'to_date'
/** True for an answer of a period that has not begun: nothing to show, nothing to compare. */
export const isFutureAnswer = (a) => a?.compared === 'future'

/**
 * A short text of an API range ({start, end}, end excluded): '11-01~11-06' ('Nov 1–6' in English),
 * with the year when it is not this year.
 */
export function dayRangeText(range) {
  const r = answerRange(range)
  if (!r) return ''
  const thisYear = orgDate().slice(0, 4)
  const [sy, sm, sd] = r.start.split('-')
  const [ly, lm, ld] = r.last.split('-')
  const withYear = sy !== thisYear || ly !== thisYear
  if (en()) {
    const day = (m, d) => `${MONTHS[Number(m) - 1]} ${Number(d)}`
    const start = day(sm, sd)
    const last = r.last === r.start ? '' : sm === lm && sy === ly ? `–${Number(ld)}` : `–${day(lm, ld)}`
    return `${start}${last}${withYear ? `, ${ly}` : ''}`
  }
  const start = withYear ? r.start : `${sm}-${sd}`
  if (r.last === r.start) return start
  return `${start}~${ly !== sy ? r.last : `${lm}-${ld}`}`
}

/** The kind of an answer's period for the words below; labels this code cannot read are 'other'. */
export const prevKind = (a) => kindOf(a)
const kindOf = (a) => periodKind(a?.period) ?? periodKind(a?.key) ?? periodKind(a?.previous_period) ?? 'other'

/** 'mom' → '较上月同期', 'yoy' → '较去年同期' (vs same days last month / last year), for a to-date answer. */
export const sameDaysName = (a, which) =>
  which === 'mom' ? t('metrics.compare.momToDate', { prev: t(`metrics.compare.prev.${kindOf(a)}`) }) : t('metrics.compare.yoyToDate')

/** The days a to-date base counts: '11-01~11-06'. */
export const baseRangeText = (a, which) => dayRangeText(which === 'mom' ? a.previous_range : a.yoy_range)

/** The same with its days: '较上月同期（11-01~11-06）'. */
export const sameDaysText = (a, which) =>
  t('metrics.compare.withRange', { name: sameDaysName(a, which), range: baseRangeText(a, which) })

/** How far a period in progress has run: '7 天' or '第 5 个工作日'. */
export const elapsedText = (a) => {
  const n = a?.elapsed?.count ?? 0
  return i18n.global.t(a?.elapsed?.basis === 'working_days' ? 'metrics.compare.workingDays' : 'metrics.compare.days', { n }, n)
}

/**
 * One line for a to-date answer: '本月至今 12-01~12-06（6 天），对比上月同期 11-01~11-06、去年同期
 * 2025-12-01~12-06'; for a future one '2027-01 尚未开始…' (`period` names it when the answer is a
 * row keyed by team or person); '' for a whole period.
 */
export function compareNote(a, period = '') {
  if (isFutureAnswer(a)) {
    const label = a.period ?? (periodKind(a.key) ? a.key : period)
    return label ? t('metrics.compare.futureNote', { period: label }) : t('metrics.compare.notStarted')
  }
  if (!isToDate(a)) return ''
  const kind = kindOf(a)
  return t('metrics.compare.note', {
    current: t(`metrics.compare.current.${kind}`),
    range: dayRangeText(a.value_range),
    elapsed: elapsedText(a),
    prev: t(`metrics.compare.prev.${kind}`),
    prevRange: dayRangeText(a.previous_range),
    yoyRange: dayRangeText(a.yoy_range),
  })
}

/**
 * A period's days for a heading: '2026-12 · 本月至今 12-01~12-06' when in progress (per the
 * answer), '2026-12 · 未开始' when not begun, else '2026-11 · 11-01 ~ 11-30'.
 */
export function periodHeading(period, answer) {
  if (isToDate(answer)) {
    return `${period} · ${t('metrics.compare.toDateRange', { current: t(`metrics.compare.current.${kindOf(answer)}`), range: dayRangeText(answer.value_range) })}`
  }
  if (isFutureAnswer(answer)) return `${period} · ${t('metrics.compare.notStarted')}`
  return `${period} · ${rangeText(periodRange(period))}`
}
