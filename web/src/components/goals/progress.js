// Reading a target's progress (GET /api/targets/progress): the status tags, the bar's percent, and
// the order that puts what needs attention first.
import { periodKind } from '@/utils/period'

/** The tag type of a status: behind is the alert. */
export const STATUS_TYPES = { done: 'success', on_pace: 'primary', behind: 'danger', missed: 'warning', not_started: 'info', ended: 'info' }

/** The bar's percent (0–100) of an attainment (1.0 = 100 %). */
export const barPercent = (attainment) => (attainment === null || attainment === undefined ? 0 : Math.max(0, Math.min(100, attainment * 100)))

/** Where the to-date share (`expected` of the target) sits on the bar, 0–100, or null. */
export const expectedPercent = (item) =>
  item.target?.value > 0 && item.expected !== null && item.expected !== undefined ? Math.min(100, (item.expected / item.target.value) * 100) : null

const KIND_ORDER = { day: 0, week: 1, month: 2, quarter: 3, year: 4 }
const STATUS_ORDER = { behind: 0, missed: 1, on_pace: 2, not_started: 3, done: 4, ended: 5 }

/** Behind first, then the lowest attainment; the shorter period first on a tie. */
export function byUrgency(a, b) {
  return (
    (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
    (a.attainment ?? 0) - (b.attainment ?? 0) ||
    (KIND_ORDER[periodKind(a.target.period)] ?? 9) - (KIND_ORDER[periodKind(b.target.period)] ?? 9)
  )
}
