// The time zones the org settings page offers (every IANA zone the browser knows, a few common
// ones first) and the example its confirmation gives of a record that a new zone moves to another
// day. Formatting a zone costs a millisecond or more in Chromium, so nothing here formats the
// ~420 zones at once: only the ones shown, each once.

/** Zones shown before anything is typed, Asia/Shanghai first. */
export const COMMON_ZONES = [
  'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Macau', 'Asia/Tokyo', 'Asia/Seoul',
  'Asia/Singapore', 'Asia/Kuala_Lumpur', 'Asia/Bangkok', 'Asia/Ho_Chi_Minh', 'Asia/Jakarta',
  'Asia/Kolkata', 'Asia/Dubai', 'Europe/Moscow', 'Europe/London', 'Europe/Paris', 'Europe/Berlin',
  'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'America/Sao_Paulo',
  'Australia/Sydney', 'UTC',
]

let allIds = null

/** Every zone id: the common ones, then those of Intl.supportedValuesOf('timeZone') not among them. */
export function allZoneIds() {
  if (allIds) return allIds
  let known = []
  try {
    known = Intl.supportedValuesOf('timeZone')
  } catch {
    known = [] // an older browser: the common zones only
  }
  const seen = new Set(COMMON_ZONES)
  allIds = [...COMMON_ZONES, ...known.filter((z) => !seen.has(z))]
  return allIds
}

/** 'America/New_York' → 'america new york', for matching what a person types. */
const searchable = (s) => s.toLowerCase().replace(/[_/]+/g, ' ')

/**
 * The zones to list for `query`: those whose id or name (`names[id]`, e.g. 纽约) contains every
 * word typed, at most `limit`; the common zones when nothing is typed. `keep` (the zones chosen
 * and saved) are always listed, so a select can show their labels.
 */
export function searchZones(query, names = {}, keep = [], limit = 50) {
  const words = searchable(query ?? '').split(/\s+/).filter(Boolean)
  let found
  if (!words.length) {
    found = [...COMMON_ZONES]
  } else {
    found = []
    for (const id of allZoneIds()) {
      const text = `${searchable(id)} ${(names[id] ?? '').toLowerCase()}`
      if (words.every((w) => text.includes(w))) found.push(id)
      if (found.length >= limit) break
    }
  }
  // Kept zones go first when nothing is typed, last when they do not match what is.
  for (const id of keep) {
    if (!id || found.includes(id)) continue
    if (words.length) found.push(id)
    else found.unshift(id)
  }
  return found
}

const offsetFormats = new Map()

/** The UTC offset of `zone` at `at` (ms since the epoch) in minutes, east positive; null if unknown. */
export function offsetMinutes(zone, at = Date.now()) {
  let fmt = offsetFormats.get(zone)
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    } catch {
      return null
    }
    offsetFormats.set(zone, fmt)
  }
  const name = fmt.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? ''
  const m = /GMT([+\-\u2212])(\d{1,2})(?::?(\d{2}))?/.exec(name)
  if (!m) return 0 // 'GMT' alone
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0)
  return m[1] === '+' ? minutes : -minutes
}

/** 480 → 'UTC+8', 330 → 'UTC+5:30', -180 → 'UTC−3', 0 → 'UTC'. */
export function offsetLabel(minutes) {
  if (minutes === null || minutes === undefined) return ''
  if (minutes === 0) return 'UTC'
  const abs = Math.abs(minutes)
  const mm = abs % 60
  return `UTC${minutes > 0 ? '+' : '\u2212'}${Math.floor(abs / 60)}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`
}

/**
 * A moment around midnight of 20/21 November of `year` that is on one day in zone `from` and on
 * another in zone `to`, as it reads in each (month, day and time in `locale`):
 * {fromTime, toTime}. Null when the two zones have the same offset then, or one is unknown.
 */
export function dayShiftExample(from, to, year, locale) {
  const noon = Date.UTC(year, 10, 21, 12)
  const a = offsetMinutes(from, noon)
  const b = offsetMinutes(to, noon)
  if (a === null || b === null || a === b) return null
  // Going west, just after midnight on the 21st is still the 20th; going east, late on the 20th
  // is already the 21st.
  const local = b < a ? Date.UTC(year, 10, 21, 0, 0) : Date.UTC(year, 10, 20, 23, b - a >= 60 ? 0 : 45)
  const at = local - a * 60_000
  const format = (zone) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: zone, month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).format(at)
  return { fromTime: format(from), toTime: format(to) }
}
