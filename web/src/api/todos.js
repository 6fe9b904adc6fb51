// The to-do list (docs/openapi.yaml, tag todos): overdue follow-ups and stalled opportunities,
// one's own or the team's by person, reminders (催办) down the data scope, done and snooze.
import { get, post } from './request.js'

/**
 * GET /api/todos ({scope: own|team, owner_id?}) → {follow_ups, follow_ups_total, stalled,
 * stalled_total, stall_days, today, people (team), reminders (own)}.
 */
export const todos = (query, opts) => get('/api/todos', query, opts)

/** POST /api/todos/reminders {user_id, kind: all|follow_up|stalled, record_id?, note?} → the reminder. */
export const sendReminder = (body, opts) => post('/api/todos/reminders', body, opts)

/** POST /api/todos/reminders/read → {read: n}: the caller's reminders are read. */
export const readReminders = (opts) => post('/api/todos/reminders/read', undefined, opts)

/** POST /api/todos/done {kind, record_id, version?} → {kind, record_id, until, version}. */
export const markDone = (body, opts) => post('/api/todos/done', body, opts)

/** POST /api/todos/snooze {kind, record_id, version?, until} → {kind, record_id, until, version}. */
export const snoozeTodo = (body, opts) => post('/api/todos/snooze', body, opts)
