// Notification channels (docs/reports.md "Reminders and notifications"; admin only): where the
// weekly-report reminders go besides the in-app ones — a DingTalk, WeCom or Feishu group robot, a
// JSON webhook, an SMTP server — and the delivery log, which is also the queue. A channel's secret
// is write-only: answers carry has_secret, never the secret.
import { get, post, patch } from './request.js'

/** GET /api/notification-channels → [NotificationChannel]. */
export async function listChannels(opts) {
  const res = await get('/api/notification-channels', undefined, opts)
  return res.items
}

/** GET /api/notification-channels/{id} → NotificationChannel. */
export const getChannel = (id, opts) => get(`/api/notification-channels/${id}`, undefined, opts)

/** POST /api/notification-channels {kind, name, url, secret?, sender?, team_id?, active?} → the channel. */
export const createChannel = (body, opts) => post('/api/notification-channels', body, opts)

/**
 * PATCH /api/notification-channels/{id} {name?, url?, secret?, sender?, team_id?, active?, version}
 * → the channel; secret absent keeps it, "" removes it; 409 version_conflict when stale.
 */
export const updateChannel = (id, version, changes, opts) => patch(`/api/notification-channels/${id}`, { ...changes, version }, opts)

/** POST /api/notification-channels/{id}/test {} → the queued delivery (sent by the next round, within 30 s). */
export const testChannel = (id, opts) => post(`/api/notification-channels/${id}/test`, {}, opts)

/** GET /api/notification-channels/deliveries ({channel?}) → the latest 200 deliveries, newest first. */
export async function listDeliveries(query, opts) {
  const res = await get('/api/notification-channels/deliveries', query, opts)
  return res.items
}
