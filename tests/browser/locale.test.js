// The UI's language: Chinese by default, with the English messages fetched only once English is
// chosen; a choice of English survives a reload, and the reloaded page draws English from its first
// text on (never Chinese words beside English ones), Element Plus's own strings included.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, inputByTest, DEMO_PASSWORD } from './helpers.js'

/** Records in window.__texts every text #app shows while the page loads (each change once). */
function recordTexts(page) {
  return page.addInitScript(() => {
    window.__texts = []
    new MutationObserver(() => {
      const text = document.getElementById('app')?.innerText.trim() ?? ''
      if (text && window.__texts.at(-1) !== text) window.__texts.push(text)
    }).observe(document, { childList: true, subtree: true, characterData: true })
  })
}

const CJK = /[\u3400-\u9fff]/

test('English chosen, then a reload: English from the first text drawn', async () => {
  await withPage('locale-english', {}, async (page) => {
    const english = []
    page.on('request', (r) => /\/assets\/locale-en-/.test(r.url()) && english.push(r.url()))
    await recordTexts(page)

    // Chinese by default, without the English file.
    await page.goto('/login')
    await byTest(page, 'login-submit').filter({ hasText: '登录' }).waitFor()
    assert.deepEqual(english, [], 'the English messages are not fetched for a Chinese page')

    // English chosen: fetched then.
    await byTest(page, 'lang-en').click()
    await byTest(page, 'login-submit').filter({ hasText: 'Sign in' }).waitFor()
    assert.equal(english.length, 1)
    assert.equal(await page.evaluate(() => localStorage.getItem('fupan.locale')), 'en')

    // Reloaded: the English file is fetched once, beside the entry (index.html preloads it), and
    // every text drawn is English (the language switch's own "中文" aside).
    await page.reload()
    await byTest(page, 'login-submit').filter({ hasText: 'Sign in' }).waitFor()
    assert.equal(english.length, 2, `fetched once more: ${english}`)
    const texts = await page.evaluate(() => window.__texts)
    assert.ok(texts.length > 0)
    for (const text of texts) assert.doesNotMatch(text.replaceAll('中文', ''), CJK, `drawn while loading: ${text}`)
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')

    // Signed in and reloaded on the home page (the session cookie kept): its menu in English from
    // the start (names of people and teams are data, and stay as they are).
    await inputByTest(page, 'login-username').fill('manager')
    await inputByTest(page, 'login-password').fill(DEMO_PASSWORD)
    await byTest(page, 'login-submit').click()
    await byTest(page, 'welcome-name').filter({ hasText: 'Hello' }).waitFor()
    await page.reload()
    await byTest(page, 'welcome-name').filter({ hasText: 'Hello' }).waitFor()
    await byTest(page, 'nav-home').filter({ hasText: 'Home' }).waitFor()
    const home = await page.evaluate(() => window.__texts)
    for (const text of home) {
      for (const word of ['首页', '客户', '我的团队', '你好']) assert.ok(!text.includes(word), `"${word}" drawn while loading: ${text.slice(0, 200)}`)
    }

    // Element Plus's own strings are English too: a list's pager.
    await page.goto('/customers')
    const total = byTest(page, 'entity-pager').locator('.el-pagination__total')
    await total.waitFor()
    assert.match(await total.innerText(), /Total/)
  })
})
