// The audit log reads in the UI's language: actions, kinds of record and changed fields in words
// (登录 / 登录会话, not login / session), a record's change field by field.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, logIn, apiAs, uniqueSuffix } from './helpers.js'

test('admin: the audit log in words', async () => {
  const rep = await apiAs('rep')
  const tag = uniqueSuffix()
  let customer = await rep.post('/api/customers', { name: `审计客户 ${tag}` })
  customer = await rep.patch(`/api/customers/${customer.id}`, { version: customer.version, status: 'prospect', industry: '制造业' })

  await withPage('audit', { viewport: { width: 1440, height: 900 } }, async (page) => {
    await logIn(page, 'admin')
    await page.goto('/admin/audit')
    const table = byTest(page, 'audit-table')
    await table.locator('.el-table__row').first().waitFor()
    const actions = await table.locator('[data-test="audit-action"]').allInnerTexts()
    const entities = await table.locator('[data-test="audit-entity"]').allInnerTexts()
    assert.ok(actions.includes('登录'), `actions: ${actions}`)
    assert.ok(entities.includes('登录会话') && entities.includes('客户'), `entities: ${entities}`)
    for (const raw of ['login', 'login_failed', 'update', 'create', 'session', 'customer']) {
      assert.ok(![...actions, ...entities].includes(raw), `no raw ${raw}`)
    }

    // The customer's update names its fields and values in words.
    const row = table.locator('.el-table__row').filter({ hasText: customer.name }).filter({ hasText: '修改' }).first()
    assert.ok((await row.innerText()).includes('状态'), await row.innerText())
    await row.locator('.el-table__expand-icon').click()
    const changes = page.locator('[data-test="audit-change"]')
    await changes.filter({ hasText: '行业' }).waitFor()
    assert.match(await changes.filter({ hasText: '状态' }).innerText(), /状态\s*线索\s*→\s*潜在/)
  })
})
