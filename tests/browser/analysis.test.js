// The analyses under 数据分析: the funnel names the bottleneck stage that GET /api/analysis/funnel
// names and a stage opens its opportunities; the quadrants place the API's points; the forecast
// draws its charts and shows the API's backtest error; the risks page shows the API's counts and
// rows (on a phone as whole cards, nothing cut off) and its rows open their records.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, logIn, currentUser, cutOff } from './helpers.js'
import { formatYuan } from '../../web/src/utils/money.js'

/** GET `path` from inside the page, i.e. with the signed-in user's session, in Chinese as the UI. */
const api = (page, path, query = {}) =>
  page.evaluate(
    async ([p, qs]) => {
      const res = await fetch(qs ? `${p}?${qs}` : p, { headers: { 'Accept-Language': 'zh-CN' } })
      if (!res.ok) throw new Error(`GET ${p}?${qs}: ${res.status} ${await res.text()}`)
      return res.json()
    },
    [path, new URLSearchParams(query).toString()],
  )

/** A ratio as the UI shows it: 0.6263 → '62.6%'. */
const percent = (v) => `${(v * 100).toFixed(1)}%`

/** Checks the bottleneck banner against the funnel the API answers for the page's scope and period. */
async function expectBottleneck(page) {
  const view = byTest(page, 'page-analytics-funnel')
  const scope = await view.getAttribute('data-scope')
  const period = await view.getAttribute('data-period')
  const funnel = await api(page, '/api/analysis/funnel', { scope, period })
  const banner = byTest(page, 'funnel-bottleneck')
  await banner.waitFor()
  // The banner may still show the previous answer for a moment: wait for this one's stage.
  await page.locator(`[data-test="funnel-bottleneck"][data-stage-id="${funnel.bottleneck_stage_id ?? ''}"]`).waitFor()
  const text = await banner.innerText()
  if (funnel.bottleneck_stage_id === null) {
    assert.match(text, /没有瓶颈/)
    return funnel
  }
  const k = funnel.stages.findIndex((s) => s.stage_id === funnel.bottleneck_stage_id)
  assert.ok(k >= 1, 'the bottleneck is a stage after the first')
  const stage = funnel.stages[k]
  assert.ok(text.includes(`瓶颈：${funnel.stages[k - 1].name} → ${stage.name}`), `"${text}" names ${stage.name}`)
  assert.ok(text.includes(percent(stage.conversion)), `"${text}" shows the conversion ${percent(stage.conversion)}`)
  assert.ok(text.includes(`公司近12个月 ${percent(stage.benchmark)}`), `"${text}" shows the benchmark`)
  // The same stage is marked in the table.
  const row = byTest(page, 'funnel-table').locator('.bottleneck-row')
  assert.equal(await row.count(), 1)
  assert.equal((await row.locator('[data-test="funnel-stage"]').innerText()).trim(), stage.name)
  return funnel
}

test('director: the funnel names the API bottleneck, for the default period and for the year', async () => {
  await withPage('analysis-funnel', {}, async (page) => {
    await logIn(page, 'director')
    const me = await currentUser(page)
    await byTest(page, 'nav-analytics-funnel').click()
    const view = byTest(page, 'page-analytics-funnel')
    await view.waitFor()
    assert.equal(await view.getAttribute('data-scope'), `region:${me.region_id}`)
    await byTest(page, 'chart-funnel').locator('canvas').first().waitFor()
    const funnel = await expectBottleneck(page)
    assert.equal(await byTest(page, 'funnel-table').locator('tbody tr').count(), funnel.stages.length)

    // Another period through the URL: the banner follows the API again.
    const year = funnel.period.slice(0, 4)
    await page.goto(`/analytics/funnel?period=${year}`)
    await page.locator(`[data-test="page-analytics-funnel"][data-period="${year}"]`).waitFor()
    const yearly = await expectBottleneck(page)

    // A stage opens the opportunities in that pipeline and stage, of the region's people.
    const stage = yearly.stages[1]
    await byTest(page, 'funnel-table').locator('tbody tr').nth(1).click()
    await page.waitForURL(/\/opportunities\?/)
    const query = new URL(page.url()).searchParams
    assert.equal(query.get('stage_id'), String(stage.stage_id))
    assert.ok(query.get('pipeline_id'), 'the pipeline is in the filter')
    assert.ok(query.get('owner_id'), 'the region’s people are in the filter')
    await byTest(page, 'entity-filter-bar').waitFor({ state: 'visible' })
  })
})

test('director: the quadrants place the points the API places, each with its action', async () => {
  await withPage('analysis-quadrant', {}, async (page) => {
    await logIn(page, 'director')
    await page.goto('/analytics/quadrant?by=user')
    const view = byTest(page, 'page-analytics-quadrant')
    await view.waitFor()
    await byTest(page, 'chart-quadrant').locator('canvas').first().waitFor()
    const scope = await view.getAttribute('data-scope')
    const period = await view.getAttribute('data-period')
    const answer = await api(page, '/api/analysis/quadrant', { scope, period, by: 'user' })
    const placed = answer.points.filter((p) => p.quadrant)
    assert.ok(placed.length > 0, 'the demo region has people to place')
    const rows = byTest(page, 'quadrant-table').locator('tbody tr')
    await rows.nth(placed.length - 1).waitFor()
    assert.equal(await rows.count(), placed.length)
    const names = { high_high: '明星', high_low: '现金牛', low_high: '潜力股', low_low: '待改进' }
    for (const [q, name] of Object.entries(names)) {
      const n = placed.filter((p) => p.quadrant === q).length
      assert.equal((await byTest(page, `quadrant-count-${q}`).innerText()).replace(/\s+/g, ''), `${name}${n}`)
    }
    const first = await rows.first().locator('[data-test="quadrant-label"]').innerText()
    const point = placed.find((p) => p.label === first.trim())
    assert.ok(point, `${first} is a placed point`)
    assert.equal((await rows.first().locator('[data-test="quadrant-action"]').innerText()).trim(), point.action)

    // A row opens that scope's trend.
    await rows.first().click()
    await page.waitForURL(/\/analytics\/trend\?/)
    assert.equal(new URL(page.url()).searchParams.get('scope'), point.key)
  })
})

test('manager: the forecast draws its charts and shows the API backtest error', async () => {
  await withPage('analysis-forecast', {}, async (page) => {
    await logIn(page, 'manager')
    await page.goto('/analytics/forecast')
    const view = byTest(page, 'page-analytics-forecast')
    await view.waitFor()
    for (const chart of ['chart-pipeline', 'chart-forecast']) await byTest(page, chart).locator('canvas').first().waitFor()
    const scope = await view.getAttribute('data-scope')
    assert.equal(await view.getAttribute('data-months'), '6')
    const answer = await api(page, '/api/analysis/forecast', { scope, months: 6 })
    assert.equal(await byTest(page, 'pipeline-table').locator('tbody tr').count(), answer.pipeline.months.length)

    const { backtest } = answer.series
    assert.notEqual(backtest.mape, null, 'the demo history is long enough for a backtest')
    const mape = byTest(page, 'forecast-mape')
    await mape.filter({ hasText: percent(backtest.mape) }).waitFor()
    assert.equal((await mape.innerText()).trim(), percent(backtest.mape))
    const sentence = await byTest(page, 'forecast-backtest').innerText()
    assert.ok(sentence.includes(`过去${backtest.points.length}个月回测：平均误差`), sentence)
    const methods = { seasonal_growth: '同比×增长', seasonal_naive: '去年同期', mean: '平均值' }
    assert.equal((await byTest(page, 'forecast-method').innerText()).trim(), methods[answer.series.method])
    if (answer.pipeline.slipped.count > 0) {
      assert.match(await byTest(page, 'forecast-slipped').innerText(), new RegExp(`${answer.pipeline.slipped.count} 个商机`))
    }

    // Twelve months: the page asks again and the table follows.
    await byTest(page, 'forecast-months').getByText('12 个月').click()
    await page.locator('[data-test="page-analytics-forecast"][data-months="12"]').waitFor()
    await byTest(page, 'pipeline-table').locator('tbody tr').nth(11).waitFor()
  })
})

test('manager at 375 px: the risks are whole cards with the API\'s rows, each opening its record', async () => {
  await withPage('analysis-risks', { viewport: { width: 375, height: 812 } }, async (page) => {
    await logIn(page, 'manager')
    await page.goto('/analytics/risks')
    await byTest(page, 'page-analytics-risks').waitFor()
    const risks = await api(page, '/api/analysis/risks')
    for (const kind of ['stalled', 'slipped', 'churn', 'overdue']) {
      const count = byTest(page, `risk-card-${kind}`).locator('[data-test="risk-count"]')
      await count.filter({ hasText: String(risks[`${kind}_total`]) }).waitFor()
      assert.equal((await count.innerText()).trim(), String(risks[`${kind}_total`]), kind)
    }

    // Each list: a card per row of the API, no table, nothing cut off or wider than the phone.
    const facts = {
      stalled: (r) => [r.name, `停滞 ${r.days_idle} 天`, r.customer_name, r.owner_name, r.stage_name, formatYuan(r.amount)],
      slipped: (r) => [r.name, `延期 ${r.days_slipped} 天`, r.customer_name, r.expected_close, formatYuan(r.amount)],
      churn: (r) => [r.customer_name, `${r.days_since} 天未下单`, r.last_order, `${r.usual_interval_days} 天`],
      overdue: (r) => [`订单 #${r.id}`, `逾期 ${r.days_past_due} 天`, r.customer_name, r.due_date, formatYuan(r.total - r.paid)],
    }
    for (const kind of ['stalled', 'slipped', 'churn', 'overdue']) {
      assert.ok(risks[kind].length > 0, `the demo data has ${kind} rows`)
      await byTest(page, `risk-card-${kind}`).click()
      const cards = byTest(page, `risk-cards-${kind}`).locator('[data-test="risk-row"]')
      await cards.first().waitFor()
      assert.equal(await cards.count(), risks[kind].length, kind)
      assert.equal(await page.locator('.el-table__row').count(), 0, `${kind}: no table rows on a phone`)
      const first = await cards.first().innerText()
      for (const fact of facts[kind](risks[kind][0])) assert.ok(first.includes(fact), `${kind}: the first card shows ${fact}: ${first}`)
      const cut = await cutOff(page)
      assert.deepEqual(cut, [], `${kind}: cut-off texts ${JSON.stringify(cut)}`)
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 375, `${kind}: page is ${width}px wide`)
    }

    // A churn card opens the customer's page.
    await byTest(page, 'risk-card-churn').click()
    await byTest(page, 'risk-cards-churn').locator('[data-test="risk-row"]').first().click()
    await page.waitForURL(new RegExp(`/customers/${risks.churn[0].customer_id}$`))

    // The overdue tab (kept in the URL) opens an order.
    await page.goto('/analytics/risks?tab=overdue')
    await byTest(page, 'risk-cards-overdue').locator('[data-test="risk-row"]').first().click()
    await page.waitForURL(new RegExp(`/orders/${risks.overdue[0].id}$`))
  })
})

test('director at 1440 px: the risks are tables under tabs with the API\'s totals', async () => {
  await withPage('analysis-risks-wide', { viewport: { width: 1440, height: 900 } }, async (page) => {
    await logIn(page, 'director')
    await page.goto('/analytics/risks?tab=stalled')
    const table = byTest(page, 'risk-table-stalled')
    await table.locator('tbody tr').first().waitFor()
    const risks = await api(page, '/api/analysis/risks')
    for (const kind of ['stalled', 'slipped', 'churn', 'overdue']) {
      assert.ok((await byTest(page, `risk-tab-${kind}`).innerText()).includes(`(${risks[`${kind}_total`]})`), kind)
    }
    assert.equal(await table.locator('tbody tr').count(), risks.stalled.length)
    assert.ok((await table.locator('tbody tr').first().innerText()).includes(formatYuan(risks.stalled[0].amount)))
    await table.locator('[data-test="risk-link"]').first().click()
    await page.waitForURL(new RegExp(`/opportunities/${risks.stalled[0].id}$`))
  })
})
