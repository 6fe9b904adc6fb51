// How the goals pages read and take numbers: a target's value is 分 for money metrics (shown in 元,
// typed in 元) and a count for the others; the SMART check's warnings as sentences.
import { i18n } from '@/locales'
import { formatMetric, unitOf } from '@/utils/metricFormat'
import { fenToYuan, yuanToFen } from '@/utils/money'
import { periodKind } from '@/utils/period'

const t = (key, args) => i18n.global.t(key, args)

/** The metrics a target is usually set on, first in the pickers. */
export const GOAL_METRICS = ['orders_amount', 'payments_amount', 'orders_count', 'new_buyers', 'new_leads', 'visits', 'calls']

/** A target's value as text: money to the 元 in 万 from ¥100,000 with `short`, else exact. */
export function goalValue(value, metric, catalog, { short = false } = {}) {
  return formatMetric(value, unitOf(metric, catalog), { short })
}

/** The text an input starts with for a value: 元 for money, the count otherwise. */
export const toInput = (value, unit) => (value === null || value === undefined ? '' : unit === 'fen' ? fenToYuan(value) : String(value))

/** The value of an input's text (分 for money), or null when it is not a non-negative amount or count. */
export function fromInput(text, unit) {
  if (unit === 'fen') {
    const fen = yuanToFen(text)
    return fen === null || fen < 0 ? null : fen
  }
  const s = String(text ?? '').replace(/[\s,，]/g, '')
  return /^\d+$/.test(s) && Number(s) <= Number.MAX_SAFE_INTEGER ? Number(s) : null
}

/** What a value typed in a dialog must be, when fromInput refused it. */
export const badValueText = (unit) => t(unit === 'fen' ? 'goals.form.badMoney' : 'goals.form.badCount')

/** A SMART warning ({warning, trailing_average, best}) as a sentence. */
export function warningText(w, metric, catalog) {
  const v = (x) => goalValue(x, metric, catalog, { short: true })
  return t(`goals.warnings.${w.warning}`, { average: v(w.trailing_average), best: v(w.best) })
}

/** A period label as people read it: 2026 → 2026年, 2026-Q4 → 2026年第4季度, … (English as is). */
export function periodText(label) {
  const kind = periodKind(label)
  if (!kind || i18n.global.locale.value === 'en') return label ?? ''
  const y = label.slice(0, 4)
  switch (kind) {
    case 'year':
      return t('goals.periodText.year', { y })
    case 'quarter':
      return t('goals.periodText.quarter', { y, q: label.slice(6) })
    case 'month':
      return t('goals.periodText.month', { y, m: Number(label.slice(5, 7)) })
    case 'week':
      return t('goals.periodText.week', { y, w: Number(label.slice(6)) })
    default:
      return label
  }
}

/**
 * The kind a target's period splits as: a fiscal year (FY2026) and its quarters (FY2026-Q1) as a
 * year and a quarter (periodKind reads calendar labels only).
 */
export function splitKind(label) {
  if (/^FY\d{4}$/.test(label ?? '')) return 'year'
  if (/^FY\d{4}-Q[1-4]$/.test(label ?? '')) return 'quarter'
  return periodKind(label)
}

const FINER = ['quarter', 'month', 'week', 'day']
const FIRST_PART = { year: 'month', quarter: 'month', month: 'week', week: 'day' }

/**
 * The calendar parts a period splits into (the server's `into`), coarse to fine: a year into
 * quarters, months, weeks (and days with `yearToDays`, as 一键分解 takes it to every working day),
 * a quarter into months … days.
 */
export function calendarParts(period, { yearToDays = false } = {}) {
  const kind = splitKind(period)
  if (kind === 'year') return yearToDays ? FINER : FINER.slice(0, 3)
  const at = FINER.indexOf(kind)
  return at < 0 ? [] : FINER.slice(at + 1)
}

/** The part a split of `period` starts on: a year's or a quarter's months, a month's weeks, a week's days. */
export const firstPart = (period) => FIRST_PART[splitKind(period)]
