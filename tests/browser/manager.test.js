// A manager signs in in Chinese, switches to English, looks at the team and signs out.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, logIn, currentUser } from './helpers.js'

test('manager: Chinese, then English, sees the team, logs out', async () => {
  await withPage('manager', {}, async (page) => {
    await page.goto('/')
    // Without a session the app lands on the login page, in Chinese by default.
    await page.waitForURL(/\/login/)
    assert.equal((await byTest(page, 'login-submit').innerText()).replace(/\s/g, ''), '登录')

    await logIn(page, 'manager')
    const me = await currentUser(page)
    assert.ok(me.roles.includes('manager'))
    await assertText(byTest(page, 'welcome-name'), `你好，${me.display_name}`)
    await assertText(byTest(page, 'nav-home'), '首页')
    await assertText(byTest(page, 'nav-team'), '我的团队')
    assert.equal(await byTest(page, 'nav-admin').count(), 0, 'a manager sees no admin menu')

    // Switch to English through the user menu.
    await byTest(page, 'user-menu').click()
    await byTest(page, 'lang-en').click()
    await assertText(byTest(page, 'welcome-name'), `Hello, ${me.display_name}`)
    await assertText(byTest(page, 'nav-home'), 'Home')
    await assertText(byTest(page, 'nav-team'), 'My team')

    // The team page opens the team the manager leads, with its members.
    const led = me.teams.find((m) => m.role === 'leader') ?? me.teams[0]
    assert.ok(led, 'the demo manager belongs to a team')
    await byTest(page, 'nav-team').click()
    await page.waitForURL(/\/team/)
    await assertText(byTest(page, 'team-card'), led.team_name)
    await assertText(byTest(page, 'team-card'), 'Current members')
    const rows = byTest(page, 'team-member-row')
    await rows.first().waitFor()
    assert.ok((await rows.count()) >= 2, 'the team has the manager and at least one member')
    const names = await byTest(page, 'team-member-name').allInnerTexts()
    assert.ok(names.includes(me.display_name), `members ${names} include ${me.display_name}`)

    // Log out: back to the login page, and the session is gone.
    await byTest(page, 'user-menu').click()
    await byTest(page, 'logout').click()
    await page.waitForURL(/\/login/)
    await byTest(page, 'login-submit').waitFor()
    await page.goto('/team')
    await page.waitForURL(/\/login/)
  })
})

/** Waits until the element's text contains `text`. */
async function assertText(locator, text) {
  await locator.filter({ hasText: text }).first().waitFor()
}
