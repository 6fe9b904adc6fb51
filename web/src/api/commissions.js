// 提成 (SPEC §5 激励, docs/performance.md): the org's commission plans (bands on attainment in
// basis points, 6000 = 60 %), each person's statement of a month or quarter line by line, the
// adjustments made by hand and a director's approval, which locks the period. Money is 分.
import { get, post, patch } from './request.js'

/** GET /api/commissions/plans → [plan], by effective date (everyone may read them). */
export async function listPlans(opts) {
  const res = await get('/api/commissions/plans', undefined, opts)
  return res.items
}

/** POST /api/commissions/plans {name, effective_from, effective_to, base, mode, bands, …} → 201 the plan (admin). */
export const createPlan = (body, opts) => post('/api/commissions/plans', body, opts)

/** PATCH /api/commissions/plans/{id} {…the whole plan, version} → the plan (409 stale; 403 once a statement was approved under it). */
export const savePlan = (id, body, opts) => patch(`/api/commissions/plans/${id}`, body, opts)

/** GET /api/commissions/statements?period= → {period, from, to, plan|null, items: [summary]} (the people the caller may see). */
export const listStatements = (period, opts) => get('/api/commissions/statements', { period }, opts)

/** GET /api/commissions/statements/{userId}?period= → the summary, its plan and its lines (404 when not visible or no plan). */
export const getStatement = (userId, period, opts) => get(`/api/commissions/statements/${userId}`, { period }, opts)

/** POST /api/commissions/adjustments {user_id, period, amount (分, ≠ 0), reason} → 201 (403 once approved, or for oneself). */
export const addAdjustment = (body, opts) => post('/api/commissions/adjustments', body, opts)

/** POST /api/commissions/approve {period} → {period, approved: n} (a director their region, the admin everyone). */
export const approvePeriod = (period, opts) => post('/api/commissions/approve', { period }, opts)

/**
 * The orders (or payments) a person booked (or collected) between two days, for naming a
 * statement's records by their customer: [{id, customer_name, …}] (quiet: a name is a nicety).
 */
export async function listCredits(base, ownerId, from, to, limit = 2000) {
  const path = base === 'payments' ? '/api/payments' : '/api/orders'
  const range = base === 'payments' ? { received_at_from: from, received_at_to: to } : { ordered_at_from: from, ordered_at_to: to }
  const items = []
  for (let page = 1; items.length < limit; page++) {
    const res = await get(path, { owner_id: ownerId, ...range, page, page_size: 500 }, { quiet: true })
    items.push(...res.items)
    if (items.length >= res.total || res.items.length === 0) break
  }
  return items
}

/** GET /api/orders/{id} or /api/payments/{id}: one record, to name a clawback's order. */
export const getRecord = (kind, id) => get(`/api/${kind === 'payment' ? 'payments' : 'orders'}/${id}`, undefined, { quiet: true })
