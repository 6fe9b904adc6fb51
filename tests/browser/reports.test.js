// Weekly reports (SPEC §4, docs/reports.md). On a 375-px phone the rep opens 我的周报 from the
// menu, writes every text section and a goal for next week (autosaved: the API holds the draft),
// and submits, shown on time or late as the API says. The manager, at 1440 px, opens 团队周报 on
// that week, finds the rep handed in, opens the report, comments on it mentioning the rep and
// returns it with a reason. The rep sees the reason and the comment, revises, resubmits; the
// manager sees the second submission and both versions side by side. A second test: a save from
// another window is a conflict that keeps the rep's text (reloaded beside the server's copy), and
// text typed offline is kept on the device and offered back after a reload.
// The week is the server's (GET /api/auth/me today): this week when the rep has not handed it in,
// else the latest week before it without a handed-in report of the rep in the manager's team.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix, isoWeek, recentWeeks, settled, savedOnServer, fitsPhone, PHONE } from './helpers.js'

const SHOTS = new URL('./screenshots/', import.meta.url).pathname
const DESKTOP = { width: 1440, height: 900 }

/** True when the rep may still write the report of `mine` (none yet, or a draft). */
const writable = (mine) => !mine.report || mine.report.status === 'draft'

/**
 * The week the first test writes: this week, or the latest before it, where the rep has not
 * handed a report in and is one of the members the manager's team expects; with that team.
 */
async function weekToWrite(rep, manager, repId) {
  const { user } = await manager.get('/api/auth/me')
  const led = (user.teams ?? []).filter((m) => m.role === 'leader').map((m) => m.team_id)
  for (const period of await recentWeeks(rep, 26)) {
    const mine = await rep.get('/api/reports/mine', { kind: 'week', period })
    if (!writable(mine)) continue
    for (const team of [undefined, ...led]) {
      const week = await manager.get('/api/reports/team-week', team ? { team, period } : { period })
      if (week.members.some((m) => m.user_id === repId)) return { period, mine, team: week.team.id }
    }
  }
  throw new Error('no week in the last 26 the rep could still write in the manager’s team')
}

/** Picks `period` in the week picker of the page `root` (its select, then the option) unless shown. */
async function pickWeek(page, root, testId, period) {
  const shown = byTest(page, root)
  if ((await shown.getAttribute('data-period')) === period) return
  await byTest(page, testId).click()
  await page.locator(`.el-select-dropdown__item[data-test="${testId}-${period}"]:visible`).click()
  await page.waitForFunction(([r, p]) => document.querySelector(`[data-test="${r}"]`)?.dataset.period === p, [root, period])
}




test('a week’s report: the rep writes and submits on a phone, the manager comments and returns it, the rep resubmits', async () => {
  mkdirSync(SHOTS, { recursive: true })
  const rep = await apiAs('rep')
  const manager = await apiAs('manager')
  const repId = (await rep.get('/api/auth/me')).user.id
  const { period, mine, team } = await weekToWrite(rep, manager, repId)
  const texts = mine.template.sections.filter((s) => s.type === 'text')
  assert.ok(texts.length >= 1, 'the template has text sections')
  const hasGoals = mine.template.sections.some((s) => s.type === 'goals')
  const tag = uniqueSuffix()
  const first = Object.fromEntries(texts.map((s) => [s.key, `${s.title}：第一版 ${tag}`]))
  const revised = `${texts[0].title}：按意见补充了客户拜访的细节 ${tag}`
  const note = `请补充拜访细节 ${tag}`
  const reason = `缺少拜访客户的具体情况 ${tag}`

  // ---- the rep, on a phone: 我的 → 我的周报, writes, submits
  let report
  await withPage('reports-rep-write', { viewport: PHONE }, async (page) => {
    await logIn(page, 'rep')
    await byTest(page, 'tab-me').click()
    await byTest(page, 'me-drawer').locator('[data-test="nav-reports-mine"]').click()
    await byTest(page, 'page-report-mine').waitFor()
    await byTest(page, 'report-status').waitFor()
    await pickWeek(page, 'page-report-mine', 'report-period', period)
    // The data block is cards: the KPIs of the week, as the API assembles them.
    for (const k of mine.data.kpis) await byTest(page, `report-kpi-${k.metric}`).waitFor()

    for (const s of texts) await inputByTest(page, `report-section-${s.key}`).fill(first[s.key])
    if (hasGoals) {
      // One goal: 销售额 ¥50,000 (a draft of the demo's may hold others: they go first).
      while (await byTest(page, 'report-goal-delete').count()) await byTest(page, 'report-goal-delete').first().click()
      await byTest(page, 'report-goal-add').click()
      await inputByTest(page, 'report-goal-value').fill('50000')
    }
    await savedOnServer(page)
    // Autosaved: the draft on the server holds what was typed (a goal in 元 kept in 分).
    const draft = (await rep.get('/api/reports/mine', { kind: 'week', period })).report
    assert.equal(draft.status, 'draft')
    for (const s of texts) assert.equal(draft.content[s.key], first[s.key])
    if (hasGoals) assert.deepEqual(draft.next_goals, [{ metric: 'orders_amount', value: 5_000_000 }])
    await fitsPhone(page, 'page-report-mine')
    await settled(page)
    await page.screenshot({ path: `${SHOTS}reports-rep-375.png`, fullPage: true })

    await byTest(page, 'report-submit').click()
    await page.waitForFunction(() => document.querySelector('[data-test="page-report-mine"]')?.dataset.status === 'submitted')
    report = (await rep.get('/api/reports/mine', { kind: 'week', period })).report
    assert.equal(report.status, 'submitted')
    assert.equal(report.submissions, 1)
    assert.equal(report.late, Date.parse(report.submitted_at) > Date.parse(report.deadline))
    const late = byTest(page, 'report-late')
    assert.equal(await late.getAttribute('data-late'), String(report.late))
    assert.equal((await late.innerText()).trim(), report.late ? '迟交' : '按时')
    await fitsPhone(page, 'page-report-mine')
  })

  // ---- the manager, at 1440 px: 团队周报, the rep's report, a comment with @, returned
  await withPage('reports-manager-return', { viewport: DESKTOP }, async (page) => {
    await logIn(page, 'manager')
    await byTest(page, 'nav-reports-team').click()
    await page.waitForFunction(() => document.querySelector('[data-test="page-report-team"]')?.dataset.team)
    // The manager's first team is the rep's in the demo; the week is picked as a person does.
    if ((await byTest(page, 'page-report-team').getAttribute('data-team')) === String(team)) {
      await pickWeek(page, 'page-report-team', 'team-report-period', period)
    } else {
      await page.goto(`/reports/team?team=${team}&period=${period}`)
    }
    const row = page.locator('.el-table__row', { has: page.locator(`[data-test="team-report-member"][data-user="${repId}"]`) })
    await row.waitFor()
    const state = await row.locator('[data-test="team-report-member"]').getAttribute('data-state')
    assert.equal(state, report.late ? 'late' : 'on_time')
    const week = await manager.get('/api/reports/team-week', { team, period })
    for (const key of ['expected', 'on_time', 'late', 'missing', 'pending', 'draft']) {
      assert.equal(Number(await byTest(page, `team-report-count-${key}`).getAttribute('data-value')), week.counts[key], key)
    }

    await row.locator('[data-test="team-report-open"]').click()
    const drawer = byTest(page, 'report-drawer')
    await drawer.locator('[data-test="report-view"][data-status="submitted"]').waitFor()
    for (const s of texts) assert.equal((await drawer.locator(`[data-test="report-view-${s.key}"]`).innerText()).trim(), first[s.key])

    await inputByTest(drawer, 'report-comment-body').fill(note)
    await drawer.locator('[data-test="report-comment-mentions"]').click()
    await page.locator(`.el-select-dropdown__item[data-test="report-mention-${repId}"]:visible`).click()
    await page.keyboard.press('Escape')
    await drawer.locator('[data-test="report-comment-send"]').click()
    await drawer.locator('[data-test="report-comment"]').filter({ hasText: note }).waitFor()

    await drawer.locator('[data-test="report-return-open"]').click()
    await inputByTest(drawer, 'report-return-reason').fill(reason)
    await drawer.locator('[data-test="report-return-submit"]').click()
    await drawer.locator('[data-test="report-view"][data-status="returned"]').waitFor()
    assert.equal((await drawer.locator('[data-test="report-return-reason"]').innerText()).trim(), reason)
    await settled(page)
    await page.screenshot({ path: `${SHOTS}reports-manager-1440.png` })

    const returned = await manager.get(`/api/reports/${report.id}`)
    assert.equal(returned.status, 'returned')
    assert.equal(returned.return_reason, reason)
    const comment = returned.comments.find((c) => c.body === note)
    assert.ok(comment, 'the comment is on the report')
    assert.deepEqual(comment.mentions, [repId])
  })

  // ---- the rep again: the reason and the comment, a revision, resubmitted
  await withPage('reports-rep-resubmit', { viewport: PHONE }, async (page) => {
    await logIn(page, 'rep')
    await page.goto(`/reports/mine?period=${period}`)
    const returned = byTest(page, 'report-returned')
    await returned.waitFor()
    assert.equal((await returned.locator('[data-test="report-return-reason"]').innerText()).trim(), reason)
    await byTest(page, 'report-comment').filter({ hasText: note }).waitFor()
    await settled(page)
    await page.screenshot({ path: `${SHOTS}reports-rep-returned-375.png`, fullPage: true })

    await inputByTest(page, `report-section-${texts[0].key}`).fill(revised)
    await savedOnServer(page)
    assert.equal((await byTest(page, 'report-submit').innerText()).trim(), '重新提交')
    await byTest(page, 'report-submit').click()
    await page.waitForFunction(() => document.querySelector('[data-test="page-report-mine"]')?.dataset.status === 'submitted')
    await byTest(page, 'report-returned').waitFor({ state: 'detached' })
    await fitsPhone(page, 'page-report-mine')

    const again = (await rep.get('/api/reports/mine', { kind: 'week', period })).report
    assert.equal(again.submissions, 2)
    assert.equal(again.late, report.late, 'a resubmission keeps the first hand-in’s on-time flag')
    assert.equal(again.content[texts[0].key], revised)
  })

  // ---- the manager sees the second version beside the first
  await withPage('reports-manager-versions', { viewport: DESKTOP }, async (page) => {
    await logIn(page, 'manager')
    await page.goto(`/reports/team?team=${team}&period=${period}&report=${report.id}`)
    const drawer = byTest(page, 'report-drawer')
    await drawer.locator('[data-test="report-view"][data-status="submitted"]').waitFor()
    assert.equal(await drawer.locator('[data-test="report-submissions"]').getAttribute('data-count'), '2')
    assert.equal((await drawer.locator(`[data-test="report-view-${texts[0].key}"]`).innerText()).trim(), revised)
    await drawer.locator('[data-test="report-versions-open"]').click()
    const versions = byTest(page, 'report-versions').locator('[data-test="report-version"]')
    await page.waitForFunction(() => document.querySelectorAll('[data-test="report-versions"] [data-test="report-version"]').length === 2)
    assert.deepEqual(await versions.evaluateAll((els) => els.map((el) => el.dataset.seq)), ['1', '2'])
    const sectionOf = (i) => versions.nth(i).locator(`[data-test="report-version-${texts[0].key}"] .text`).innerText()
    assert.equal((await sectionOf(0)).trim(), first[texts[0].key])
    assert.equal((await sectionOf(1)).trim(), revised)
    // Side by side: the second version to the right of the first (layout boxes: the dialog may
    // still be zooming in).
    const [a, b] = await versions.evaluateAll((els) => els.map((el) => ({ x: el.offsetLeft, y: el.offsetTop, width: el.offsetWidth })))
    assert.ok(b.x >= a.x + a.width && a.y === b.y, `versions side by side: ${JSON.stringify([a, b])}`)
    await settled(page)
    await page.screenshot({ path: `${SHOTS}reports-manager-versions-1440.png` })

    const list = await manager.get(`/api/reports/${report.id}/versions`)
    assert.deepEqual(list.items.map((v) => v.seq), [1, 2])
  })
})

test('my report keeps what is typed: another window’s save is a conflict, offline text is offered back', async () => {
  const rep = await apiAs('rep')
  let period = null
  let mine = null
  for (const p of (await recentWeeks(rep, 40)).slice(1)) {
    const m = await rep.get('/api/reports/mine', { kind: 'week', period: p })
    if (!m.report) {
      period = p
      mine = m
      break
    }
  }
  assert.ok(period, 'a week without a report of the rep')
  const key = mine.template.sections.find((s) => s.type === 'text').key
  const tag = uniqueSuffix()

  await withPage('reports-rep-conflict', { viewport: PHONE }, async (page) => {
    await logIn(page, 'rep')
    await page.goto(`/reports/mine?period=${period}`)
    await byTest(page, 'report-status').waitFor()
    const box = inputByTest(page, `report-section-${key}`)
    await box.fill(`本窗口 ${tag}`)
    await savedOnServer(page) // the first save creates the draft
    const draft = (await rep.get('/api/reports/mine', { kind: 'week', period })).report
    assert.equal(draft.content[key], `本窗口 ${tag}`)

    // Another window saves first; this window's next save is refused, and says so.
    await rep.patch(`/api/reports/${draft.id}`, { content: { [key]: `另一个窗口 ${tag}` }, version: draft.version })
    await box.fill(`本窗口 改过 ${tag}`)
    const conflict = byTest(page, 'report-conflict')
    await conflict.waitFor({ timeout: 15_000 })
    assert.match(await conflict.innerText(), /另一个窗口已修改了这份周报/)
    assert.equal(await box.inputValue(), `本窗口 改过 ${tag}`, 'the text stays in the box')
    assert.equal((await rep.get(`/api/reports/${draft.id}`)).content[key], `另一个窗口 ${tag}`, 'nothing overwritten')

    // The server's copy loaded, this window's text beside it, taken back with one click.
    await byTest(page, 'report-conflict-reload').click()
    await page.waitForFunction((k) => document.querySelector(`textarea[data-test="report-section-${k}"]`)?.value.startsWith('另一个窗口'), key)
    assert.match(await byTest(page, `report-kept-${key}`).innerText(), new RegExp(`本窗口 改过 ${tag}`))
    await byTest(page, `report-kept-use-${key}`).click()
    await savedOnServer(page)
    assert.equal((await rep.get(`/api/reports/${draft.id}`)).content[key], `本窗口 改过 ${tag}`)
    await byTest(page, 'report-kept-drop').click()

    // Offline: the save fails, the text stays on the device and is offered after a reload.
    await page.route('**/api/reports/*', (route) => (route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.continue()))
    await box.fill(`离线写的 ${tag}`)
    await page.waitForFunction(() => document.querySelector('[data-test="report-save-state"]')?.dataset.state === 'offline', null, { timeout: 15_000 })
    assert.equal((await rep.get(`/api/reports/${draft.id}`)).content[key], `本窗口 改过 ${tag}`)
    await page.reload()
    const offer = byTest(page, 'report-restore')
    await offer.waitFor()
    const offered = await offer.innerText()
    assert.match(offered, /比服务器更新/)
    assert.match(offered, new RegExp(`离线写的 ${tag}`))
    // Back online, the rep takes the device's text; it is saved.
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await byTest(page, 'report-restore-apply').click()
    assert.equal(await inputByTest(page, `report-section-${key}`).inputValue(), `离线写的 ${tag}`)
    await savedOnServer(page)
    assert.equal((await rep.get(`/api/reports/${draft.id}`)).content[key], `离线写的 ${tag}`)
  })
})
