// How the report pages read a report: its period, deadline and state in words, the tags' colours,
// section titles, next period's goals as editable rows (money typed in 元, kept in 分), and the
// copy of what is typed that stays in localStorage until the server has it.
import { i18n } from '@/locales'
import { auth } from '@/stores/auth'
import { orgNow, serverNow } from '@/utils/orgTime'
import { periodKind, periodRange, rangeText, recentPeriods } from '@/utils/period'
import { formatMetric, unitOf } from '@/utils/metricFormat'
import { fromInput, periodText, toInput } from '@/views/goals/goalFormat'

const t = (key, args) => i18n.global.t(key, args)
const te = (key) => i18n.global.te(key)
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

/** The kinds of report in the order they are offered: a day's, a week's, a month's. */
export const KINDS = ['day', 'week', 'month']

/** The kind of a report's period label ('2026-12-07', '2026-W49', '2026-12'), else null. */
export function kindOf(label) {
  const kind = periodKind(label)
  return KINDS.includes(kind) ? kind : null
}

/** A kind of report as a sentence names it: 日报, 'daily report'. */
export const kindName = (kind) => t(`reports.kindNames.${KINDS.includes(kind) ? kind : 'week'}`)

/** A report's status as a tag: draft, submitted, reviewed, returned. */
export const STATUS_TAG = { draft: 'info', submitted: 'primary', reviewed: 'success', returned: 'danger' }

/** A member's state in the team's week as a tag. */
export const STATE_TAG = {
  on_time: 'success',
  late: 'warning',
  reviewed: 'success',
  returned: 'danger',
  draft: 'info',
  pending: 'info',
  missing: 'danger',
}

/** Who may be reminded from the team's week: nothing handed in yet. */
export const REMINDABLE = new Set(['missing', 'pending', 'draft'])

/** The metrics next period's goals are set on (additive, as targets are). */
export const GOAL_METRICS = ['orders_amount', 'payments_amount', 'orders_count', 'new_buyers', 'new_leads', 'activities', 'visits', 'calls']

/** The weekday of a 'YYYY-MM-DD' date in words (周五). */
export const weekdayOf = (date) => t(`metrics.weekday.${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`)

/** A period as people read it with its days: '2026年第49周 · 11-30 ~ 12-06', '2026-12-07 周一'. */
export function periodLabel(period) {
  if (kindOf(period) === 'day') return `${period} ${weekdayOf(period)}`
  const range = periodRange(period)
  return range ? `${periodText(period)} · ${rangeText(range)}` : periodText(period)
}

/** The last `count` weeks up to this one (the server's today), newest first. */
export const recentWeeks = (count = 13) => recentPeriods('week', count)

/** An instant in the org's time zone with its weekday: '2026-12-04 周五 18:00' ('' for none). */
export function instantText(instant) {
  if (!instant) return ''
  const local = orgNow(new Date(instant))
  return `${local.slice(0, 10)} ${weekdayOf(local.slice(0, 10))} ${local.slice(11)}`
}

/** The time left to `deadline` in words (2 天 5 小时, 40 分钟); null when it has passed. */
export function timeLeft(deadline, now = serverNow().getTime()) {
  const ms = Date.parse(deadline ?? '') - now
  if (Number.isNaN(ms) || ms < 0) return null
  const minutes = Math.floor(ms / 60_000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  if (days) return t('reports.left.days', { d: days, h: hours })
  if (hours) return t('reports.left.hours', { h: hours, m: minutes % 60 })
  return t('reports.left.minutes', { m: minutes })
}

/**
 * A section's title: the template's, except the built-in templates' (id null), whose sections
 * read in the UI's language (今日总结, 本周总结, 本月总结 by the template's kind).
 */
export function sectionTitle(section, template) {
  const key = `reports.defaultSections.${KINDS.includes(template?.kind) ? template.kind : 'week'}.${section.key}`
  if (!template?.id && te(key)) return t(key)
  return section.title || section.key
}

/** The template's sections of one type ('text', 'goals', 'data'). */
export const sectionsOf = (template, type) => (template?.sections ?? []).filter((s) => s.type === type)

/**
 * A goal metric's unit by the catalog, or before the catalog has come by its name (the money
 * metrics are the amounts), so a value in 分 is never shown as a count.
 */
export function goalUnit(metric, catalog) {
  if (catalog?.some((m) => m.name === metric)) return unitOf(metric, catalog)
  return /_amount$/.test(metric ?? '') ? 'fen' : 'count'
}

/** A goal's value as it reads (money in 元, short from ¥100,000). */
export const goalText = (g, unit) => formatMetric(g.value, unit(g.metric), { short: true })

/** The goals as rows to edit: [{metric, text}], money in 元. */
export const goalRows = (goals, unit) => (goals ?? []).map((g) => ({ metric: g.metric, text: toInput(g.value, unit(g.metric)) }))

/**
 * The rows as the API's goals: [{metric, value}] of the rows complete and valid (a row being typed
 * waits), and the indexes of the rows with a value that is not an amount or a count.
 */
export function goalsOf(rows, unit) {
  const goals = []
  const bad = []
  rows.forEach((r, i) => {
    if (!r.metric || String(r.text ?? '').trim() === '') return
    const value = fromInput(r.text, unit(r.metric))
    if (value === null) bad.push(i)
    else goals.push({ metric: r.metric, value })
  })
  return { goals, bad }
}

// ---- the copy in localStorage: every keystroke, until the server has it

const PREFIX = 'fupan.report.'
/** The key of the copy of one person's report of one period (per user: a shared computer). */
export const draftKey = (kind, period) => `${PREFIX}${auth.user?.id ?? 0}.${kind}.${period}`

/** The copy kept for the key: {content, rows, at (server ms), version, reportId, dirty}, or null. */
export function readDraft(key) {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? 'null')
    return v && typeof v === 'object' && v.content ? v : null
  } catch {
    return null
  }
}

/** Keeps the copy (a full storage drops it quietly: the server copy is still being saved). */
export function writeDraft(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify({ ...value, at: serverNow().getTime() }))
  } catch {
    // quota exceeded or storage off: nothing more to do here
  }
}

export function clearDraft(key) {
  try {
    localStorage.removeItem(key)
  } catch {
    // storage off
  }
}

/** True when two contents (and goal rows) say the same, whatever the order of their keys. */
export function sameText(a, b) {
  const norm = (x) => JSON.stringify(Object.keys(x ?? {}).sort().map((k) => [k, x[k] ?? '']).filter(([, v]) => v !== ''))
  return norm(a) === norm(b)
}
