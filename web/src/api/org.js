import { get, patch } from './request.js'

/**
 * GET /api/org → {id, name, timezone, fiscal_year_start_month, currency, is_demo, tier_rule,
 * stall_days, compare_basis, version, …}.
 */
export const getOrg = (opts) => get('/api/org', undefined, opts)

/**
 * PATCH /api/org with the fields changed and the version read (admins). A new time zone that
 * moves dated records answers 409 confirmation_required with `affected` until `confirm: true`.
 */
export const updateOrg = (version, changes, opts) => patch('/api/org', { ...changes, version }, opts)
