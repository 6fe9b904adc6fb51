// 复盘 (SPEC §5, docs/reviews.md): a scope's week, month, quarter or date range looked back on in
// three steps — preparing (the fact pack is live), meeting (the pack frozen when it starts; cards
// and cases added), closed (locked) — ending in action items that live on in their owners' weekly
// reports; the library of won and lost cases and the org's root causes. Money is 分.
import { get, post, patch, del, download } from './request.js'

/** GET /api/reviews ({scope?, status?}) → [review summary], newest period first. */
export async function listReviews(query, opts) {
  const res = await get('/api/reviews', query, opts)
  return res.items
}

/** POST /api/reviews {scope, period, title, participant_ids} → the review (the caller owns it). */
export const createReview = (body, opts) => post('/api/reviews', body, opts)

/**
 * GET /api/reviews/{id} → {…summary, facts, frozen, facts_changed, live_facts|null, cards, cases,
 * action_items, can: {manage, add}}.
 */
export const getReview = (id, opts) => get(`/api/reviews/${id}`, undefined, opts)

/** PATCH /api/reviews/{id} {title?, summary?, participant_ids?, version} → the review. */
export const saveReview = (id, body, opts) => patch(`/api/reviews/${id}`, body, opts)

/** Downloads the review as .xlsx (GET /api/reviews/{id}/export: a sheet per section, in the UI's language). */
export const exportReview = (id) => download(`/api/reviews/${id}/export`, undefined, `review-${id}.xlsx`)

/** POST /api/reviews/{id}/start {version} → the review, its fact pack frozen. */
export const startReview = (id, version, opts) => post(`/api/reviews/${id}/start`, { version }, opts)

/** POST /api/reviews/{id}/close {version} → the review, locked. */
export const closeReview = (id, version, opts) => post(`/api/reviews/${id}/close`, { version }, opts)

/** POST /api/reviews/{id}/cards {section, tone, text, why} → 201 the card. */
export const addCard = (id, body, opts) => post(`/api/reviews/${id}/cards`, body, opts)

/** PATCH /api/reviews/cards/{id} {section?, tone?, text?, why?, version} → the card (its author only; 409 when stale). */
export const saveCard = (id, body, opts) => patch(`/api/reviews/cards/${id}`, body, opts)

/** DELETE /api/reviews/cards/{id}?version= (its author or the review's owner). */
export const deleteCard = (id, version, opts) => del(`/api/reviews/cards/${id}`, version, opts)

/** POST /api/reviews/{id}/cases {opportunity_id, root_cause, note, tags} → 201 the case. */
export const addCase = (id, body, opts) => post(`/api/reviews/${id}/cases`, body, opts)

/** PATCH /api/reviews/cases/{id} {root_cause?, note?, tags?, version} → the case. */
export const saveCase = (id, body, opts) => patch(`/api/reviews/cases/${id}`, body, opts)

/** DELETE /api/reviews/cases/{id}?version=. */
export const deleteCase = (id, version, opts) => del(`/api/reviews/cases/${id}`, version, opts)

/** POST /api/reviews/{id}/action-items {owner_id, title, due_date, metric?} → 201 the item. */
export const addActionItem = (id, body, opts) => post(`/api/reviews/${id}/action-items`, body, opts)

/** PATCH /api/reviews/action-items/{id} {owner_id?, title?, due_date?, metric?, version} → the item (the review's owner). */
export const saveActionItem = (id, body, opts) => patch(`/api/reviews/action-items/${id}`, body, opts)

/** POST /api/reviews/action-items/{id}/done {note, version} → the item (its owner only, once). */
export const completeActionItem = (id, body, opts) => post(`/api/reviews/action-items/${id}/done`, body, opts)

/** GET /api/reviews/action-items ({owner?, all?}) → the caller's (or owner's) items, open ones unless all, by due date. */
export async function listActionItems(query, opts) {
  const res = await get('/api/reviews/action-items', query, opts)
  return res.items
}

/** GET /api/reviews/cases ({q, outcome, root_cause, competitor, industry, product, tag}) → [case], newest closing first. */
export async function searchCases(query, opts) {
  const res = await get('/api/reviews/cases', query, opts)
  return res.items
}

/** The library's lessons: {card, review_title, period, review_status}, newest first. */
export async function searchLessons(query, opts) {
  const res = await get('/api/reviews/lessons', query, opts)
  return res.items
}

/** GET /api/reviews/root-causes → [{key, name, builtin, active, position}]. */
export async function listRootCauses(opts) {
  const res = await get('/api/reviews/root-causes', undefined, opts)
  return res.items
}

/** POST /api/reviews/root-causes {name} → the org's own cause (admins). */
export const addRootCause = (name, opts) => post('/api/reviews/root-causes', { name }, opts)

/** PATCH /api/reviews/root-causes/{key} {name?, active?, position?, version} → the cause (admins); 409 on a stale version. */
export const saveRootCause = (key, body, opts) => patch(`/api/reviews/root-causes/${encodeURIComponent(key)}`, body, opts)
