// Weekly reports (SPEC §4, docs/reports.md): one person's report for one period (a week
// '2026-W49', a day or a month) written on their template — the data block the system fills, text
// sections, next period's goals — autosaved as a draft, submitted (the data block frozen then),
// reviewed or returned by the manager, commented on; the team's week, reminders and the on-time
// statistics. Money in the data block is 分.
import { get, post, patch, download } from './request.js'

/**
 * GET /api/reports/mine ({kind, period}) → {kind, kinds, expected, period, from, to, deadline,
 * template, report|null, data}: the caller's report of the period (null before the first save)
 * with the template that applies and the live data block; `kinds` the kinds they write (day,
 * week, month: week always), `expected` false where none is due of them (a weekend day).
 */
export const myReport = (query, opts) => get('/api/reports/mine', query, opts)

/** GET /api/reports ({user, period, kind, status}) → [{id, user_id, user_name, kind, period, status, submitted_at, late, rating, version}]. */
export async function listReports(query, opts) {
  const res = await get('/api/reports', query, opts)
  return res.items
}

/** POST /api/reports {kind, period, content?, next_goals?} → the draft (409 already_exists when there is one). */
export const createReport = (body, opts) => post('/api/reports', body, opts)

/** GET /api/reports/{id} → Report (a manager opening a submitted report records a read receipt). */
export const getReport = (id, opts) => get(`/api/reports/${id}`, undefined, opts)

/** PATCH /api/reports/{id} {content?, next_goals?, version} → Report; 409 version_conflict with the current version. */
export const saveReport = (id, body, opts) => patch(`/api/reports/${id}`, body, opts)

/** POST /api/reports/{id}/submit {version} → Report (422 on field content.<key> when a required section is empty). */
export const submitReport = (id, body, opts) => post(`/api/reports/${id}/submit`, body, opts)

/** POST /api/reports/{id}/review {rating 1–5, comment, version} → Report. */
export const reviewReport = (id, body, opts) => post(`/api/reports/${id}/review`, body, opts)

/** POST /api/reports/{id}/return {reason, version} → Report. */
export const returnReport = (id, body, opts) => post(`/api/reports/${id}/return`, body, opts)

/**
 * POST /api/reports/{id}/accept-goals {version} → {report, targets: [{metric, period, value, id,
 * status: created|exists}]}: the next period's goals become the author's targets.
 */
export const acceptGoals = (id, body, opts) => post(`/api/reports/${id}/accept-goals`, body, opts)

/** GET /api/reports/{id}/versions → [{seq, submitted_at, late, content, next_goals, data}], oldest first. */
export async function reportVersions(id, opts) {
  const res = await get(`/api/reports/${id}/versions`, undefined, opts)
  return res.items
}

/** POST /api/reports/{id}/comments {body, mentions: [user ids]} → the comment. */
export const addComment = (id, body, opts) => post(`/api/reports/${id}/comments`, body, opts)

/**
 * GET /api/reports/team-week ({team, kind (week), period}) → {kind, kinds, period, from, to,
 * deadline, deadline_passed, team, counts, members: [{user_id, name, team_name, state, report,
 * reminded_at}], rollup}; `kinds` those someone in the org writes.
 */
export const teamWeek = (query, opts) => get('/api/reports/team-week', query, opts)

/** Downloads the team's period (GET /api/reports/team-week/export): a row per person, in the UI's language. */
export const exportTeamWeek = ({ team, kind, period }) => download('/api/reports/team-week/export', { team, kind, period }, `reports-${period}.xlsx`)

/** Downloads one report (GET /api/reports/{id}/export). */
export const exportReport = (id, period) => download(`/api/reports/${id}/export`, undefined, `report-${period}.xlsx`)

/** POST /api/reports/remind {kind (week), period, user_ids} → {sent}. */
export const remindReports = (body, opts) => post('/api/reports/remind', body, opts)

/**
 * GET /api/reports/stats ({team, kind (week), to, count 1–62}) → {kind, kinds, to, periods:
 * [{period, expected, on_time, late, missing, pending, on_time_rate}], people: [...]}.
 */
export const reportStats = (query, opts) => get('/api/reports/stats', query, opts)

/** GET /api/report-templates → [Template]. */
export async function listTemplates(opts) {
  const res = await get('/api/report-templates', undefined, opts)
  return res.items
}

/** GET /api/report-templates/effective ({kind, user?}) → the Template that applies (the built-in one has id null). */
export const effectiveTemplate = (query, opts) => get('/api/report-templates/effective', query, opts)

/** POST /api/report-templates {team_id?, kind, name, deadline?, sections, effective_from?} → Template (effective_from: the org's today when left out). */
export const createTemplate = (body, opts) => post('/api/report-templates', body, opts)

/** PATCH /api/report-templates/{id} {name?, deadline?, sections?, effective_from?, version} → Template (409 when stale). */
export const saveTemplate = (id, body, opts) => patch(`/api/report-templates/${id}`, body, opts)
