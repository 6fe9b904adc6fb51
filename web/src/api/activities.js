import { get, patch } from './request.js'
import { entityApi } from './entities.js'

export const activities = entityApi('activities')

/**
 * The customers `userId` logged activities with most recently, newest first, without repeats:
 * [{id, name}], at most `limit`.
 */
export async function recentCustomers(userId, limit = 6) {
  const res = await get('/api/activities', { user_id: userId, sort: '-started_at', page_size: 50 }, { quiet: true })
  const seen = new Map()
  for (const a of res?.items ?? []) {
    if (seen.size >= limit) break
    if (a.customer_id && !seen.has(a.customer_id)) seen.set(a.customer_id, a.customer_name || `#${a.customer_id}`)
  }
  return [...seen].map(([id, name]) => ({ id, name }))
}

/**
 * Sets a customer's next follow-up date: reads the current version and writes; on a version
 * conflict reads again and retries once (the activity form changes this one field only).
 */
export async function setNextFollowUp(customerId, date) {
  for (let attempt = 0; ; attempt++) {
    const c = await get(`/api/customers/${customerId}`, undefined, { quiet: true })
    try {
      return await patch(`/api/customers/${customerId}`, { next_follow_up: date, version: c.version }, { quiet: true })
    } catch (err) {
      if (err.code !== 'version_conflict' || attempt > 0) throw err
    }
  }
}
