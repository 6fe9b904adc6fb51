import { reactive } from 'vue'

/** The signed-in user and the CSRF token that writes must carry. */
export const auth = reactive({
  user: null,
  org: null, // {id, name, timezone, fiscal_year_start_month, version}
  csrfToken: '',
  today: '', // the org's today (YYYY-MM-DD): periods start from the server's calendar
  todayAt: 0, // Date.now() when `today` arrived, so a page left open past midnight moves on
  clockOffset: 0, // the server's now minus the browser's (ms): "x minutes ago" reads the server's clock
  restored: false, // true once GET /api/auth/me has answered at start-up
})

/**
 * Takes the session from an answer of POST /api/auth/login or GET /api/auth/me, which carry the
 * same members: {user, csrf_token, org, today, now}.
 */
export function setSession({ user, csrf_token: csrfToken, org, today, now }) {
  auth.user = user
  if (csrfToken) auth.csrfToken = csrfToken
  if (org) auth.org = org
  if (today) {
    auth.today = today
    auth.todayAt = Date.now()
  }
  const serverNow = Date.parse(now ?? '')
  if (!Number.isNaN(serverNow)) auth.clockOffset = serverNow - Date.now()
}

export function clearSession() {
  auth.user = null
  auth.org = null
  auth.csrfToken = ''
  auth.today = ''
  auth.clockOffset = 0
}

/** True when the signed-in user holds any of `roles`. */
export function hasRole(...roles) {
  return !!auth.user && roles.some((r) => auth.user.roles?.includes(r))
}
