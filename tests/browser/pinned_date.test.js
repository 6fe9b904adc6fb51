// The director's home on a pinned date in the middle of a month: a server of this test's own runs
// under faketime on the 15th of last month, 10:00 in Shanghai (a relative offset, so the demo, the
// server and its calendar agree), and the app takes its today from GET /api/auth/me. Every tile's
// 环比 and 同比 are the to-date answers of GET /api/metrics, named 较上月同期 / 较去年同期, and the
// line under the tiles names the days compared.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withPage, byTest, logIn, apiAs } from './helpers.js'

const METRICS = ['orders_amount', 'payments_amount', 'orders_count', 'new_buyers', 'activities', 'win_rate']

/** Seconds from now to the 15th of last month, 10:00 in Shanghai (02:00 UTC), and that day. */
function pinnedOffset() {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-').map(Number)
  const py = m === 1 ? y - 1 : y
  const pm = m === 1 ? 12 : m - 1
  const at = Date.UTC(py, pm - 1, 15, 2, 0, 0)
  const seconds = Math.round((at - Date.now()) / 1000)
  return { spec: `${seconds >= 0 ? '+' : ''}${seconds}`, day: `${py}-${String(pm).padStart(2, '0')}-15` }
}

/** Starts `fupan serve` under faketime on a demo store made at the same fake time; → {url, stop}. */
async function pinnedServer(spec, dir) {
  const env = { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1' }
  const db = join(dir, 'pinned.db')
  execFileSync('faketime', ['-f', spec, process.env.FUPAN_BIN, 'demo', '--db', db], { env, stdio: 'ignore' })
  const server = spawn(
    'faketime',
    ['-f', spec, process.env.FUPAN_BIN, 'serve', '--db', db, '--port', '0', '--web-dir', process.env.FUPAN_WEB_DIST, '--log-level', 'warn'],
    // Its own process group: faketime runs the server as a child, and both must stop at the end.
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  )
  let errors = ''
  server.stderr.on('data', (d) => (errors += d))
  const url = await new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`the pinned server did not start: ${errors}`)), 20_000)
    server.stdout.on('data', (d) => {
      out += d
      const m = /Fupan is listening on (http:\/\/[0-9.:]+)\//.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    server.on('exit', (code) => reject(new Error(`the pinned server exited (${code}): ${errors}`)))
  })
  const stop = async () => {
    try {
      process.kill(-server.pid, 'SIGTERM')
    } catch {
      // already gone
    }
    // The pipes close when the server itself (not only faketime) has exited.
    await new Promise((resolve) => (server.stdout.closed ? resolve() : server.stdout.on('close', resolve)))
  }
  return { url, stop }
}

/** The change the tiles show (web/src/utils/metricFormat.js change): '+12.3%', '-4.0 个百分点', null. */
function changeText(value, base, unit) {
  if (value === null || base === null) return null
  const delta = unit === 'ratio' ? (value - base) * 100 : base === 0 ? null : ((value - base) / Math.abs(base)) * 100
  if (delta === null) return null
  const abs = Math.abs(delta).toFixed(1)
  const text = unit === 'ratio' ? `${abs} 个百分点` : `${abs}%`
  if (Math.abs(delta) < 0.05) return text
  return `${delta > 0 ? '+' : '-'}${text}`
}

/** An API range {start, end (excluded)} as the app writes it: '11-01~11-15', with the year when not `year`. */
function rangeText({ start, end }, year) {
  const last = new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
  const withYear = start.slice(0, 4) !== year || last.slice(0, 4) !== year
  const from = withYear ? start : start.slice(5)
  return `${from}~${last.slice(0, 4) !== start.slice(0, 4) ? last : last.slice(5)}`
}

/** 'YYYY-MM-DD' plus one day. */
const nextDay = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

test('director on the 15th: the tiles compare the month to date, as GET /api/metrics does', async () => {
  const { spec, day } = pinnedOffset()
  const dir = mkdtempSync(join(tmpdir(), 'fupan-pinned-'))
  const server = await pinnedServer(spec, dir)
  try {
    const api = await apiAs('director', undefined, server.url)
    const me = await api.get('/api/auth/me')
    assert.equal(me.today, day, 'the server is pinned to the 15th')
    const scope = `region:${me.user.region_id}`
    const month = day.slice(0, 7)
    const units = Object.fromEntries((await api.get('/api/metrics/catalog')).items.map((m) => [m.name, m.unit]))

    await withPage('pinned-director', { baseURL: server.url }, async (page) => {
      await logIn(page, 'director')
      const dash = page.locator(`[data-test="dashboard-director"][data-period="${month}"]`)
      await dash.waitFor()
      assert.equal(await dash.getAttribute('data-scope'), scope)
      await dash.locator('[data-test="kpi-grid"]:not([data-loading])').waitFor()

      let first = null
      for (const metric of METRICS) {
        const a = await api.get('/api/metrics', { metric, scope, period: month })
        assert.equal(a.compared, 'to_date', `${metric} is compared to date`)
        assert.equal(a.through, day)
        assert.deepEqual(a.value_range, { start: `${month}-01`, end: nextDay(day) })
        first ??= a
        const card = dash.locator(`[data-test="kpi-${metric}"]`)
        for (const [key, base, name] of [['mom', a.previous, '较上月同期'], ['yoy', a.yoy, '较去年同期']]) {
          const change = card.locator(`[data-test="kpi-${key}"]`)
          assert.equal(await change.getAttribute('data-compared'), 'to_date')
          assert.equal((await change.locator('[data-test="kpi-change-name"]').innerText()).trim(), name)
          const expected = changeText(a.value, base, units[metric])
          if (expected === null) {
            assert.equal(await change.locator('[data-test="kpi-change-text"]').count(), 0, `${metric} ${key}: no change`)
          } else {
            assert.equal((await change.locator('[data-test="kpi-change-text"]').innerText()).trim(), expected, `${metric} ${key}`)
          }
        }
      }

      // The line under the tiles names the days: this month's, last month's and last year's.
      const year = day.slice(0, 4)
      const note = (await dash.locator('[data-test="kpi-grid"] + [data-test="compare-note"]').innerText()).trim()
      const days = first.elapsed.basis === 'working_days' ? `第 ${first.elapsed.count} 个工作日` : `${first.elapsed.count} 天`
      assert.equal(
        note,
        `本月至今 ${rangeText(first.value_range, year)}（${days}），对比上月同期 ${rangeText(first.previous_range, year)}、` +
          `去年同期 ${rangeText(first.yoy_range, year)}`,
      )
      if (first.elapsed.basis === 'calendar_days') assert.equal(first.elapsed.count, 15)
      assert.equal(first.previous_range.start.slice(8), '01')
    })
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
