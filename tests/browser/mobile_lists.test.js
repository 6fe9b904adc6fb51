// On a 375 px phone the lists are cards, not a squeezed table: in the activity, customer and order
// lists (and a customer's activity tab, and receivables) no text is cut off — no element inside a
// row is wider than its box, no text ends in "…" — phone numbers dial, an activity shows its
// outcome, an overdue next follow-up is red.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix, cutOff } from './helpers.js'

const PHONE = { width: 375, height: 812 }

async function assertWholeList(page, what) {
  const cards = byTest(page, 'entity-card')
  await cards.first().waitFor()
  assert.equal(await page.locator('.el-table__row').count(), 0, `${what}: no table rows on a phone`)
  const cut = await cutOff(page)
  assert.deepEqual(cut, [], `${what}: cut-off texts ${JSON.stringify(cut)}`)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 375, `${what}: page is ${width}px wide`)
  return cards
}

test('rep at 375 px: activity, customer and order lists are whole cards', async () => {
  const api = await apiAs('rep')
  const tag = uniqueSuffix()
  const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() - 86400e3)
  const customer = await api.post('/api/customers', {
    name: `一个名字相当长的手机卡片测试客户有限公司 ${tag}`,
    phone: '021-6888 8888 转 123',
    next_follow_up: yesterday,
  })
  const outcome = `客户对报价基本认可，但希望分两期付款，下周三前需要给出正式的分期方案并同步法务审核合同条款 ${tag}`
  await api.post('/api/activities', { type: 'visit', customer_id: customer.id, started_at: new Date().toISOString(), outcome })
  await api.post('/api/orders', { customer_id: customer.id, ordered_at: new Date().toISOString(), total: 1234567 })

  await withPage('mobile-lists', { viewport: PHONE }, async (page) => {
    await logIn(page, 'rep')

    // Activities: the customer, the type, the time and the whole outcome.
    await page.goto('/activities')
    let cards = await assertWholeList(page, 'activities')
    const activity = cards.filter({ hasText: tag })
    await activity.first().waitFor()
    assert.ok((await activity.first().innerText()).includes(outcome), 'the outcome is shown whole')
    assert.ok((await activity.first().innerText()).includes('拜访'))

    // Customers: name, status, next follow-up (red when overdue), a phone that dials.
    await page.goto('/customers')
    await inputByTest(page, 'entity-search').fill(tag)
    cards = await assertWholeList(page, 'customers')
    const card = cards.filter({ hasText: tag }).first()
    await card.waitFor()
    assert.equal(await card.locator('[data-test="tel-link"]').getAttribute('href'), 'tel:02168888888,123')
    const overdue = card.locator('[data-test="follow-up-overdue"]')
    assert.ok((await overdue.innerText()).includes(yesterday))
    const color = await overdue.evaluate((el) => getComputedStyle(el).color)
    assert.match(color, /rgb\(245, 108, 108\)/, `an overdue follow-up is red (${color})`)

    // Orders: the customer, the amount in whole 元, the date, the status.
    await page.goto('/orders')
    cards = await assertWholeList(page, 'orders')
    const order = cards.filter({ hasText: tag }).first()
    await order.waitFor()
    assert.equal((await order.locator('[data-test="card-amount"]').innerText()).trim(), '¥12,346')
    assert.ok((await order.locator('[data-test="card-tag"]').innerText()).trim().length > 0, 'the order shows its status')

    // The customer's activity tab shows each visit's outcome; a card opens the visit.
    await order.click()
    await page.waitForURL(/\/orders\/\d+/)
    await page.goto(`/customers/${customer.id}`)
    await page.locator('#tab-activities').click()
    cards = await assertWholeList(page, 'customer activities')
    assert.ok((await cards.first().innerText()).includes(outcome))
    await cards.first().click()
    await byTest(page, 'activity-detail').filter({ hasText: outcome }).waitFor()
  })
})

test('manager at 375 px: receivables are cards with their buckets', async () => {
  await withPage('mobile-receivables', { viewport: PHONE }, async (page) => {
    await logIn(page, 'manager')
    await page.goto('/receivables')
    const cards = byTest(page, 'receivables-card')
    await cards.first().waitFor()
    assert.equal(await byTest(page, 'receivables-table').count(), 0)
    const cut = await cutOff(page)
    assert.deepEqual(cut, [], `cut-off texts ${JSON.stringify(cut)}`)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 375, `page is ${width}px wide`)
  })
})
