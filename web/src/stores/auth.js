import { reactive } from 'vue'

/** The signed-in user and the CSRF token that writes must carry. */
export const auth = reactive({
  user: null,
  org: null, // {id, name, timezone, fiscal_year_start_month, version} from GET /api/auth/me
  csrfToken: '',
  today: '', // the org's today (YYYY-MM-DD) from GET /api/auth/me: periods start from the server's calendar
  todayAt: 0, // Date.now() when `today` arrived, so a page left open past midnight moves on
  restored: false, // true once GET /api/auth/me has answered at start-up
})

export function setSession(user, csrfToken, org, today) {
  auth.user = user
  if (csrfToken) auth.csrfToken = csrfToken
  if (org) auth.org = org
  if (today) {
    auth.today = today
    auth.todayAt = Date.now()
  }
}

export function clearSession() {
  auth.user = null
  auth.org = null
  auth.csrfToken = ''
  auth.today = ''
}

/** True when the signed-in user holds any of `roles`. */
export function hasRole(...roles) {
  return !!auth.user && roles.some((r) => auth.user.roles?.includes(r))
}
