// A visit checks in where the phone is: with the location allowed, the activity carries the
// coordinates, the accuracy and the time, and its card and page say 已签到; with it refused the
// visit is saved all the same, without a check-in, and the rep is told so gently.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix } from './helpers.js'

const PHONE = { width: 375, height: 812 }
const PLACE = { latitude: 31.2304164, longitude: 121.4737012, accuracy: 24.6 }

/** Logs a visit to `customer` from its page through the tab bar's 记一笔. */
async function logVisit(page, customer, outcome) {
  await page.goto(`/customers/${customer.id}`)
  await byTest(page, 'customer-summary').waitFor()
  await byTest(page, 'tab-log').click()
  await page.waitForURL(/\/activities\/new\?customer_id=/)
  await byTest(page, 'activity-type-visit').click()
  await inputByTest(page, 'activity-outcome').fill(outcome)
}

test('rep at 375 px: a visit with the location allowed is checked in', async () => {
  const api = await apiAs('rep')
  const tag = uniqueSuffix()
  const customer = await api.post('/api/customers', { name: `签到客户 ${tag}` })
  const contact = await api.post('/api/contacts', { customer_id: customer.id, name: '王采购', title: '采购经理', phone: '138 0013 8000' })
  const outcome = `现场拜访 ${tag}`

  await withPage('checkin-allowed', { viewport: PHONE }, async (page) => {
    await page.context().grantPermissions(['geolocation'])
    await page.context().setGeolocation(PLACE)
    await logIn(page, 'rep')
    await logVisit(page, customer, outcome)

    // The customer's contacts: one to call, one to name as met.
    const row = byTest(page, 'activity-contact').filter({ hasText: contact.name })
    assert.equal(await row.locator('[data-test="tel-link"]').getAttribute('href'), 'tel:13800138000')
    await row.locator('.el-check-tag').click()

    await byTest(page, 'checkin-ok').filter({ hasText: '±25 米' }).waitFor()
    await byTest(page, 'activity-save').click()
    await page.locator('.el-message').filter({ hasText: '已签到' }).first().waitFor()
    await page.waitForURL(new RegExp(`/customers/${customer.id}$`))

    // The timeline says where.
    const visit = byTest(page, 'customer-timeline').locator('[data-test="timeline-item"][data-event="visit"]').first()
    await visit.locator('[data-test="checkin-info"]').filter({ hasText: '已签到 ±25 米' }).waitFor()
    assert.ok((await visit.innerText()).includes('31.2304, 121.4737'))
    assert.match(await visit.locator('[data-test="checkin-map"]').getAttribute('href'), /position=121\.473701,31\.230416/)
  })

  const { items } = await api.get('/api/activities', { customer_id: customer.id })
  assert.equal(items.length, 1)
  const a = items[0]
  assert.equal(a.type, 'visit')
  assert.equal(a.checkin_lat, 31.230416)
  assert.equal(a.checkin_lng, 121.473701)
  assert.equal(a.checkin_accuracy_m, 25)
  assert.ok(Math.abs(Date.parse(a.checkin_at) - Date.now()) < 5 * 60e3, `checked in just now: ${a.checkin_at}`)
  // The contact met is the activity's contact, not a line of its outcome.
  assert.equal(a.contact_id, contact.id)
  assert.equal(a.outcome, outcome)
})

test('rep at 375 px: with the location refused the visit is saved without a check-in', async () => {
  const api = await apiAs('rep')
  const tag = uniqueSuffix()
  const customer = await api.post('/api/customers', { name: `拒绝定位客户 ${tag}` })
  const outcome = `没有定位的拜访 ${tag}`

  await withPage('checkin-refused', { viewport: PHONE }, async (page) => {
    await page.context().clearPermissions()
    await logIn(page, 'rep')
    await logVisit(page, customer, outcome)
    await byTest(page, 'checkin-failed').filter({ hasText: '未允许获取位置' }).waitFor()
    await byTest(page, 'activity-save').click()
    await page.locator('.el-message').filter({ hasText: '没有签到' }).first().waitFor()
    await page.waitForURL(new RegExp(`/customers/${customer.id}$`))
    await byTest(page, 'customer-timeline').locator('[data-test="timeline-outcome"]').filter({ hasText: outcome }).waitFor()
  })

  const { items } = await api.get('/api/activities', { customer_id: customer.id })
  assert.equal(items.length, 1)
  assert.equal(items[0].outcome, outcome)
  for (const f of ['checkin_lat', 'checkin_lng', 'checkin_accuracy_m', 'checkin_at']) assert.equal(items[0][f], null, f)
})
