import { get } from './request.js'

/** GET /api/audit-entries (admin only), paged. */
export const listAuditEntries = (query) => get('/api/audit-entries', query)
