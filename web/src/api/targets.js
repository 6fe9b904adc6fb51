// Targets (SPEC §3, docs/goals.md): set, adjusted with a reason, split down the organisation or the
// calendar, read as a tree with its gaps, committed to bottom-up, and followed as progress. Money
// metrics' values are 分, the others counts.
import { get, post, patch, request, download } from './request.js'
import { currentLocale } from '@/locales'

/** GET /api/targets ({metric, scope, period}) → [Target] whose period overlaps `period`. */
export async function listTargets(query, opts) {
  const res = await get('/api/targets', query, opts)
  return res.items
}

/** GET /api/targets/{id} → Target with adjustments [{old_value, new_value, reason, user_name, at}]. */
export const getTarget = (id, opts) => get(`/api/targets/${id}`, undefined, opts)

/** POST /api/targets {metric, scope, period, value} → Target with warnings (SMART, not errors). */
export const createTarget = (body, opts) => post('/api/targets', body, opts)

/** PATCH /api/targets/{id} {value, reason, version} → Target with warnings; 409 on a stale version. */
export const adjustTarget = (id, body, opts) => patch(`/api/targets/${id}`, body, opts)

/**
 * POST /api/targets/{id}/split {down, into?, method, weights?, save} → {parent, parts, sum, saved}:
 * a preview, or with save the parts' targets made at once (409 already_exists when one has one).
 */
export const splitTarget = (id, body, opts) => post(`/api/targets/${id}/split`, body, opts)

/**
 * POST /api/targets/{id}/decompose {method?, into?, calendar_method?, save?} → {root, levels:
 * [{depth, kind, count, sum, existing}], count, existing, saved}: 一键分解 down the organisation to
 * every person (and their part down the calendar), a preview per level or with save all of it made
 * at once (409 already_exists when a part has a target).
 */
export const decomposeTarget = (id, body, opts) => post(`/api/targets/${id}/decompose`, body, opts)

/**
 * GET /api/targets/{id}/tree → {root}: the decomposition down the organisation (nodes with target,
 * children_sum, gap, missing, committed, children) and root.calendar (the same scope's targets
 * inside the period, by kind, with their sum and gap).
 */
export const targetTree = (id, opts) => get(`/api/targets/${id}/tree`, undefined, opts)

/** PUT /api/targets/{id}/commit {value, note} → the commit {value, note, user_name, at}. */
export const commitTarget = (id, body, opts) => request('PUT', `/api/targets/${id}/commit`, { ...opts, body })

/**
 * GET /api/targets/progress ({scope, date, members}) → {date, items: [{target, scope_name, actual,
 * expected, attainment, gap, run_rate, daily_needed, working_days, elapsed_days, remaining_days,
 * status}]}: every target whose period holds the date.
 */
export const targetProgress = (query, opts) => get('/api/targets/progress', query, opts)

/** Downloads the targets of a period (and metric) as xlsx or csv in the UI's language. */
export const exportTargets = ({ period, metric, format }) =>
  download('/api/targets/export', { period, metric, format, lang: currentLocale() }, `targets-${period}.${format}`)
