// The one HTTP client of the web app: session cookie, CSRF header, language, and error handling.
import { ElMessage } from 'element-plus'
import { i18n, currentLocale } from '@/locales'
import { auth, clearSession } from '@/stores/auth'
import router from '@/router'

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

/**
 * An error answer from the API: `code` is the stable error code, `field` the input at fault,
 * `detailCode` and `params` what exactly is wrong (detailMessage turns them into text).
 */
export class ApiError extends Error {
  constructor(message, { code, field, status, detail }) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.field = field
    this.status = status
    this.detail = detail // the whole `error` object, e.g. current_version on a conflict
    this.detailCode = detail?.detail_code
    this.params = detail?.params
  }
}

/** The text of an error detail (`detail_code` with its `params`) in the UI's language, or ''. */
export function detailMessage(detailCode, params) {
  const key = `errorDetails.${detailCode}`
  return detailCode && i18n.global.te(key) ? i18n.global.t(key, params ?? {}) : ''
}

/**
 * The message to show for an error: our own table by code, else what the server said. When one
 * input field is at fault the server's message (already in the asked language) says which and why,
 * so it wins.
 */
export function errorMessage(code, serverMessage, field) {
  if (field && serverMessage) return serverMessage
  const key = `errors.${code}`
  return i18n.global.te(key) ? i18n.global.t(key) : serverMessage || code
}

function buildUrl(path, query) {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.append(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

/**
 * Sends one request and returns the parsed JSON body (null for 204).
 * Options: `query` (object), `body` (JSON-serialised), `quiet` (the caller shows errors itself),
 * `session: false` (a 401 here is an answer, not an expired session: no redirect to /login).
 * Throws ApiError on any non-2xx answer or network failure.
 */
export async function request(method, path, { query, body, quiet = false, session = true } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': currentLocale() }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (WRITES.has(method) && auth.csrfToken) headers['X-CSRF-Token'] = auth.csrfToken

  let response
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (cause) {
    const err = new ApiError(errorMessage('network'), { code: 'network', status: 0 })
    if (!quiet) ElMessage.error(err.message)
    throw err
  }

  if (response.status === 204) return null
  const text = await response.text()
  let data = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = null
  }
  if (response.ok) return data

  const e = data?.error ?? {}
  const code = e.code || `http_${response.status}`
  const err = new ApiError(errorMessage(code, e.message, e.field), {
    code,
    field: e.field,
    status: response.status,
    detail: e,
  })
  if (response.status === 401 && session) {
    clearSession()
    const here = router.currentRoute.value
    if (here.name !== 'login') {
      router.replace({ name: 'login', query: { redirect: here.fullPath } })
      ElMessage.warning(err.message)
    }
    throw err
  }
  if (!quiet) ElMessage.error(err.message)
  throw err
}

/** Shows an error the caller caught with `quiet` and decided not to handle itself. */
export function showError(err) {
  ElMessage.error(err.message)
}

export const get = (path, query, opts) => request('GET', path, { ...opts, query })
export const post = (path, body, opts) => request('POST', path, { ...opts, body })
export const patch = (path, body, opts) => request('PATCH', path, { ...opts, body })
export const del = (path, version, opts) =>
  request('DELETE', path, { ...opts, query: version === undefined ? undefined : { version } })

/**
 * Every item of a list endpoint, following pages of 500 up to `limit` items.
 * For pickers and lookups; paged tables call the list function directly.
 */
export async function listAll(path, query = {}, limit = 5000) {
  const items = []
  for (let page = 1; items.length < limit; page++) {
    const res = await get(path, { ...query, page, page_size: 500 })
    items.push(...res.items)
    if (items.length >= res.total || res.items.length === 0) break
  }
  return items
}

/**
 * Downloads a file (GET `path` with `query`) with the session and saves it under the name the
 * server gives in Content-Disposition, else `fallbackName`. Errors are shown and thrown as
 * request() does.
 */
export async function download(path, query, fallbackName = 'download') {
  const headers = { 'Accept-Language': currentLocale() }
  let response
  try {
    response = await fetch(buildUrl(path, query), { headers, credentials: 'same-origin' })
  } catch {
    const err = new ApiError(errorMessage('network'), { code: 'network', status: 0 })
    ElMessage.error(err.message)
    throw err
  }
  if (!response.ok) {
    const e = (await response.json().catch(() => null))?.error ?? {}
    const code = e.code || `http_${response.status}`
    const err = new ApiError(errorMessage(code, e.message, e.field), {
      code, field: e.field, status: response.status, detail: e,
    })
    ElMessage.error(err.message)
    throw err
  }
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName
  const url = URL.createObjectURL(await response.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
