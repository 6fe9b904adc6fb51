// The home dashboards: the manager's team dashboard draws its charts, its 销售额 card shows what
// GET /api/metrics answers for his team and the period (week, then month), formatted as the UI
// does, and the card opens the orders behind the number; a rep's week fits a phone; a director
// sees the team quadrants.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, logIn, currentUser, isoWeek } from './helpers.js'

/**
 * A KPI card's money: whole 元 below ¥100,000 ("¥86,500"), 万 with one decimal from there
 * ("¥123.5万"), 亿 from ¥100,000,000 — web/src/utils/money.js formatMoneyShort, written out again.
 */
function kpiMoney(fen) {
  const yuan = Number(fen) / 100
  const group = (s) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const one = (x) => {
    const [whole, frac] = (Math.round(x * 10) / 10).toFixed(1).split('.')
    return frac === '0' ? group(whole) : `${group(whole)}.${frac}`
  }
  if (Math.abs(yuan) < 100_000) return `${yuan < 0 ? '-' : ''}¥${group(String(Math.floor((Math.abs(Math.trunc(fen)) + 50) / 100)))}`
  if (Math.abs(yuan) >= 1e8) return `${yuan < 0 ? '-' : ''}¥${one(Math.abs(yuan) / 1e8)}亿`
  return `${yuan < 0 ? '-' : ''}¥${one(Math.abs(yuan) / 1e4)}万`
}

/** Today's date 'YYYY-MM-DD' in `timeZone`. */
const todayIn = (timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date())

/** GET /api/metrics from inside the page, i.e. with the signed-in user's session. */
const askMetric = (page, query) =>
  page.evaluate(async (qs) => {
    const res = await fetch(`/api/metrics?${qs}`)
    if (!res.ok) throw new Error(`GET /api/metrics?${qs}: ${res.status} ${await res.text()}`)
    return res.json()
  }, new URLSearchParams(query).toString())

/** Waits until the KPI card of `metric` shows `text` and checks it shows exactly that. */
async function expectCard(page, metric, text) {
  const value = byTest(page, `kpi-${metric}`).locator('[data-test="kpi-value"]')
  await value.filter({ hasText: text }).waitFor()
  assert.equal((await value.innerText()).trim(), text)
}

test('manager: the team dashboard draws its charts and its sales card matches the metrics API', async () => {
  await withPage('dashboard-manager', {}, async (page) => {
    await logIn(page, 'manager')
    const me = await currentUser(page)
    const org = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).org)
    const led = me.teams.filter((m) => m.role === 'leader')
    assert.ok(led.length, 'the demo manager leads a team')
    const scope = led.map((m) => `team:${m.team_id}`).join(',')
    const today = todayIn(org.timezone)

    const dash = byTest(page, 'dashboard-manager')
    await dash.waitFor()
    assert.equal(await dash.getAttribute('data-scope'), scope)
    for (const chart of ['chart-team-trend', 'chart-team-ranking']) {
      await byTest(page, chart).locator('canvas').first().waitFor()
    }

    // This week: the card shows the API's number for the team, in 万 from ¥100,000.
    const week = isoWeek(today)
    assert.equal(await dash.getAttribute('data-period'), week)
    const weekly = await askMetric(page, { metric: 'orders_amount', scope, period: week })
    assert.equal(weekly.period, week)
    await expectCard(page, 'orders_amount', kpiMoney(weekly.value))

    // This month, through the period switch.
    const month = today.slice(0, 7)
    await byTest(page, 'period-month').click()
    await page.locator(`[data-test="dashboard-manager"][data-period="${month}"]`).waitFor()
    const monthly = await askMetric(page, { metric: 'orders_amount', scope, period: month })
    await expectCard(page, 'orders_amount', kpiMoney(monthly.value))

    // The card opens the orders behind it: the team's people, the month, no cancelled orders.
    const count = await askMetric(page, { metric: 'orders_count', scope, period: month })
    await byTest(page, 'kpi-orders_amount').click()
    await page.waitForURL(/\/orders\?/)
    const query = new URL(page.url()).searchParams
    assert.equal(query.get('ordered_at_from'), monthly.range.start)
    assert.ok(!query.get('status').split(',').includes('cancelled'))
    await byTest(page, 'entity-filter-bar').waitFor({ state: 'visible' })
    await byTest(page, 'entity-pager').locator('.el-pagination__total').filter({ hasText: String(count.value) }).waitFor()
    const total = await byTest(page, 'entity-pager').locator('.el-pagination__total').innerText()
    assert.equal(total.replace(/\D/g, ''), String(count.value), `the list holds the ${count.value} orders counted`)
  })
})

test('rep at 375 px: my week with its cards and day chart, nothing wider than the screen', async () => {
  await withPage('dashboard-rep', { viewport: { width: 375, height: 812 } }, async (page) => {
    await logIn(page, 'rep')
    const me = await currentUser(page)
    const dash = byTest(page, 'dashboard-rep')
    await dash.waitFor()
    assert.equal(await dash.getAttribute('data-scope'), `user:${me.id}`)
    await byTest(page, 'chart-rep-week').locator('canvas').first().waitFor()
    const period = await dash.getAttribute('data-period')
    const answer = await askMetric(page, { metric: 'orders_amount', scope: `user:${me.id}`, period })
    await expectCard(page, 'orders_amount', kpiMoney(answer.value))
    for (const m of ['payments_amount', 'new_leads', 'visits', 'calls', 'win_rate']) await byTest(page, `kpi-${m}`).waitFor()
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 375, `page is ${width}px wide`)
  })
})

test('director: region dashboard with the team bars and the quadrants', async () => {
  await withPage('dashboard-director', {}, async (page) => {
    await logIn(page, 'director')
    const me = await currentUser(page)
    const dash = byTest(page, 'dashboard-director')
    await dash.waitFor()
    assert.equal(await dash.getAttribute('data-scope'), `region:${me.region_id}`)
    await byTest(page, 'chart-children').locator('canvas').first().waitFor()
    await byTest(page, 'chart-quadrant').locator('canvas').first().waitFor()
    // Every team with a growth rate sits in one of the four quadrants.
    await byTest(page, 'quadrant-list').locator('.el-tag').first().waitFor()
    await assertText(byTest(page, 'quadrant-hh'), '保持投入')
    await assertText(byTest(page, 'quadrant-ll'), '重点辅导')

    // The quadrants are GET /api/analysis/quadrant's, and a team holding a sub-team says so.
    const period = await dash.getAttribute('data-period')
    const answer = await page.evaluate(
      async (qs) => (await fetch(`/api/analysis/quadrant?${qs}`, { headers: { 'Accept-Language': 'zh-CN' } })).json(),
      new URLSearchParams({ scope: `region:${me.region_id}`, period, by: 'team' }).toString(),
    )
    for (const p of answer.points.filter((x) => x.quadrant)) {
      const tag = byTest(page, 'quadrant-list').locator(`[data-test="quadrant-team"][data-key="${p.key}"]`)
      const held = (p.includes ?? []).map((k) => answer.points.find((x) => x.key === k)?.label).filter(Boolean)
      const name = held.length ? `${p.label}（含${held.join('、')}）` : p.label
      assert.equal((await tag.innerText()).trim(), name)
      const short = p.quadrant.split('_').map((w) => w[0]).join('')
      assert.equal(await byTest(page, `quadrant-${short}`).locator(`[data-key="${p.key}"]`).count(), 1, `${p.label} in ${p.quadrant}`)
    }
  })
})

/** Waits until the element's text contains `text`. */
async function assertText(locator, text) {
  await locator.filter({ hasText: text }).first().waitFor()
}
