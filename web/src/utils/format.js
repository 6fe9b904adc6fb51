/** An RFC 3339 instant as local 'YYYY-MM-DD HH:mm:ss' ('' for none); 'YYYY-MM-DD HH:mm' without seconds. */
export function formatInstant(value, { seconds = true } = {}) {
  if (!value) return ''
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return String(value)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}${seconds ? `:${p(d.getSeconds())}` : ''}`
}

/** Today's calendar date, 'YYYY-MM-DD', in the browser's time zone. */
export function today() {
  const d = new Date()
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** The fields of `next` whose values differ from `prev` (arrays compared by content). */
export function changedFields(prev, next) {
  const out = {}
  for (const [k, v] of Object.entries(next)) {
    if (JSON.stringify(v) !== JSON.stringify(prev[k])) out[k] = v
  }
  return out
}
