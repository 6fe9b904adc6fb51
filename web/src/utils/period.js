// Period labels as the metrics API writes them (docs/metrics.md): '2026-11-22', '2026-W47' (ISO
// week), '2026-11', '2026-Q4', '2026', '2026-11-01..2026-11-30'. Dates are calendar days
// 'YYYY-MM-DD' in the org's time zone; "today" comes from orgDate().
import { orgDate } from './orgTime.js'

const DAY = 86_400_000
const pad = (n) => String(n).padStart(2, '0')

const toUtc = (date) => {
  const [y, m, d] = date.split('-').map(Number)
  return Date.UTC(y, m - 1, d)
}
const fromUtc = (ms) => {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** `date` plus `days` days. */
export const addDays = (date, days) => fromUtc(toUtc(date) + days * DAY)

/** The Monday of ISO week 1 of ISO year `year`, in UTC ms. */
function isoYearStart(year) {
  const jan4 = Date.UTC(year, 0, 4)
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY
}

/** The ISO week label of a date: '2026-11-22' → '2026-W47'. */
export function isoWeekOf(date) {
  const ms = toUtc(date)
  const thursday = ms + (3 - ((new Date(ms).getUTCDay() + 6) % 7)) * DAY
  const year = new Date(thursday).getUTCFullYear()
  const week = 1 + Math.floor((thursday - isoYearStart(year)) / (7 * DAY))
  return `${year}-W${pad(week)}`
}

/** The label of the period of `kind` (day, week, month, quarter, year) holding `date` (default today). */
export function periodOf(kind, date = orgDate()) {
  const [y, m] = date.split('-').map(Number)
  switch (kind) {
    case 'day':
      return date
    case 'week':
      return isoWeekOf(date)
    case 'month':
      return `${y}-${pad(m)}`
    case 'quarter':
      return `${y}-Q${Math.ceil(m / 3)}`
    case 'year':
      return String(y)
    default:
      return null
  }
}

/** The kind of a calendar period label ('day', 'week', 'month', 'quarter', 'year', 'range'), else null. */
export function periodKind(label) {
  if (typeof label !== 'string') return null
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return 'day'
  if (/^\d{4}-W\d{2}$/.test(label)) return 'week'
  if (/^\d{4}-\d{2}$/.test(label)) return 'month'
  if (/^\d{4}-Q[1-4]$/.test(label)) return 'quarter'
  if (/^\d{4}$/.test(label)) return 'year'
  if (/^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/.test(label)) return 'range'
  return null
}

/**
 * The days of a calendar period label: {start, last}, both included; null for a label this code
 * does not read (fiscal periods: ask the server for their range).
 */
export function periodRange(label) {
  const kind = periodKind(label)
  if (!kind) return null
  const y = Number(label.slice(0, 4))
  switch (kind) {
    case 'day':
      return { start: label, last: label }
    case 'week': {
      const start = isoYearStart(y) + (Number(label.slice(6)) - 1) * 7 * DAY
      return { start: fromUtc(start), last: fromUtc(start + 6 * DAY) }
    }
    case 'month': {
      const m = Number(label.slice(5, 7))
      return { start: fromUtc(Date.UTC(y, m - 1, 1)), last: fromUtc(Date.UTC(y, m, 0)) }
    }
    case 'quarter': {
      const q = Number(label.slice(6))
      return { start: fromUtc(Date.UTC(y, (q - 1) * 3, 1)), last: fromUtc(Date.UTC(y, q * 3, 0)) }
    }
    case 'year':
      return { start: `${y}-01-01`, last: `${y}-12-31` }
    case 'range': {
      const [start, last] = label.split('..')
      return { start, last }
    }
  }
  return null
}

/** The range of an API answer ({start, end} with end excluded) as {start, last}. */
export const answerRange = (range) => (range ? { start: range.start, last: addDays(range.end, -1) } : null)

/** The labels of the last `count` periods of `kind` up to the one holding today, newest first. */
export function recentPeriods(kind, count) {
  const out = []
  let date = orgDate()
  while (out.length < count) {
    const label = periodOf(kind, date)
    if (out[out.length - 1] !== label) out.push(label)
    const r = periodRange(label)
    date = addDays(r.start, -1)
  }
  return out
}

/** True when the period has not begun yet (its first day is after today). */
export const isFuture = (label) => {
  const r = periodRange(label)
  return !!r && r.start > orgDate()
}

/** A short text of a range: '11-16 ~ 11-22' within a year, else with the years. */
export function rangeText(range) {
  if (!range) return ''
  if (range.start === range.last) return range.start
  const sameYear = range.start.slice(0, 4) === range.last.slice(0, 4)
  return sameYear ? `${range.start.slice(5)} ~ ${range.last.slice(5)}` : `${range.start} ~ ${range.last}`
}

/**
 * The period a page opens on, the same rule everywhere: the current period of `kind`, which the
 * server compares to date (as many days of the previous period and of last year); with `whole`,
 * the last period that is over, for pages that say they need one (a funnel, a backtest).
 */
export const defaultPeriod = (kind, { whole = false } = {}) => (whole ? recentPeriods(kind, 2)[1] : periodOf(kind))
