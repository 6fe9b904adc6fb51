// A customer's page tells its story in one timeline, newest first, as GET /api/customers/{id}/timeline
// says: visits and calls with their outcomes, the opportunity, the order and its payment, the
// change of owner with its reason; an overdue next follow-up is on top, in red.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, logIn, apiAs, uniqueSuffix } from './helpers.js'

test('manager at 375 px: a customer timeline of activities, opportunity, order, payment and transfer', async () => {
  const rep = await apiAs('rep')
  const manager = await apiAs('manager')
  const tag = uniqueSuffix()
  const me = (await rep.get('/api/auth/me')).user
  const others = (await manager.get('/api/users', { page_size: 100 })).items.filter((u) => u.roles.includes('rep') && u.id !== me.id)
  assert.ok(others.length, 'the manager has another rep to hand the customer to')
  const to = others[0]
  const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() - 86400e3)

  const customer = await rep.post('/api/customers', { name: `时间线客户 ${tag}`, next_follow_up: yesterday })
  const visit = `拜访采购部，确认了需求范围 ${tag}`
  const call = `电话确认了报价细节 ${tag}`
  const hourAgo = (h) => new Date(Date.now() - h * 3600e3).toISOString()
  await rep.post('/api/activities', { type: 'visit', customer_id: customer.id, started_at: hourAgo(5), outcome: visit, next_step: '发送方案' })
  await rep.post('/api/activities', { type: 'call', customer_id: customer.id, started_at: hourAgo(4), outcome: call })
  const opp = await rep.post('/api/opportunities', { name: `时间线商机 ${tag}`, customer_id: customer.id, amount: 5000000, expected_close: '2027-06-30' })
  const order = await rep.post('/api/orders', { customer_id: customer.id, ordered_at: hourAgo(3), total: 880000 })
  await rep.post('/api/payments', { order_id: order.id, amount: 300000, received_at: hourAgo(2) })
  const fresh = await rep.get(`/api/customers/${customer.id}`)
  const reason = `区域调整 ${tag}`
  await manager.post(`/api/customers/${customer.id}/transfer`, { to_user_id: to.id, reason, with_opportunities: true, version: fresh.version })

  const answer = await manager.get(`/api/customers/${customer.id}/timeline`)
  assert.equal(answer.follow_up_overdue, true)
  const kinds = answer.items.map((i) => `${i.kind}:${i.event}`)
  for (const k of ['activity:visit', 'activity:call', 'opportunity:created', 'order:ordered', 'payment:received', 'transfer:transferred', 'customer:created']) {
    assert.ok(kinds.includes(k), `the API's timeline has ${k}: ${kinds}`)
  }

  await withPage('customer-timeline', { viewport: { width: 375, height: 812 } }, async (page) => {
    await logIn(page, 'manager')
    await page.goto(`/customers/${customer.id}`)
    const timeline = byTest(page, 'customer-timeline')
    const items = timeline.locator('[data-test="timeline-item"]')
    await items.first().waitFor()

    // The same items in the same order as the API, newest first.
    const shown = await items.evaluateAll((els) => els.map((e) => `${e.dataset.kind}:${e.dataset.event}`))
    assert.deepEqual(shown, kinds)

    // What each says.
    const text = (kind, event) => timeline.locator(`[data-test="timeline-item"][data-kind="${kind}"][data-event="${event}"]`).first().innerText()
    assert.ok((await text('activity', 'visit')).includes(visit), 'a visit shows its outcome')
    assert.ok((await text('activity', 'visit')).includes('发送方案'), 'and its next step')
    assert.ok((await text('activity', 'call')).includes(call))
    assert.ok((await text('opportunity', 'created')).includes(opp.name))
    assert.ok((await text('opportunity', 'created')).includes('¥50,000'))
    assert.ok((await text('order', 'ordered')).includes('¥8,800'))
    assert.ok((await text('payment', 'received')).includes('¥3,000'))
    const transfer = await text('transfer', 'transferred')
    assert.ok(transfer.includes(`${me.display_name} → ${to.display_name}`), transfer)
    assert.ok(transfer.includes(reason), transfer)

    // The overdue follow-up, red, on top.
    const due = byTest(page, 'timeline-follow-up')
    assert.ok((await due.innerText()).includes(yesterday))
    assert.match(await due.getAttribute('class'), /overdue/)
    assert.match(await due.evaluate((el) => getComputedStyle(el).color), /rgb\(245, 108, 108\)/)

    // Nothing wider than the phone; an opportunity opens its page.
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 375, `page is ${width}px wide`)
    await timeline.locator('[data-test="timeline-item"][data-kind="opportunity"] .item').first().click()
    await page.waitForURL(new RegExp(`/opportunities/${opp.id}$`))
    await byTest(page, 'stage-path').waitFor()
  })
})

test('rep: the history names a former owner and an activity\'s contacts, as the API names them', async () => {
  const rep = await apiAs('rep')
  const manager = await apiAs('manager')
  const tag = uniqueSuffix()
  const me = (await rep.get('/api/auth/me')).user
  const others = (await manager.get('/api/users', { page_size: 100 })).items.filter((u) => u.roles.includes('rep') && u.id !== me.id)
  const from = others[0]
  // A rep cannot list other users: the page must take their names from the history itself.
  await assert.rejects(rep.get(`/api/users/${from.id}`))

  // An opportunity another rep owned, handed to this one.
  const customer = await rep.post('/api/customers', { name: `历史名称客户 ${tag}` })
  const opp = await manager.post('/api/opportunities', { name: `历史名称商机 ${tag}`, customer_id: customer.id, owner_id: from.id, amount: 100000, expected_close: '2027-06-30' })
  await manager.patch(`/api/opportunities/${opp.id}`, { version: opp.version, owner_id: me.id })
  const history = await rep.get(`/api/opportunities/${opp.id}/history`)
  const owner = history.items.flatMap((e) => e.changes).find((c) => c.field === 'owner_id' && c.before === from.id)
  assert.deepEqual([owner.before_name, owner.after_name], [from.display_name, me.display_name])

  // An activity whose contact was corrected.
  const first = await rep.post('/api/contacts', { customer_id: customer.id, name: `张经理${tag}` })
  const second = await rep.post('/api/contacts', { customer_id: customer.id, name: `赵总${tag}` })
  const activity = await rep.post('/api/activities', { type: 'call', customer_id: customer.id, contact_id: first.id, started_at: new Date().toISOString() })
  await rep.patch(`/api/activities/${activity.id}`, { version: activity.version, contact_id: second.id })

  await withPage('record-history-names', { viewport: { width: 375, height: 812 } }, async (page) => {
    await logIn(page, 'rep')
    await page.goto(`/opportunities/${opp.id}`)
    await page.locator('#tab-history').click()
    const change = byTest(page, 'record-history').locator('[data-test="history-change"]').filter({ hasText: '负责人' })
      .filter({ hasText: '→' }).first()
    await change.waitFor()
    assert.match(await change.innerText(), new RegExp(`${from.display_name}\\s*→\\s*${me.display_name}`))
    assert.doesNotMatch(await byTest(page, 'record-history').innerText(), /#\d+/, 'no reference reads as #id')

    // The activity's history names both contacts.
    await page.goto(`/customers/${customer.id}`)
    await byTest(page, 'customer-timeline').locator('[data-test="timeline-item"][data-kind="activity"] .item').first().click()
    const dialog = byTest(page, 'activity-detail')
    await dialog.locator('.el-tabs__item').filter({ hasText: '变更记录' }).click()
    const contactChange = dialog.locator('[data-test="history-change"]').filter({ hasText: '联系人' }).filter({ hasText: '→' }).first()
    await contactChange.waitFor()
    assert.match(await contactChange.innerText(), new RegExp(`${first.name}\\s*→\\s*${second.name}`))
  })
})
