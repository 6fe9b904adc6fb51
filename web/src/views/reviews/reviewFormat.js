// How the review pages read a review: its status and step, the fact pack's sections and the
// cards' tones with their colours, its period in words, and a version conflict as the sentence
// that says what to do.
import { i18n } from '@/locales'
import { periodRange, rangeText } from '@/utils/period'
import { periodText } from '@/views/goals/goalFormat'

const t = (key, args) => i18n.global.t(key, args)

/** The fact pack's sections in the order of the screen (the server's kSections); cards go under one. */
export const SECTIONS = ['targets', 'trend', 'funnel', 'wins_losses', 'efficiency', 'customers', 'quadrant', 'pdca', 'general']

/** A card's tone: 做得好 green, 待改进 orange, 经验教训 blue. */
export const TONES = ['went_well', 'went_wrong', 'lesson']
export const TONE_TAG = { went_well: 'success', went_wrong: 'warning', lesson: 'primary' }

/** A review's status as a tag. */
export const STATUS_TAG = { preparing: 'info', meeting: 'warning', closed: 'success' }

/** The three steps in the order the owner works, and the one a status is at. */
export const STEPS = ['prepare', 'meeting', 'summary']
export const stepOf = (status) => (status === 'closed' ? 'summary' : status === 'meeting' ? 'meeting' : 'prepare')

/** The kinds of period a review covers. */
export const PERIOD_KINDS = ['week', 'month', 'quarter', 'range']

/** A review's period as people read it: '2026年11月 · 11-01 ~ 11-30'. */
export function reviewPeriodText(period) {
  const range = periodRange(period)
  const name = periodText(period)
  if (!range) return name
  return name === period && /\.\./.test(period) ? rangeText(range) : `${name} · ${rangeText(range)}`
}

/** A section's name. */
export const sectionName = (key) => t(`reviews.sections.${SECTIONS.includes(key) ? key : 'general'}`)

/** A root cause's name by its key in the org's list (the key when it is not there). */
export const causeName = (causes, key) => causes.find((c) => c.key === key)?.name ?? key

/**
 * The message for a failed change of a card, case or action item: a stale version says to reload
 * (`conflictKey`), anything else what the server said.
 */
export const changeError = (err, conflictKey) => (err?.code === 'version_conflict' ? t(conflictKey) : err?.message ?? '')
