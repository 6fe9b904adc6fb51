// A report template's deadline in words and as the choices the editor offers: the deadline is a
// day offset from the period's last day (a week's Sunday, a day itself, a month's last day) and a
// local time (docs/reports.md "Periods and deadlines").
import { i18n } from '@/locales'

const t = (key, args) => i18n.global.t(key, args)
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/** The keys a section may have: 1–40 of a-z, 0-9 and _. */
export const KEY_RULE = /^[a-z0-9_]{1,40}$/

/** The week deadline choices: this week's Monday (−6) … Sunday (0), next week's Monday … Wednesday. */
export const weekDayChoices = () => [
  ...WEEKDAYS.map((d, i) => ({ value: i - 6, label: t('reports.templates.thisWeekDay', { day: t(`metrics.weekday.${d}`) }) })),
  ...WEEKDAYS.slice(0, 3).map((d, i) => ({ value: i + 1, label: t('reports.templates.nextWeekDay', { day: t(`metrics.weekday.${d}`) }) })),
]

/** The day of a deadline in words for a template of `kind`. */
export function deadlineDay(kind, offset) {
  const n = Number(offset ?? 0)
  if (kind === 'week') return weekDayChoices().find((c) => c.value === n)?.label ?? t('reports.templates.offsetDays', { n })
  if (kind === 'day') return n === 0 ? t('reports.templates.sameDay') : t('reports.templates.daysAfter', { n })
  return n <= 0 ? t('reports.templates.monthEnd', { n: -n }) : t('reports.templates.nextMonthDay', { n })
}

/** '周五 18:00' for {day_offset: -2, time: '18:00'} of a week. */
export const deadlineText = (kind, deadline) => (deadline ? `${deadlineDay(kind, deadline.day_offset)} ${deadline.time}` : '')

/**
 * What is wrong with the sections, as a message, or '' when they are right: every key 1–40 of
 * a-z0-9_ and unique, every title there, at least one section.
 */
export function sectionsProblem(sections) {
  if (!sections.length) return t('reports.templates.noSections')
  const seen = new Set()
  for (const s of sections) {
    if (!KEY_RULE.test(s.key ?? '')) return t('reports.templates.badKey', { key: s.key || '—' })
    if (seen.has(s.key)) return t('reports.templates.duplicateKey', { key: s.key })
    seen.add(s.key)
    if (!String(s.title ?? '').trim()) return t('reports.templates.noTitle', { key: s.key })
  }
  return ''
}
