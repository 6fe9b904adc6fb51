// A rep on a phone-sized screen: the menu sits behind the hamburger, the home page greets them.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, logIn, currentUser } from './helpers.js'

test('rep at 375 px: hamburger menu and greeting', async () => {
  await withPage('mobile-rep', { viewport: { width: 375, height: 812 } }, async (page) => {
    await logIn(page, 'rep')
    const me = await currentUser(page)
    assert.ok(me.roles.includes('rep'))
    await byTest(page, 'welcome-name').filter({ hasText: me.display_name }).waitFor()

    // Nothing is wider than the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 375, `page is ${width}px wide`)

    // The side menu is hidden until the hamburger opens it.
    assert.equal(await byTest(page, 'nav-home').isVisible(), false)
    await byTest(page, 'nav-toggle').click()
    await byTest(page, 'nav-customers').waitFor({ state: 'visible' })
    assert.equal(await byTest(page, 'nav-admin').count(), 0, 'a rep sees no admin menu')
    await byTest(page, 'nav-customers').click()
    await page.waitForURL(/\/customers/)
    await byTest(page, 'page-customers').waitFor()
    await byTest(page, 'nav-customers').waitFor({ state: 'hidden' })

    await byTest(page, 'nav-toggle').click()
    await byTest(page, 'nav-home').click()
    await byTest(page, 'welcome-name').filter({ hasText: me.display_name }).waitFor()
  })
})
