// The kind of report a page shows (day, week, month) and its period, both in the URL (?kind=,
// ?period=) so a link or a reload opens the same report: a period label alone says its kind (a
// reminder's link), a kind alone opens its current period, and switching the kind opens the new
// kind's current period (a day of a week has no obvious place in a month's list).
import { computed } from 'vue'
import { periodOf } from '@/utils/period'
import { KINDS, kindOf } from './reportFormat'

/** `query` and `set` from useQueryState with the keys kind and period (both defaulting to ''). */
export function useKindPeriod(query, set) {
  const kind = computed({
    get: () => (KINDS.includes(query.kind.value) ? query.kind.value : kindOf(query.period.value) ?? 'week'),
    set: (k) => k !== kind.value && set({ kind: k, period: null }),
  })
  const period = computed({
    get: () => (kindOf(query.period.value) === kind.value ? query.period.value : periodOf(kind.value)),
    set: (v) => (query.period.value = v),
  })
  return { kind, period }
}
