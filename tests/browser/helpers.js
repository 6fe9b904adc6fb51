// Shared set-up for the browser tests: Debian's Chromium through playwright-core, one fresh
// profile per test, a screenshot in screenshots/ when a test fails.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'

export const BASE_URL = (process.env.FUPAN_URL || 'http://127.0.0.1:8080').replace(/\/$/, '')
export const DEMO_PASSWORD = 'fupan-demo'
const SCREENSHOTS = new URL('./screenshots/', import.meta.url).pathname

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic',
]

/**
 * Runs `body(page)` in a new headless browser (its own temporary profile) and closes it after;
 * `baseURL` points it at another server than FUPAN_URL (one a test started itself).
 * On failure the page is saved as screenshots/<name>.png before the error is rethrown.
 */
export async function withPage(name, { viewport = { width: 1280, height: 800 }, baseURL = BASE_URL } = {}, body) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  })
  try {
    const context = await browser.newContext({ baseURL, viewport })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    try {
      await body(page)
    } catch (err) {
      mkdirSync(SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true }).catch(() => {})
      throw err
    }
  } finally {
    await browser.close()
  }
}

/** The element carrying data-test="id". */
export const byTest = (page, id) => page.locator(`[data-test="${id}"]`)

/** The text input or textarea inside (or being) the element with data-test="id". */
export const inputByTest = (page, id) =>
  page
    .locator(`input[data-test="${id}"], textarea[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`)
    .first()

/** Signs in through the login page and waits for the home page. */
export async function logIn(page, username, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await inputByTest(page, 'login-username').fill(username)
  await inputByTest(page, 'login-password').fill(password)
  await byTest(page, 'login-submit').click()
  await byTest(page, 'welcome-card').waitFor()
}

/** GET /api/auth/me from inside the page, i.e. with its session cookie. */
export const currentUser = (page) =>
  page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).user)

/**
 * A JSON API client signed in as `username` (Bearer token) on FUPAN_URL or `base`, for a test's
 * set-up and checks:
 * `api.get(path, query)`, `api.post(path, body)`, `api.patch(path, body)`; non-2xx answers throw.
 */
export async function apiAs(username, password = DEMO_PASSWORD, base = BASE_URL) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`)
  const { token } = await login.json()
  const call = async (method, path, { query, body } = {}) => {
    const qs = query ? `?${new URLSearchParams(query)}` : ''
    const res = await fetch(`${base}${path}${qs}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return text ? JSON.parse(text) : null
  }
  return {
    get: (path, query) => call('GET', path, { query }),
    post: (path, body) => call('POST', path, { body }),
    patch: (path, body) => call('PATCH', path, { body }),
  }
}

/** A short suffix that makes a test's records unique on a shared store. */
export const uniqueSuffix = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`

/**
 * The cut-off texts inside the list rows (`.entity-row`, table rows) on the page: [{text, why}],
 * empty when none — an element narrower than its content, or a text ending in "…".
 */
export function cutOff(page) {
  return page.evaluate(() => {
    const rows = document.querySelectorAll('.entity-row, .el-table__row')
    const out = []
    for (const row of rows) {
      for (const el of [row, ...row.querySelectorAll('*')]) {
        if (!el.offsetParent && el !== row) continue
        const text = (el.innerText ?? '').trim()
        if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && text) out.push({ text: text.slice(0, 40), why: `scrollWidth ${el.scrollWidth} > ${el.clientWidth}` })
        else if (el.children.length === 0 && /…$|\.\.\.$/.test(text)) out.push({ text: text.slice(0, 40), why: 'ends in …' })
      }
    }
    return out
  })
}

const DAY = 86_400_000

/** The ISO week label of a date: '2026-11-22' → '2026-W47'. */
export function isoWeek(date) {
  const ms = Date.parse(`${date}T00:00:00Z`)
  const thursday = ms + (3 - ((new Date(ms).getUTCDay() + 6) % 7)) * DAY
  const year = new Date(thursday).getUTCFullYear()
  const jan4 = Date.UTC(year, 0, 4)
  const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY
  return `${year}-W${String(1 + Math.floor((thursday - week1) / (7 * DAY))).padStart(2, '0')}`
}

/** This week and the `count` - 1 before it, newest first, from the server's today. */
export async function recentWeeks(api, count) {
  const { today } = await api.get('/api/auth/me')
  const at = Date.parse(`${today}T00:00:00Z`)
  return Array.from({ length: count }, (_, k) => isoWeek(new Date(at - k * 7 * DAY).toISOString().slice(0, 10)))
}

/** A phone's screen, as the phone-sized tests use it. */
export const PHONE = { width: 375, height: 812 }

/** Waits for the page's transitions (a dialog zooming in, a drawer sliding, tags appearing) before a screenshot. */
export const settled = (page) =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
        .map((a) => a.finished.catch(() => {})),
    ),
  )

/** Waits until a report page says its text is saved on the server. */
export const savedOnServer = (page) =>
  page.waitForFunction(() => document.querySelector('[data-test="report-save-state"]')?.dataset.state === 'saved', null, { timeout: 15_000 })

/** The page fits the phone: nothing wider than its screen, and (given `root`) no table inside it. */
export async function fitsPhone(page, root = null) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= PHONE.width, `page is ${width}px wide`)
  if (root) assert.equal(await byTest(page, root).locator('table').count(), 0, 'no table on a phone')
}
