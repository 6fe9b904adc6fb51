import { get, post } from './request.js'

/**
 * POST /api/auth/login → {token, csrf_token, expires_at, user, org, today, now} (what GET
 * /api/auth/me answers, and the token). Errors are left to the caller.
 */
export const login = (username, password) =>
  post('/api/auth/login', { username, password }, { quiet: true, session: false })

/** GET /api/auth/me → {user, org, csrf_token, today, now}; 401 when there is no session. */
export const me = () => get('/api/auth/me', undefined, { quiet: true, session: false })

export const logout = () => post('/api/auth/logout', undefined, { quiet: true, session: false })

export const changePassword = (oldPassword, newPassword) =>
  post('/api/auth/password', { old_password: oldPassword, new_password: newPassword })
