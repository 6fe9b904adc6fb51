// A rep on a phone logs a call through the tab bar's "记一笔" and finds it in their list; the next
// follow-up date chosen on the form lands on the customer; the contact met is saved as the
// activity's contact_id (not written into the outcome) and named on its card, in its detail and in
// the customer's timeline.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix } from './helpers.js'

test('rep at 375 px: logs an activity and sees it in the list', async () => {
  const api = await apiAs('rep')
  const tag = uniqueSuffix()
  const customer = await api.post('/api/customers', { name: `手机记录客户 ${tag}` })
  const contact = await api.post('/api/contacts', { customer_id: customer.id, name: `王采购${tag}`, title: '采购经理' })
  const outcome = `电话沟通了报价 ${tag}`

  await withPage('activity-phone', { viewport: { width: 375, height: 740 } }, async (page) => {
    await logIn(page, 'rep')

    // One tap from the home page.
    await byTest(page, 'tab-log').click()
    await page.waitForURL(/\/activities\/new/)
    await byTest(page, 'activity-log').waitFor()

    await byTest(page, 'activity-type-call').click()
    await pickOption(page, 'activity-customer', customer.name)
    // The customer's contacts to call or name; the one met is tapped.
    await byTest(page, 'activity-contact').filter({ hasText: contact.name }).locator('.el-check-tag').click()
    await byTest(page, 'activity-duration-15').click()
    await inputByTest(page, 'activity-outcome').fill(outcome)
    await inputByTest(page, 'activity-next-step').fill('发送合同草稿')
    await byTest(page, 'activity-follow-up-tomorrow').click()

    // Nothing is wider than the phone's screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 375, `the form is ${width}px wide`)

    await byTest(page, 'activity-save').click()
    await page.locator('.el-message--success').first().waitFor()
    await byTest(page, 'welcome-card').waitFor() // back where the rep came from

    // The rep's list shows it.
    await byTest(page, 'tab-me').click()
    await byTest(page, 'me-drawer').locator('[data-test="nav-activities"]').click()
    await page.waitForURL(/\/activities$/)
    const card = page.locator('.entity-row').filter({ hasText: outcome }).first()
    await card.waitFor()
    // The card names the contact met; the outcome is only what was typed.
    assert.match(await card.locator('[data-test="card-contact_id"]').innerText(), new RegExp(`联系人\\s*${contact.name}`))
    assert.equal((await card.locator('[data-test="card-body"]').innerText()).trim(), outcome)
    await card.click()
    const detail = byTest(page, 'activity-detail')
    assert.equal((await detail.locator('[data-test="detail-contact_id"]').innerText()).trim(), contact.name)

    // The customer's timeline names the contact on the activity.
    await page.goto(`/customers/${customer.id}`)
    const item = byTest(page, 'customer-timeline').locator('[data-test="timeline-item"][data-kind="activity"]').first()
    await item.waitFor()
    assert.equal((await item.locator('[data-test="timeline-contact"]').innerText()).trim(), `联系人：${contact.name}`)
    assert.ok((await item.innerText()).includes(outcome))
  })

  const list = await api.get('/api/activities', { customer_id: customer.id })
  assert.equal(list.total, 1)
  const a = list.items[0]
  assert.equal(a.type, 'call')
  assert.equal(a.duration_minutes, 15)
  assert.equal(a.outcome, outcome)
  assert.equal(a.contact_id, contact.id)
  assert.equal(a.contact_name, contact.name)
  assert.equal(a.next_step, '发送合同草稿')
  const fresh = await api.get(`/api/customers/${customer.id}`)
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + 86400e3)
  assert.equal(fresh.next_follow_up, tomorrow)
})

/** Opens the select inside data-test=`id`, types `text` and picks the option showing it. */
async function pickOption(page, id, text) {
  await byTest(page, id).locator('.el-select__wrapper').click()
  await page.keyboard.type(text)
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: text }).first().click()
}
