// Printing weekly reports and the notification channels (docs/reports.md).
// The manager opens the print page of a handed-in report and of the team's week: the names, each
// text section, the review and the KPIs as the API gives them; under print media the menu and the
// page's bar are gone and each person's report starts a new A4 page (the PDF has a page per person
// at least); 打印 on 团队周报 opens that page. The admin adds a webhook channel with a secret: the list
// says 已设置密钥, the API's answers never carry the secret and the page never shows it; an edit keeps
// it; a stale edit is a 409 said in words with the channel reloaded; 发送测试消息 queues a message
// that the delivery log shows as queued, as the API does. Screenshots at 375 and 1440 px.
// The week is the server's (GET /api/auth/me today): the latest of the last 12 in which someone in
// the manager's team handed a report in.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix, cutOff, isoWeek, recentWeeks, settled, PHONE } from './helpers.js'

const SHOTS = new URL('./screenshots/', import.meta.url).pathname
const DESKTOP = { width: 1440, height: 900 }

/**
 * The latest week of the manager's team with a reviewed report (else with any handed in):
 * {week, reports (GET /api/reports/{id} of each handed in)}.
 */
async function weekWithReports(manager) {
  let fallback = null
  for (const period of await recentWeeks(manager, 12)) {
    const week = await manager.get('/api/reports/team-week', { period })
    const handedIn = week.members.filter((m) => m.report && m.report.status !== 'draft')
    if (!handedIn.length) continue
    fallback ??= { week, handedIn }
    if (handedIn.some((m) => m.report.rating)) return read(manager, { week, handedIn })
  }
  if (fallback) return read(manager, fallback)
  throw new Error('no week in the last 12 with a handed-in report in the manager’s team')
}
async function read(manager, { week, handedIn }) {
  const reports = []
  for (const m of handedIn) reports.push(await manager.get(`/api/reports/${m.report.id}`))
  return { week, reports }
}


/** The first line of a text, squeezed: what a printed section must contain. */
const firstLine = (text) => String(text).split('\n').map((l) => l.trim()).find(Boolean) ?? ''

/** Checks a printed report (`root` the print-report element) against the API's report. */
async function checkPrinted(root, report) {
  assert.equal((await root.locator('[data-test="print-report-name"]').innerText()).trim(), report.user_name)
  for (const s of report.template.sections) {
    const sec = root.locator(`[data-test="print-section-${s.key}"]`)
    assert.equal(await sec.count(), 1, `section ${s.key} printed`)
    if (s.type === 'text') {
      const text = report.content?.[s.key] ?? ''
      const shown = await sec.innerText()
      assert.ok(shown.includes(text ? firstLine(text) : '（未填写）'), `section ${s.key}: ${shown.slice(0, 80)}`)
    }
  }
  for (const k of report.data?.kpis ?? []) {
    assert.equal(await root.locator(`[data-test="print-kpi-${k.metric}"]`).getAttribute('data-actual'), String(k.actual), k.metric)
  }
  const review = root.locator('[data-test="print-review"]')
  assert.equal(await review.getAttribute('data-rating'), report.rating ? String(report.rating) : '')
  if (report.review_comment) assert.ok((await review.innerText()).includes(firstLine(report.review_comment)))
}

/** Under print media: no menu, no tab bar, no bar of the print page. */
async function printHidesChrome(page) {
  await page.emulateMedia({ media: 'print' })
  for (const id of ['nav-menu', 'tab-bar', 'print-toolbar', 'user-menu']) {
    const el = byTest(page, id)
    if (await el.count()) assert.equal(await el.first().isVisible(), false, `${id} hidden in print`)
  }
  await page.emulateMedia({ media: 'screen' })
}

test('the manager prints a report and the team’s week: names, sections, KPIs, review, a page per person', async () => {
  mkdirSync(SHOTS, { recursive: true })
  const manager = await apiAs('manager')
  const { week, reports } = await weekWithReports(manager)
  const one = reports.find((r) => r.rating) ?? reports[0]
  const teamUrl = `/reports/team/print?team=${week.team.id}&period=${week.period}`

  await withPage('report-print-1440', { viewport: DESKTOP }, async (page) => {
    await logIn(page, 'manager')
    // 打印 on 团队周报 opens the team's print page in a new tab.
    await page.goto(`/reports/team?team=${week.team.id}&period=${week.period}`)
    await byTest(page, 'team-report-counts').waitFor()
    const [popup] = await Promise.all([page.context().waitForEvent('page'), byTest(page, 'team-report-print').click()])
    await popup.waitForURL(/\/reports\/team\/print\?/)
    const opened = new URL(popup.url())
    assert.equal(opened.searchParams.get('team'), String(week.team.id))
    assert.equal(opened.searchParams.get('period'), week.period)
    await popup.close()

    // One report.
    await page.goto(`/reports/${one.id}/print`)
    await page.locator('[data-test="page-report-print"][data-ready="true"]').waitFor()
    await checkPrinted(byTest(page, 'print-report'), one)
    assert.equal(await byTest(page, 'nav-menu').isVisible(), true, 'the menu is there on screen')
    await settled(page)
    await page.screenshot({ path: `${SHOTS}report-print-1440.png`, fullPage: true })
    await printHidesChrome(page)

    // The team's week: the cover names everyone expected, then every handed-in report.
    await page.goto(teamUrl)
    await page.locator('[data-test="page-team-print"][data-ready="true"]').waitFor({ timeout: 20_000 })
    const rows = byTest(page, 'print-team-member')
    assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => [Number(e.dataset.user), e.dataset.state])), week.members.map((m) => [m.user_id, m.state]))
    const names = await rows.evaluateAll((els) => els.map((e) => e.querySelector('td').innerText.trim()))
    assert.deepEqual(names, week.members.map((m) => m.name))
    for (const key of ['expected', 'on_time', 'late', 'reviewed', 'returned', 'draft', 'pending', 'missing']) assert.equal(Number(await byTest(page, `print-count-${key}`).innerText()), week.counts[key], key)
    const printed = byTest(page, 'print-report')
    assert.equal(await printed.count(), reports.length)
    for (const r of reports) await checkPrinted(page.locator(`[data-test="print-report"][data-report="${r.id}"]`), r)
    await settled(page)
    await page.screenshot({ path: `${SHOTS}report-team-print-1440.png`, fullPage: true })

    // On paper: no menu, and a new page before each person (the PDF has a page for each, at least).
    await printHidesChrome(page)
    await page.emulateMedia({ media: 'print' })
    const breaks = await page.locator('.page-break').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakBefore))
    assert.equal(breaks.length, reports.length)
    assert.ok(breaks.every((b) => b === 'page'), `break-before: ${breaks}`)
    await page.screenshot({ path: `${SHOTS}report-team-print-media-1440.png`, fullPage: true })
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
    assert.ok(pages >= 1 + reports.length, `${pages} PDF pages for ${reports.length} reports and the cover`)
  })

  await withPage('report-print-375', { viewport: PHONE }, async (page) => {
    await logIn(page, 'manager')
    await page.goto(`/reports/${one.id}/print`)
    await page.locator('[data-test="page-report-print"][data-ready="true"]').waitFor()
    await checkPrinted(byTest(page, 'print-report'), one)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= PHONE.width, `page is ${width}px wide`)
    await settled(page)
    await page.screenshot({ path: `${SHOTS}report-print-375.png`, fullPage: true })
    await printHidesChrome(page)

    await page.goto(teamUrl)
    await page.locator('[data-test="page-team-print"][data-ready="true"]').waitFor({ timeout: 20_000 })
    assert.equal(await byTest(page, 'print-report').count(), reports.length)
    await settled(page)
    await page.screenshot({ path: `${SHOTS}report-team-print-375.png`, fullPage: true })
  })
})

test('the admin adds a webhook channel with a secret, edits it, sends a test message and finds it in the log', async () => {
  mkdirSync(SHOTS, { recursive: true })
  const admin = await apiAs('admin')
  const tag = uniqueSuffix()
  const name = `周报 webhook ${tag}`
  const renamed = `周报 webhook ${tag} 改`
  const secret = `s3cret-${tag}`
  // Nothing listens there: the message stays queued (retried) rather than sent.
  const url = `http://127.0.0.1:9/fupan-${tag}`
  let channel

  await withPage('channels-1440', { viewport: DESKTOP }, async (page) => {
    await logIn(page, 'admin')
    await byTest(page, 'nav-admin-notifications').click()
    await byTest(page, 'page-notification-channels').waitFor()
    assert.match(await byTest(page, 'channels-when').innerText(), /截止前 2 小时.*截止后 1 小时/)

    // ---- add
    await byTest(page, 'channel-add').click()
    const dialog = byTest(page, 'channel-dialog')
    await dialog.waitFor()
    await byTest(page, 'channel-kind').click()
    await page.locator('.el-select-dropdown__item[data-test="channel-kind-webhook"]:visible').click()
    await inputByTest(page, 'channel-name').fill(name)
    await inputByTest(page, 'channel-url').fill(url)
    await inputByTest(page, 'channel-secret').fill(secret)
    assert.equal(await inputByTest(page, 'channel-secret').getAttribute('type'), 'password')
    await settled(page)
    await page.screenshot({ path: `${SHOTS}channels-dialog-1440.png` })
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/notification-channels'),
      byTest(page, 'channel-save').click(),
    ])
    assert.equal(created.status(), 201)
    channel = await created.json()
    assert.equal('secret' in channel, false, 'the answer carries no secret')
    assert.equal(channel.has_secret, true)
    assert.equal(channel.kind, 'webhook')
    assert.equal(channel.team_id, null)

    const row = page.locator('.el-table__row', { has: page.locator(`[data-test="channel"][data-id="${channel.id}"]`) })
    await row.waitFor()
    assert.equal((await row.locator('[data-test="channel-secret-state"]').innerText()).trim(), '已设置密钥')
    assert.ok((await row.innerText()).includes('Webhook'))
    assert.ok((await row.innerText()).includes('全公司'))
    assert.ok((await row.innerText()).includes(url))
    const listed = (await admin.get('/api/notification-channels')).items.find((c) => c.id === channel.id)
    assert.equal('secret' in listed, false)
    assert.equal(listed.has_secret, true)
    assert.equal((await page.content()).includes(secret), false, 'the page never shows the secret')

    // ---- edit: the secret box is empty (kept unless typed), the name changes
    await row.locator('[data-test="channel-edit"]').click()
    await dialog.waitFor()
    assert.equal(await inputByTest(page, 'channel-secret').inputValue(), '')
    assert.match(await inputByTest(page, 'channel-secret').getAttribute('placeholder'), /已设置密钥/)
    await inputByTest(page, 'channel-name').fill(renamed)
    const [patched] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === `/api/notification-channels/${channel.id}`),
      byTest(page, 'channel-save').click(),
    ])
    assert.equal(patched.status(), 200)
    const sent = patched.request().postDataJSON()
    assert.equal('secret' in sent, false, 'an untouched secret is not sent')
    assert.equal(sent.version, channel.version)
    channel = await patched.json()
    assert.equal('secret' in channel, false)
    assert.equal(channel.has_secret, true, 'the secret is kept')
    assert.equal(channel.name, renamed)
    await row.locator('[data-test="channel"]', { hasText: renamed }).waitFor()

    // ---- a stale edit: someone else saved meanwhile; the 409 is said in words, the channel reloaded
    await row.locator('[data-test="channel-edit"]').click()
    await dialog.waitFor()
    const elsewhere = await admin.patch(`/api/notification-channels/${channel.id}`, { url: `${url}/v2`, secret, version: channel.version })
    await inputByTest(page, 'channel-name').fill(`${renamed}2`)
    await byTest(page, 'channel-save').click()
    const conflict = byTest(page, 'channel-conflict')
    await conflict.waitFor()
    assert.match(await conflict.innerText(), /其他人修改/)
    assert.equal(await inputByTest(page, 'channel-url').inputValue(), `${url}/v2`)
    await settled(page)
    await page.screenshot({ path: `${SHOTS}channels-conflict-1440.png` })
    // A secret goes only where it was given for: another URL asks for it again.
    await inputByTest(page, 'channel-url').fill(`${url}/v3`)
    await byTest(page, 'channel-save').click()
    await dialog.locator('.el-form-item__error', { hasText: '重新输入密钥' }).waitFor()
    await inputByTest(page, 'channel-secret').fill(secret)
    await byTest(page, 'channel-save').click()
    await dialog.waitFor({ state: 'hidden' })
    channel = await admin.get(`/api/notification-channels/${channel.id}`)
    assert.equal(channel.version, elsewhere.version + 1)
    assert.equal(channel.url, `${url}/v3`)
    assert.equal(channel.has_secret, true)

    // ---- a test message: queued, in the log as the API has it
    const [queued] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/notification-channels/${channel.id}/test`),
      row.locator('[data-test="channel-test"]').click(),
    ])
    assert.equal(queued.status(), 202)
    const delivery = await queued.json()
    assert.equal(delivery.event, 'test')
    await page.locator('.el-message', { hasText: '30 秒内' }).waitFor()
    const logged = page.locator(`[data-test="delivery-log"] [data-test="delivery"][data-id="${delivery.id}"]`)
    await logged.waitFor()
    await byTest(page, 'delivery-refresh').click()
    await logged.waitFor()
    const fromApi = (await admin.get('/api/notification-channels/deliveries', { channel: channel.id })).items
    assert.ok(fromApi.length >= 1 && fromApi.every((d) => d.channel_id === channel.id))
    const mine = fromApi.find((d) => d.id === delivery.id)
    assert.equal(mine.status, 'queued')
    assert.equal(await logged.getAttribute('data-status'), 'queued')
    assert.ok(['queued', 'retrying'].includes(await logged.getAttribute('data-state')))
    const shown = await page.locator('[data-test="delivery-log"] [data-test="delivery"]').evaluateAll((els) => els.map((e) => Number(e.dataset.id)))
    // The log shows the channel's deliveries, newest first, as the API has them (a reminder round may
    // have queued one more since the page asked).
    const known = new Set(fromApi.map((d) => d.id))
    assert.ok(shown.length >= 1 && shown.every((id) => known.has(id)), `shown ${shown}`)
    assert.deepEqual(shown, [...shown].sort((a, b) => b - a))
    const state = page.locator('[data-test="delivery-log"] .el-table__row', { has: page.locator(`[data-test="delivery"][data-id="${delivery.id}"]`) }).locator('[data-test="delivery-state"]')
    assert.match((await state.innerText()).trim(), /^(排队中|重试中)$/)
    assert.deepEqual(await cutOff(page), [])
    await settled(page)
    await page.screenshot({ path: `${SHOTS}channels-1440.png`, fullPage: true })
  })

  await withPage('channels-375', { viewport: PHONE }, async (page) => {
    await logIn(page, 'admin')
    await page.goto('/admin/notifications')
    const card = page.locator(`[data-test="channel"][data-id="${channel.id}"]`)
    await card.waitFor()
    assert.equal((await card.locator('[data-test="channel-secret-state"]').innerText()).trim(), '已设置密钥')
    await card.locator('[data-test="channel-log"]').click()
    const logged = page.locator(`[data-test="delivery-log"] [data-test="delivery"][data-channel="${channel.id}"][data-event="test"]`)
    await logged.first().waitFor()
    assert.equal(await byTest(page, 'page-notification-channels').locator('table').count(), 0, 'cards, no table, on a phone')
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= PHONE.width, `page is ${width}px wide`)
    assert.deepEqual(await cutOff(page), [])
    assert.equal((await page.content()).includes(secret), false)
    await settled(page)
    await page.screenshot({ path: `${SHOTS}channels-375.png`, fullPage: true })
    await card.locator('[data-test="channel-edit"]').click()
    await byTest(page, 'channel-dialog').waitFor()
    await settled(page)
    await page.screenshot({ path: `${SHOTS}channels-dialog-375.png` })
  })
})
