import { get } from './request.js'

/** GET /api/todos → {follow_ups: [...], stalled: [...]} for the signed-in user's scope. */
export const todos = (query, opts) => get('/api/todos', query, opts)
