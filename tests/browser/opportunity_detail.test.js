// An opportunity's page: its stage path with the current stage and the days in each stage it
// reached (from stage_history), the activities, quotes and orders linked to it, its change history
// in words, no lost reason while it is open, and 管道 for the pipeline forecast category.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, logIn, apiAs, uniqueSuffix } from './helpers.js'

test('rep: an opportunity page with its stage path, linked records and history', async () => {
  const api = await apiAs('rep')
  const tag = uniqueSuffix()
  const { items: pipelines } = await api.get('/api/pipelines')
  const pipeline = pipelines.find((p) => p.is_default) ?? pipelines[0]
  const open = pipeline.stages.filter((s) => s.kind === 'open').sort((a, b) => a.position - b.position)
  const won = pipeline.stages.find((s) => s.kind === 'won')
  const customer = await api.post('/api/customers', { name: `商机详情客户 ${tag}` })
  let opp = await api.post('/api/opportunities', {
    name: `商机详情 ${tag}`, customer_id: customer.id, amount: 12000000, expected_close: '2027-05-31',
    pipeline_id: pipeline.id, stage_id: open[0].id,
  })
  opp = await api.patch(`/api/opportunities/${opp.id}`, { version: opp.version, stage_id: open[1].id })
  opp = await api.patch(`/api/opportunities/${opp.id}`, { version: opp.version, stage_id: open[2].id, amount: 15000000 })
  const outcome = `演示了方案，客户很满意 ${tag}`
  await api.post('/api/activities', { type: 'meeting', customer_id: customer.id, opportunity_id: opp.id, started_at: new Date().toISOString(), outcome })
  const product = (await api.get('/api/products', { page_size: 1 })).items[0]
  const quote = await api.post('/api/quotes', {
    customer_id: customer.id, opportunity_id: opp.id, lines: [{ product_id: product.id, quantity: 2, unit_price: product.list_price }],
  })
  await api.post('/api/orders', { customer_id: customer.id, opportunity_id: opp.id, ordered_at: new Date().toISOString(), total: 15000000 })
  const answer = await api.get(`/api/opportunities/${opp.id}`)
  assert.equal(answer.stage_history.length, 3)

  await withPage('opportunity-detail', { viewport: { width: 1440, height: 900 } }, async (page) => {
    await logIn(page, 'rep')
    await page.goto(`/opportunities/${opp.id}`)
    const path = byTest(page, 'stage-path')
    await path.waitFor()

    // The open stages then the won one; the current stage is the third; days in each stage reached.
    const titles = await path.locator('.el-step__title').allInnerTexts()
    assert.deepEqual(titles.map((s) => s.trim()), [...open.map((s) => s.name), won.name])
    assert.equal(await path.locator('[data-test="stage-current"]').getAttribute('data-stage-id'), String(open[2].id))
    const days = await path.locator('[data-test="stage-days"]').allInnerTexts()
    assert.equal(days.length, 3)
    for (const d of days) assert.match(d, /^\d+ 天$/)
    assert.equal((await byTest(page, 'opportunity-amount').innerText()).trim(), '¥150,000')

    // Its fields: no lost reason while open; the forecast category reads 管道.
    const info = byTest(page, 'entity-detail-opportunity')
    await info.waitFor()
    assert.equal(await info.getByText('输单原因').count(), 0)
    assert.equal((await info.locator('[data-test="detail-forecast_category"]').innerText()).trim(), '管道')

    // Linked activities, quotes and orders.
    const tabs = byTest(page, 'opportunity-tabs')
    await page.locator('#tab-activities').click()
    await byTest(page, 'opportunity-activities').locator('.entity-row').filter({ hasText: outcome }).waitFor()
    await page.locator('#tab-quotes').click()
    await byTest(page, 'opportunity-quotes').locator('.entity-row').filter({ hasText: String(quote.id) }).waitFor()
    await page.locator('#tab-orders').click()
    await byTest(page, 'opportunity-orders').locator('.entity-row').filter({ hasText: '¥150,000' }).waitFor()

    // The history in words: newest first, the stage moves by name, the amount in 元.
    await page.locator('#tab-history').click()
    const entries = tabs.locator('[data-test="history-entry"]')
    await entries.first().waitFor()
    assert.equal(await entries.count(), 3)
    const actions = (await entries.locator('[data-test="history-action"]').allInnerTexts()).map((s) => s.trim())
    assert.deepEqual(actions, ['修改', '修改', '创建'])
    const newest = await entries.first().innerText()
    assert.match(newest, new RegExp(`阶段\\s*${open[1].name}\\s*→\\s*${open[2].name}`))
    assert.match(newest, /金额\s*¥120,000\s*→\s*¥150,000/)
    assert.ok(!newest.includes('stage_id'), 'fields are named, not keyed')
  })

  // On a phone the path runs down the page and nothing is wider than the screen.
  await withPage('opportunity-detail-phone', { viewport: { width: 375, height: 812 } }, async (page) => {
    await logIn(page, 'rep')
    await page.goto(`/opportunities/${opp.id}`)
    await byTest(page, 'stage-path').locator('[data-test="stage-current"]').waitFor()
    assert.match(await byTest(page, 'stage-path').getAttribute('class'), /el-steps--vertical/)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 375, `page is ${width}px wide`)
  })
})
