// From a number to the records behind it: a metric of a scope over some days opens the list page
// of the records it counts (orders, payments, activities, opportunities), filtered through the
// page's query string to the scope's people and those days (docs/metrics.md "Scopes and attribution").
import { ElMessage } from 'element-plus'
import { listAll } from '@/api/request'
import { loadSchema } from '@/api/entities'
import { askMetric } from '@/api/metrics'
import { i18n } from '@/locales'
import { periodRange, answerRange } from './period.js'

const ACTIVITY_TYPES = { visits: 'visit', calls: 'call', emails: 'email', meetings: 'meeting' }
const ACTIVITY_METRICS = new Set(['activities', 'activities_per_day', 'satisfaction', ...Object.keys(ACTIVITY_TYPES)])

/**
 * Where a metric's records are listed: {route, owner, date, extra} (the list route, its person
 * filter, its date filter, other filters), or null when no list shows exactly those records.
 */
export function drillTarget(metric) {
  const base = String(metric ?? '').replace(/^(yoy_)?growth:/, '')
  if (['orders_amount', 'orders_count', 'aov'].includes(base)) {
    return { route: 'orders', owner: 'owner_id', date: 'ordered_at', extra: {}, notCancelled: true }
  }
  if (base === 'payments_amount') return { route: 'payments', owner: 'owner_id', date: 'received_at', extra: {} }
  if (ACTIVITY_METRICS.has(base)) {
    const extra = ACTIVITY_TYPES[base] ? { type: ACTIVITY_TYPES[base] } : base === 'satisfaction' ? { is_revisit: 'true' } : {}
    return { route: 'activities', owner: 'user_id', date: 'started_at', extra }
  }
  if (base === 'win_rate') return { route: 'opportunities', owner: 'owner_id', date: 'closed_at', extra: { status: 'won,lost' } }
  if (base === 'sales_cycle_days' || base === 'sales_cycle_days_mean') {
    return { route: 'opportunities', owner: 'owner_id', date: 'closed_at', extra: { status: 'won' } }
  }
  return null
}

/** The teams of a team's subtree (itself included), from the list of teams. */
function subtree(teams, root) {
  const out = [root]
  for (let i = 0; i < out.length; i++) {
    for (const t of teams) if (t.parent_id === out[i] && !out.includes(t.id)) out.push(t.id)
  }
  return out
}

/**
 * The ids of the people a scope counts between range.start and range.last (team and region
 * members by their memberships then); null for the whole org (no person filter).
 */
export async function peopleOf(scope, range) {
  const ids = new Set()
  let teams = null
  for (const part of scope.split(',')) {
    const [kind, idText] = part.split(':')
    const id = Number(idText)
    if (kind === 'org') return null
    if (kind === 'user') {
      ids.add(id)
      continue
    }
    teams ??= await listAll('/api/teams')
    const wanted = kind === 'team' ? subtree(teams, id) : teams.filter((t) => t.region_id === id).map((t) => t.id)
    const lists = await Promise.all(wanted.map((teamId) => listAll('/api/memberships', { team_id: teamId })))
    for (const m of lists.flat()) {
      if (m.valid_from <= range.last && (!m.valid_to || m.valid_to > range.start)) ids.add(m.user_id)
    }
  }
  return [...ids].sort((a, b) => a - b)
}

/** The days of `period` ({start, last}); fiscal labels are asked of the server. */
async function rangeOf(period, scope) {
  const local = periodRange(period)
  if (local) return local
  const answer = await askMetric('orders_count', scope, period)
  return answerRange(answer.range)
}

/**
 * Opens the records behind `metric` for `scope` over `period` (a label) or `range` ({start, last}).
 * Resolves to false (and says why) when there is nothing to open.
 */
export async function openRecords(router, { metric, scope, period, range }) {
  const target = drillTarget(metric)
  if (!target || !scope) return false
  try {
    const days = range ?? (await rangeOf(period, scope))
    const people = await peopleOf(scope, days)
    if (people && !people.length) {
      ElMessage.info(i18n.global.t('metrics.nobody'))
      return false
    }
    const query = { ...target.extra, [`${target.date}_from`]: days.start, [`${target.date}_to`]: days.last }
    if (people) query[target.owner] = people.join(',')
    if (target.notCancelled) {
      const kinds = await loadSchema()
      const status = kinds.order?.fields.find((f) => f.name === 'status')
      query.status = (status?.choices ?? []).map((c) => c.value).filter((v) => v !== 'cancelled').join(',')
    }
    await router.push({ name: target.route, query })
    return true
  } catch {
    return false // the request client has shown the error
  }
}

/** The customer field a segment breakdown groups by; product has none. */
const SEGMENT_FIELDS = { industry: 'industry', channel: 'channel', tier: 'tier', region_of_customer: 'region_id' }

/** Whether a segment row opens its customers (not for products, nor for the "not filled in" group). */
export const segmentDrillable = (by, key) => !!SEGMENT_FIELDS[by] && key !== ''

/**
 * Opens the customers of one segment (by industry, channel, tier or region) owned by the scope's
 * people over `period`: the customers whose events the segment's number counts.
 */
export async function openSegmentCustomers(router, { by, key, scope, period }) {
  if (!segmentDrillable(by, key)) return false
  try {
    const people = await peopleOf(scope, await rangeOf(period, scope))
    if (people && !people.length) {
      ElMessage.info(i18n.global.t('metrics.nobody'))
      return false
    }
    const query = { [SEGMENT_FIELDS[by]]: key }
    if (people) query.owner_id = people.join(',')
    await router.push({ name: 'customers', query })
    return true
  } catch {
    return false
  }
}
