import { get, patch } from './request.js'

/** GET /api/pipelines → the org's pipelines, each with its stages. */
export async function pipelines() {
  const res = await get('/api/pipelines')
  return Array.isArray(res) ? res : (res?.items ?? [])
}

/**
 * GET /api/opportunities/board → {pipeline, stages: [{id, name, probability, kind, count, amount,
 * weighted_amount, items}]}; query: pipeline_id, owner_id, q.
 */
export const board = (query) => get('/api/opportunities/board', query)

/** Moves an opportunity to `stageId` (PATCH with the version read); a lost stage needs a reason. */
export function moveOpportunity(opp, stageId, lostReason, opts) {
  const body = { stage_id: stageId, version: opp.version }
  if (lostReason) body.lost_reason = lostReason
  return patch(`/api/opportunities/${opp.id}`, body, opts)
}
