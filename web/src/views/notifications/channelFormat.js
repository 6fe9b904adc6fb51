// How the notification pages read a channel and a delivery (docs/reports.md "Reminders and
// notifications"): the kinds in words, what each kind's URL looks like, a delivery's state.
import { i18n } from '@/locales'

const t = (key, args) => i18n.global.t(key, args)

/** The kinds of channel, in the order offered. */
export const KINDS = ['dingtalk', 'wecom', 'feishu', 'webhook', 'email']

/** A kind's tag colour. */
export const KIND_TAG = { dingtalk: 'primary', wecom: 'success', feishu: 'warning', webhook: 'info', email: '' }

/** The URL a kind takes, as a placeholder. */
export const URL_EXAMPLE = {
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
  webhook: 'https://example.com/hooks/fupan',
  email: 'smtps://smtp.example.com:465',
}

/** True when `url` has the scheme its kind takes (smtp(s):// for email, http(s):// otherwise) and no blank. */
export function urlFits(kind, url) {
  if (!url || /\s/.test(url)) return false
  return kind === 'email' ? /^smtps?:\/\/[^/]/i.test(url) : /^https?:\/\/[^/]/i.test(url)
}

/**
 * A delivery's state: queued (not tried yet), retrying (queued after a failed attempt), sent, or
 * failed (six attempts failed).
 */
export const deliveryState = (d) => (d.status === 'queued' ? (d.attempts > 0 ? 'retrying' : 'queued') : d.status)

/** A delivery state's tag colour. */
export const STATE_TAG = { queued: 'info', retrying: 'warning', sent: 'success', failed: 'danger' }

/** A delivery's event in words: 周报提醒, 测试消息, else the event's own name. */
export const eventText = (event) => {
  const key = `channels.events.${String(event).replace(/\./g, '_')}`
  return i18n.global.te(key) ? t(key) : event
}
