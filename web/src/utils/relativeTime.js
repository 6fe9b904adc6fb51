// How long ago an instant was, in words: '刚刚', '3 小时前', '2 天前'.
import { i18n } from '@/locales'

const t = (key, args) => i18n.global.t(key, args)

/** `instant` (RFC 3339) relative to now; '' for none. A clock ahead of ours reads as just now. */
export function timeAgo(instant, now = Date.now()) {
  const at = Date.parse(instant ?? '')
  if (Number.isNaN(at)) return ''
  const minutes = Math.floor((now - at) / 60_000)
  if (minutes < 1) return t('todo.ago.justNow')
  if (minutes < 60) return t('todo.ago.minutes', { n: minutes })
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return t('todo.ago.hours', { n: hours })
  return t('todo.ago.days', { n: Math.floor(hours / 24) })
}
