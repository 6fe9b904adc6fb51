import { chromium } from 'playwright-core'
const base = process.env.FUPAN_URL || 'http://127.0.0.1:8092'
const out = process.env.OUT || '/tmp/shots'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
for (const [tag, viewport] of [['d', { width: 1280, height: 800 }], ['m', { width: 375, height: 812 }]]) {
  const ctx = await browser.newContext({ baseURL: base, viewport })
  const page = await ctx.newPage()
  page.on('console', (m) => m.type() !== 'log' && console.log(tag, 'console', m.type(), m.text()))
  page.on('pageerror', (e) => console.log(tag, 'pageerror', e.message))
  await page.goto('/login'); await page.waitForTimeout(500)
  await page.screenshot({ path: `${out}/${tag}-login.png` })
  await page.locator('input[data-test=login-username]').fill('admin')
  await page.locator('input[data-test=login-password]').fill('wrong')
  await page.click('[data-test=login-submit]'); await page.waitForTimeout(500)
  await page.screenshot({ path: `${out}/${tag}-login-error.png` })
  await page.locator('input[data-test=login-password]').fill('fupan-demo')
  await page.click('[data-test=login-submit]'); await page.waitForSelector('[data-test=welcome-card]')
  await page.waitForTimeout(300)
  await page.screenshot({ path: `${out}/${tag}-home.png` })
  if (tag === 'm') { await page.click('[data-test=nav-toggle]'); await page.waitForTimeout(500); await page.screenshot({ path: `${out}/${tag}-drawer.png` }); await page.keyboard.press('Escape'); await page.waitForTimeout(400) }
  for (const p of ['team', 'admin/users', 'admin/teams', 'admin/regions', 'admin/audit', 'goals']) {
    await page.goto('/' + p); await page.waitForTimeout(800)
    await page.screenshot({ path: `${out}/${tag}-${p.replace('/', '-')}.png`, fullPage: true })
  }
  await page.goto('/admin/users'); await page.waitForTimeout(500)
  await page.getByRole('button', { name: '编辑' }).nth(1).click(); await page.waitForTimeout(500)
  await page.screenshot({ path: `${out}/${tag}-user-dialog.png` })
  await page.keyboard.press('Escape'); await page.waitForTimeout(300)
  await page.goto('/admin/teams'); await page.waitForTimeout(500)
  await page.getByText('上海一组', { exact: true }).click(); await page.waitForTimeout(600)
  await page.screenshot({ path: `${out}/${tag}-teams-selected.png`, fullPage: true })
  await page.click('[data-test=user-menu]'); await page.waitForTimeout(400)
  await page.screenshot({ path: `${out}/${tag}-usermenu.png` })
  await ctx.close()
}
await browser.close()
