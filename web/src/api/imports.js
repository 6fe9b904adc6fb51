// Imports: the raw file is the request body; the server answers 202 with a job to poll.
import { get, errorMessage, ApiError } from './request.js'
import { auth } from '@/stores/auth'
import { currentLocale } from '@/locales'

export const IMPORT_KINDS = [
  'customers', 'contacts', 'opportunities', 'activities', 'products', 'orders', 'payments', 'costs', 'users',
  'memberships', 'targets',
]

/** Kinds only admins may import (the server refuses others too). */
export const ADMIN_KINDS = ['users', 'memberships']

/** Kinds only those who set targets import: managers, directors and admins (a rep sets none). */
export const LEADER_KINDS = ['targets']

/** The order to bring a company's history in: each step refers only to what the ones before made. */
export const HISTORY_ORDER = ['users', 'memberships', 'customers', 'opportunities', 'activities', 'orders', 'payments']

/**
 * POST /api/imports?kind=&skip_bad= with `file` as the body → {id, status}. XMLHttpRequest rather
 * than fetch because only it reports upload progress: `onProgress(loaded, total)`.
 * Throws ApiError like the request client (the caller shows it).
 */
export function uploadImport(kind, file, skipBad, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    const qs = new URLSearchParams({ kind, skip_bad: skipBad ? 'true' : 'false' })
    xhr.open('POST', `/api/imports?${qs}`)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Accept-Language', currentLocale())
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream')
    // Header values must be Latin-1: a Chinese file name travels percent-encoded.
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name))
    if (auth.csrfToken) xhr.setRequestHeader('X-CSRF-Token', auth.csrfToken)
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size)
    xhr.onerror = () => reject(new ApiError(errorMessage('network'), { code: 'network', status: 0 }))
    xhr.onload = () => {
      let data = null
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        data = null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(file.size, file.size)
        resolve(data)
        return
      }
      const e = data?.error ?? {}
      const code = e.code || `http_${xhr.status}`
      reject(new ApiError(errorMessage(code, e.message, e.field), { code, field: e.field, status: xhr.status, detail: e }))
    }
    xhr.send(file)
  })
}

/** GET /api/imports/{id} → {id, kind, status, phase, done, total, report, error}. */
export const importStatus = (id, opts) => get(`/api/imports/${id}`, undefined, opts)
