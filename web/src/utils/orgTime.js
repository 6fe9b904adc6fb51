// Wall-clock times in the org's time zone: the server reads a local time such as
// '2026-11-23 14:30' in that zone, so the defaults the forms offer must come from it too.
import { auth } from '@/stores/auth'

const pad = (n) => String(n).padStart(2, '0')

/** The org's IANA time zone (Asia/Shanghai when unknown). */
export function orgTimeZone() {
  return auth.org?.timezone || 'Asia/Shanghai'
}

/** The calendar fields of `date` in the org's time zone: {year, month, day, hour, minute}. */
function parts(date) {
  let fmt
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: orgTimeZone(),
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    })
  } catch {
    fmt = new Intl.DateTimeFormat('en-US', {
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    })
  }
  const out = {}
  for (const p of fmt.formatToParts(date)) out[p.type] = Number(p.value)
  return out
}

/**
 * The server's now as a Date: the browser's clock moved by the difference the server's `now` showed
 * at sign-in or page load (GET /api/auth/me, POST /api/auth/login), so a browser whose clock is off,
 * or a server at a pinned date, still reads times as the server does.
 */
export function serverNow() {
  return new Date(Date.now() + (auth.clockOffset || 0))
}

/** The org's local time now (the server's) or at `date`, as 'YYYY-MM-DD HH:mm'. */
export function orgNow(date = serverNow()) {
  const p = parts(date)
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour % 24)}:${pad(p.minute)}`
}

const DAY = 86_400_000
/** The org-local calendar day of `date` as a count of days (UTC ms of its midnight / DAY). */
const dayNumber = (date) => {
  const p = parts(date)
  return Date.UTC(p.year, p.month - 1, p.day) / DAY
}

/**
 * The org's calendar date today plus `days`, as 'YYYY-MM-DD'. Today is the server's (GET
 * /api/auth/me `today`, so a server at a pinned date pins the app too), moved on by the days the
 * browser has seen pass since; the browser's own clock only before the server has said.
 */
export function orgDate(days = 0) {
  const now = new Date()
  let base = dayNumber(now)
  if (auth.today) {
    const [y, m, d] = auth.today.split('-').map(Number)
    base = Date.UTC(y, m - 1, d) / DAY + base - dayNumber(new Date(auth.todayAt || now))
  }
  const d = new Date((base + days) * DAY)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}
