// A form checks a phone number as the server does (format "phone" in /api/schema): a bad one is
// refused on the field before anything is sent, the error goes as soon as the number is right;
// required fields are marked and a failed save scrolls to the first error.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix } from './helpers.js'

test('rep at 375 px: a new customer with a bad, then a good phone number', async () => {
  const api = await apiAs('rep')
  const name = `电话校验客户 ${uniqueSuffix()}`

  await withPage('phone-form', { viewport: { width: 375, height: 812 } }, async (page) => {
    await logIn(page, 'rep')
    await byTest(page, 'tab-customers').click()
    await byTest(page, 'entity-create').click()
    const dialog = byTest(page, 'entity-dialog-customer')
    const nameItem = dialog.locator('[data-test="field-name"]')
    const phoneItem = dialog.locator('[data-test="field-phone"]')
    await nameItem.waitFor()

    // The name is marked required; the owner is the rep.
    assert.match(await nameItem.getAttribute('class'), /is-required/)
    assert.equal((await dialog.locator('[data-test="field-owner_id"] .el-select__wrapper').innerText()).trim(), '李销售')

    // A bad number and no name: nothing is sent, the first error (the name) is scrolled to.
    await phoneItem.locator('input').fill('138 0013 8000 转')
    let posted = 0
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/customers') && posted++)
    await dialog.locator('[data-test="entity-save"]').click()
    await phoneItem.locator('.el-form-item__error').filter({ hasText: '电话号码' }).waitFor()
    await nameItem.locator('.el-form-item__error').waitFor()
    await page.waitForTimeout(600) // the smooth scroll
    const box = await nameItem.boundingBox()
    assert.ok(box.y >= 0 && box.y + box.height <= 812, `the first error is in view: ${JSON.stringify(box)}`)

    // Each error goes as soon as its field is right, without leaving it.
    await nameItem.locator('input').fill(name)
    await nameItem.locator('.el-form-item__error').waitFor({ state: 'detached' })
    await phoneItem.locator('input').fill('12345')
    await phoneItem.locator('.el-form-item__error').waitFor()
    await phoneItem.locator('input').fill('021-6888 8888 转 123')
    await phoneItem.locator('.el-form-item__error').waitFor({ state: 'detached' })
    assert.equal(posted, 0, 'nothing was sent while the form had errors')

    await dialog.locator('[data-test="entity-save"]').click()
    await page.waitForURL(/\/customers\/\d+$/)
    const link = byTest(page, 'customer-summary').locator('[data-test="tel-link"]')
    assert.equal(await link.getAttribute('href'), 'tel:02168888888,123')
  })

  const { items } = await api.get('/api/customers', { q: name })
  assert.equal(items.length, 1)
  assert.equal(items[0].phone, '021-6888 8888 转 123')
})
