// A rep on a phone-sized screen: a bottom tab bar holds the daily places (首页, 计划, 待办, 客户,
// 记一笔, 我的); 我的 opens the account and the full menu; the home page greets them.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, logIn, currentUser } from './helpers.js'

test('rep at 375 px: the bottom tab bar, 我的 with the full menu, and the greeting', async () => {
  await withPage('mobile-rep', { viewport: { width: 375, height: 812 } }, async (page) => {
    await logIn(page, 'rep')
    const me = await currentUser(page)
    assert.ok(me.roles.includes('rep'))
    await byTest(page, 'welcome-name').filter({ hasText: me.display_name }).waitFor()

    // Nothing is wider than the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 375, `page is ${width}px wide`)

    // The tab bar: six tabs across the bottom of the screen, home lit.
    const bar = byTest(page, 'tab-bar')
    await bar.waitFor()
    const labels = (await bar.locator('button').allInnerTexts()).map((s) => s.trim())
    assert.deepEqual(labels, ['首页', '计划', '待办', '客户', '记一笔', '我的'])
    const box = await bar.boundingBox()
    assert.ok(box.y + box.height >= 812 - 1 && box.width >= 374, `the bar sits at the bottom: ${JSON.stringify(box)}`)
    assert.equal(await byTest(page, 'tab-home').getAttribute('aria-current'), 'page')
    // No side menu and no hamburger on a phone.
    assert.equal(await byTest(page, 'nav-home').isVisible(), false)
    assert.equal(await byTest(page, 'nav-toggle').count(), 0)

    await byTest(page, 'tab-customers').click()
    await page.waitForURL(/\/customers$/)
    await byTest(page, 'page-customers').waitFor()
    assert.equal(await byTest(page, 'tab-customers').getAttribute('aria-current'), 'page')

    await byTest(page, 'tab-todos').click()
    await page.waitForURL(/\/todos/)

    // 我的: who is signed in, and every page of the menu (a rep sees no admin menu).
    await byTest(page, 'tab-me').click()
    const sheet = byTest(page, 'me-drawer')
    await sheet.locator('[data-test="me-name"]').filter({ hasText: me.display_name }).waitFor()
    await sheet.locator('[data-test="nav-activities"]').waitFor({ state: 'visible' })
    assert.equal(await sheet.locator('[data-test="nav-admin"]').count(), 0, 'a rep sees no admin menu')
    await sheet.locator('[data-test="nav-activities"]').click()
    await page.waitForURL(/\/activities$/)
    await sheet.locator('[data-test="nav-activities"]').waitFor({ state: 'hidden' })

    await byTest(page, 'tab-home').click()
    await byTest(page, 'welcome-name').filter({ hasText: me.display_name }).waitFor()
  })
})

test('rep at 375 px: a dialog covers the tab bar, nothing floats over it', async () => {
  await withPage('mobile-dialog', { viewport: { width: 375, height: 812 } }, async (page) => {
    await logIn(page, 'rep')
    await byTest(page, 'tab-customers').click()
    await byTest(page, 'entity-create').click()
    const dialog = byTest(page, 'entity-dialog-customer')
    await dialog.locator('[data-test="entity-save"]').waitFor()
    // The dialog's save button is what a tap at its place reaches, not a tab or a floating button.
    const save = await dialog.locator('[data-test="entity-save"]').boundingBox()
    const hit = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-test]')?.getAttribute('data-test'),
      { x: save.x + save.width / 2, y: save.y + save.height / 2 },
    )
    assert.equal(hit, 'entity-save')
    // Where the tab bar is, the dialog is on top.
    const tab = await byTest(page, 'tab-me').boundingBox()
    const under = await page.evaluate(
      ({ x, y }) => !!document.elementFromPoint(x, y)?.closest('[data-test="tab-bar"]'),
      { x: tab.x + tab.width / 2, y: tab.y + tab.height / 2 },
    )
    assert.equal(under, false, 'the tab bar is under the dialog')
    assert.equal(await page.locator('[data-test="quick-log"]').count(), 0)
  })
})
