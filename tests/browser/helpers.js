// Shared set-up for the browser tests: Debian's Chromium through playwright-core, one fresh
// profile per test, a screenshot in screenshots/ when a test fails.
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
 * Runs `body(page)` in a new headless browser (its own temporary profile) and closes it after.
 * On failure the page is saved as screenshots/<name>.png before the error is rethrown.
 */
export async function withPage(name, { viewport = { width: 1280, height: 800 } } = {}, body) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  })
  try {
    const context = await browser.newContext({ baseURL: BASE_URL, viewport })
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

/** The text input inside (or being) the element with data-test="id". */
export const inputByTest = (page, id) =>
  page.locator(`input[data-test="${id}"], [data-test="${id}"] input`).first()

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
