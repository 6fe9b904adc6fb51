// Daily plans (SPEC §3): a rep's day — the quotas their targets make of it, the to-do list by
// importance and urgency — and the reverse funnel from a revenue target to the work it takes.
import { get, post, patch, del } from './request.js'

/**
 * GET /api/plans/day ({date, user}) → {date, user_id, user_name, working_day, quotas: [{metric,
 * quota, done, remaining, target_id, source_period, prorated}], tasks: [{key, kind, id, title,
 * important, urgent, done, version, due, entity, entity_id}]}.
 */
export const dayPlan = (query, opts) => get('/api/plans/day', query, opts)

/** POST /api/plans/tasks {date, title, important, urgent} → the task. */
export const createTask = (body, opts) => post('/api/plans/tasks', body, opts)

/** PATCH /api/plans/tasks/{id} {done?, title?, important?, urgent?, version} → the task (409 when stale). */
export const updateTask = (id, body, opts) => patch(`/api/plans/tasks/${id}`, body, opts)

/** DELETE /api/plans/tasks/{id}?version=N. */
export const deleteTask = (id, version, opts) => del(`/api/plans/tasks/${id}`, version, opts)

/**
 * GET /api/plans/reverse-funnel?target=ID → {target, basis, rates, need: {orders, opportunities,
 * visits}, weeks, per_week}: what a revenue target takes, from the rep's (or the team's) rates.
 */
export const reverseFunnel = (targetId, opts) => get('/api/plans/reverse-funnel', { target: targetId }, opts)
