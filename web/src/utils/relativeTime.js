// When an instant was, in words: '刚刚', '25 分钟前', '3 小时前'; a day or more ago, its org-local
// date and time ('11-15 10:02'), which stays true even when the browser's clock is not the server's.
import { i18n } from '@/locales'
import { orgNow, serverNow } from './orgTime.js'

const t = (key, args) => i18n.global.t(key, args)

/** `instant` (RFC 3339) relative to the server's now; '' for none. A later instant reads as just now. */
export function timeAgo(instant, now = serverNow().getTime()) {
  const at = Date.parse(instant ?? '')
  if (Number.isNaN(at)) return ''
  const minutes = Math.floor((now - at) / 60_000)
  if (minutes < 1) return t('todo.ago.justNow')
  if (minutes < 60) return t('todo.ago.minutes', { n: minutes })
  if (minutes < 24 * 60) return t('todo.ago.hours', { n: Math.floor(minutes / 60) })
  return orgNow(new Date(at)).slice(5)
}
