// Daily reports beside the weekly ones (docs/reports.md): once the admin has made a daily template
// for the rep's team (through the API, effective from 40 days back: the days before a template's
// 生效日期 are not expected, which the API shows; the admin's dialog shows that date), the rep, on a 375-px phone, switches 我的周报 to 日报, goes
// back to the latest working day not handed in yet with the arrows, writes the text sections
// (autosaved) and submits; a link to the report opens its day, and a weekend day says no report
// is expected of them. The manager, at 1440 px, switches 团队周报 to 日报 on that day and finds the
// rep's report handed in (the counts as the API has them, the report open in the drawer; the
// members as cards on a phone); 周报统计 switched to 日报 shows the on-time rate of the last 30
// days as the API counts it. The day is the server's (GET /api/auth/me today).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix, settled, savedOnServer, fitsPhone, PHONE } from './helpers.js'

// FUPAN_SHOTS puts the screenshots elsewhere (e.g. /tmp/shots/ to look at them).
const SHOTS = process.env.FUPAN_SHOTS ? `${process.env.FUPAN_SHOTS.replace(/\/$/, '')}/` : new URL('./screenshots/', import.meta.url).pathname
const DESKTOP = { width: 1440, height: 900 }
const DAY = 86_400_000

const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
const weekday = (date) => new Date(`${date}T00:00:00Z`).getUTCDay()

/**
 * The rep's team's daily template, effective from `from`: made once (a second run on the same
 * store finds it, and moves its 生效日期 to `from` when it is not that day).
 */
async function dailyTemplate(admin, team, tag, from) {
  const { items } = await admin.get('/api/report-templates')
  const had = items.find((x) => x.kind === 'day' && x.team_id === team)
  if (had) return had.effective_from === from ? had : admin.patch(`/api/report-templates/${had.id}`, { effective_from: from, version: had.version })
  return admin.post('/api/report-templates', {
    team_id: team,
    kind: 'day',
    name: `销售日报 ${tag}`,
    effective_from: from,
    sections: [
      { key: 'data', title: '今日数据', type: 'data', required: false },
      { key: 'done', title: '今日完成', type: 'text', required: true },
      { key: 'tomorrow', title: '明日安排', type: 'text', required: false },
    ],
  })
}

/**
 * The day the rep writes: the latest before today the rep is expected to report on (a working
 * day: Monday to Friday, not a holiday) and has not handed in, among the members the manager's
 * team expects that day; with that team.
 */
async function dayToWrite(rep, manager, repId, today) {
  for (let k = 1; k <= 40; k++) {
    const period = addDays(today, -k)
    const mine = await rep.get('/api/reports/mine', { kind: 'day', period })
    if (!mine.expected || (mine.report && mine.report.status !== 'draft')) continue
    const day = await manager.get('/api/reports/team-week', { kind: 'day', period })
    if (day.members.some((m) => m.user_id === repId)) return { period, mine, team: day.team.id }
  }
  throw new Error('no working day in the last 40 the rep could still write in the manager’s team')
}

/** Steps the period picker of the page `root` back with its arrow until it shows `period`. */
async function stepBackTo(page, root, testId, period) {
  for (let i = 0; i < 45; i++) {
    const shown = await byTest(page, root).getAttribute('data-period')
    if (shown === period) return
    assert.ok(shown > period, `the picker went past ${period} (${shown})`)
    await byTest(page, `${testId}-prev`).click()
    await page.waitForFunction(([r, p]) => document.querySelector(`[data-test="${r}"]`)?.dataset.period !== p, [root, shown])
  }
  throw new Error(`the picker did not reach ${period}`)
}

/** Switches the page `root` to the kind (its segmented control) and waits for it. */
async function switchKind(page, root, kind) {
  await byTest(page, `report-kind-${kind}`).click()
  await page.waitForFunction(([r, k]) => document.querySelector(`[data-test="${r}"]`)?.dataset.kind === k, [root, kind])
}




/** The on-time rate over the stats' periods as the page sums them: on time ÷ (expected − pending). */
function rateOf(periods) {
  const sum = (k) => periods.reduce((n, x) => n + (x[k] ?? 0), 0)
  const due = sum('expected') - sum('pending')
  return due > 0 ? sum('on_time') / due : null
}

test('a daily report: the rep switches to 日报 and hands a working day’s in on a phone, the manager finds it on the team’s day and in the statistics', async () => {
  mkdirSync(SHOTS, { recursive: true })
  const admin = await apiAs('admin')
  const rep = await apiAs('rep')
  const manager = await apiAs('manager')
  const { user, today } = await rep.get('/api/auth/me')
  const repTeam = user.teams?.[0]?.team_id
  assert.ok(repTeam, 'the demo rep is in a team')
  const tag = uniqueSuffix()
  // Effective from 40 days back, so there is a past working day to write on any date.
  const from = addDays(today, -40)
  const template = await dailyTemplate(admin, repTeam, tag, from)
  assert.equal(template.effective_from, from, 'the template takes effect from the day given')
  // The working day before it: not expected (introducing daily reports makes no day before missing).
  let before = addDays(from, -1)
  while (weekday(before) === 0 || weekday(before) === 6) before = addDays(before, -1)
  const early = await rep.get('/api/reports/mine', { kind: 'day', period: before })
  assert.equal(early.expected, false, `${before}, before the template's 生效日期, is not expected`)

  const { period, mine, team } = await dayToWrite(rep, manager, user.id, today)
  assert.ok(weekday(period) >= 1 && weekday(period) <= 5, `${period} is a working day`)
  assert.ok(mine.kinds.includes('day') && mine.kinds.includes('week'), 'the rep now writes daily and weekly reports')
  assert.equal(mine.template.id, template.id, 'the team’s daily template applies')
  const texts = mine.template.sections.filter((s) => s.type === 'text')
  const written = Object.fromEntries(texts.map((s) => [s.key, `${s.title}：拜访了三家客户 ${tag}`]))
  // The Sunday before the day written: nothing expected of the rep there.
  const sunday = addDays(period, -weekday(period))

  // ---- the admin, at 1440 px: 报告模板 lists the daily template's 生效日期, its dialog shows it
  await withPage('reports-kinds-admin', { viewport: DESKTOP }, async (page) => {
    await logIn(page, 'admin')
    await page.goto('/reports/stats?tab=templates')
    const row = page.locator('.el-table__row', { has: page.locator(`[data-test="report-template"][data-id="${template.id}"]`) })
    await row.waitFor()
    assert.equal((await row.locator('[data-test="report-template-effective"]').innerText()).trim(), from)
    await row.locator('[data-test="report-template-edit"]').click()
    const date = inputByTest(page, 'template-effective-from')
    await date.waitFor()
    assert.equal(await date.inputValue(), from)
    assert.match(await byTest(page, 'template-effective-hint').innerText(), /之前的日期不计为未交/)
    await settled(page)
    await page.screenshot({ path: `${SHOTS}reports-kinds-template-1440.png` })
    // On a phone the dialog fills the screen.
    await page.setViewportSize(PHONE)
    await settled(page)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= PHONE.width, `page is ${width}px wide`)
    await page.screenshot({ path: `${SHOTS}reports-kinds-template-375.png` })
    await page.setViewportSize(DESKTOP)
    await byTest(page, 'template-cancel').click()
    await byTest(page, 'template-name').waitFor({ state: 'detached' })

    // A new daily template starts from today; a weekly one has no 生效日期.
    await byTest(page, 'report-template-new').click()
    await byTest(page, 'template-name').waitFor()
    assert.equal(await byTest(page, 'template-effective-from').count(), 0, 'a weekly template is written always')
    await byTest(page, 'template-kind').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '日报' }).click()
    await date.waitFor()
    assert.equal(await date.inputValue(), today, 'a new daily template takes effect today')
    await byTest(page, 'template-cancel').click()
    await byTest(page, 'template-name').waitFor({ state: 'detached' })
  })

  // ---- the rep, on a phone: 我的 → 我的周报, 日报, back to the day, writes, submits
  let report
  await withPage('reports-kinds-rep', { viewport: PHONE }, async (page) => {
    await logIn(page, 'rep')
    await byTest(page, 'tab-me').click()
    await byTest(page, 'me-drawer').locator('[data-test="nav-reports-mine"]').click()
    const root = byTest(page, 'page-report-mine')
    await root.waitFor()
    await byTest(page, 'report-kind').waitFor()
    await switchKind(page, 'page-report-mine', 'day')
    assert.equal(await root.getAttribute('data-period'), today, 'a switch to 日报 opens today')
    assert.equal((await root.locator('h2').innerText()).trim(), '我的日报')
    assert.match(page.url(), /kind=day/, 'the kind is in the URL')
    await stepBackTo(page, 'page-report-mine', 'report-period', period)
    await page.locator(`[data-test="page-report-mine"][data-period="${period}"] [data-section="${texts[0].key}"]`).waitFor()
    assert.equal(await byTest(page, 'report-not-expected').count(), 0, 'a working day’s report is expected')
    // The template's titles, as the admin wrote them.
    for (const s of texts) assert.equal((await page.locator(`label[for="report-${s.key}"]`).innerText()).replace('*', '').trim(), s.title)

    for (const s of texts) await inputByTest(page, `report-section-${s.key}`).fill(written[s.key])
    await savedOnServer(page)
    const draft = (await rep.get('/api/reports/mine', { kind: 'day', period })).report
    assert.equal(draft.kind, 'day')
    assert.equal(draft.status, 'draft')
    for (const s of texts) assert.equal(draft.content[s.key], written[s.key])
    assert.equal((await byTest(page, 'report-submit').innerText()).trim(), '提交日报')
    await fitsPhone(page, 'page-report-mine')
    await settled(page)
    // The main column scrolls (the menu bars stay): its top, then the text sections.
    await page.locator('main').evaluate((el) => el.scrollTo(0, 0))
    await page.screenshot({ path: `${SHOTS}reports-kinds-rep-375.png` })
    await inputByTest(page, `report-section-${texts[0].key}`).scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}reports-kinds-rep-text-375.png` })

    await byTest(page, 'report-submit').click()
    await page.waitForFunction(() => document.querySelector('[data-test="page-report-mine"]')?.dataset.status === 'submitted')
    report = (await rep.get('/api/reports/mine', { kind: 'day', period })).report
    assert.equal(report.status, 'submitted')
    assert.equal(report.late, Date.parse(report.submitted_at) > Date.parse(report.deadline))
    assert.equal(await byTest(page, 'report-late').getAttribute('data-late'), String(report.late))
    await fitsPhone(page, 'page-report-mine')

    // The calendar marks the day handed in.
    await page.locator('main').evaluate((el) => el.scrollTo(0, 0))
    await byTest(page, 'report-period').click()
    await page.locator('.report-period-popper td.rp-submitted').first().waitFor()
    await settled(page)
    await page.screenshot({ path: `${SHOTS}reports-kinds-rep-calendar-375.png` })
    await page.keyboard.press('Escape')

    // A link to the report (a comment's reminder) opens its kind and day.
    await page.goto(`/reports/mine?report=${report.id}`)
    await page.locator(`[data-test="page-report-mine"][data-kind="day"][data-period="${period}"][data-status="submitted"]`).waitFor()

    // A weekend day's link (its label says 日报): nothing expected, writing still allowed.
    await page.goto(`/reports/mine?period=${sunday}`)
    await page.locator(`[data-test="page-report-mine"][data-kind="day"][data-period="${sunday}"]`).waitFor()
    const note = byTest(page, 'report-not-expected')
    await note.waitFor()
    assert.match(await note.innerText(), /休息日/)
    await inputByTest(page, `report-section-${texts[0].key}`).waitFor()
    await settled(page)
    await page.screenshot({ path: `${SHOTS}reports-kinds-rep-weekend-375.png` })
  })

  // ---- the manager, at 1440 px: 团队周报 → 日报, the day, the rep handed in
  await withPage('reports-kinds-manager', { viewport: DESKTOP }, async (page) => {
    await logIn(page, 'manager')
    await byTest(page, 'nav-reports-team').click()
    await page.waitForFunction(() => document.querySelector('[data-test="page-report-team"]')?.dataset.team)
    if ((await byTest(page, 'page-report-team').getAttribute('data-team')) !== String(team)) await page.goto(`/reports/team?team=${team}`)
    await byTest(page, 'report-kind').waitFor()
    await switchKind(page, 'page-report-team', 'day')
    assert.equal((await byTest(page, 'page-report-team').locator('h2').innerText()).trim(), '团队日报')
    await stepBackTo(page, 'page-report-team', 'team-report-period', period)

    const state = report.late ? 'late' : 'on_time'
    const row = page.locator('.el-table__row', { has: page.locator(`[data-test="team-report-member"][data-user="${user.id}"][data-state="${state}"]`) })
    await row.waitFor()
    const day = await manager.get('/api/reports/team-week', { team, kind: 'day', period })
    assert.equal(day.kind, 'day')
    for (const key of ['expected', 'on_time', 'late', 'missing', 'pending', 'draft']) {
      assert.equal(Number(await byTest(page, `team-report-count-${key}`).getAttribute('data-value')), day.counts[key], key)
    }
    await settled(page)
    await page.screenshot({ path: `${SHOTS}reports-kinds-team-1440.png`, fullPage: true })

    await row.locator('[data-test="team-report-open"]').click()
    const drawer = byTest(page, 'report-drawer')
    await drawer.locator('[data-test="report-view"][data-status="submitted"]').waitFor()
    for (const s of texts) assert.equal((await drawer.locator(`[data-test="report-view-${s.key}"]`).innerText()).trim(), written[s.key])
    await settled(page)
    await page.screenshot({ path: `${SHOTS}reports-kinds-drawer-1440.png` })
    await page.keyboard.press('Escape')

    // The same day on a phone: the members as cards.
    await page.setViewportSize(PHONE)
    await page.locator(`.member-card[data-user="${user.id}"][data-state="${state}"]`).waitFor()
    await fitsPhone(page, 'page-report-team')
    await settled(page)
    await page.screenshot({ path: `${SHOTS}reports-kinds-team-375.png`, fullPage: true })
    await page.setViewportSize(DESKTOP)

    // ---- 周报统计 → 日报: the last 30 days' on-time rate, as the API counts it
    await page.goto(`/reports/stats?team=${team}`)
    await byTest(page, 'report-kind').waitFor()
    await switchKind(page, 'page-report-stats', 'day')
    const stats = await manager.get('/api/reports/stats', { team, kind: 'day', to: today, count: 30 })
    assert.equal(stats.kind, 'day')
    assert.equal(stats.periods.length, 30)
    assert.ok(stats.periods.some((p) => p.period === period && p.expected > 0), 'the day written is counted')
    const rate = rateOf(stats.periods)
    assert.notEqual(rate, null, 'a rate over the working days')
    const summary = byTest(page, 'report-stats-summary')
    await page.waitForFunction((r) => document.querySelector('[data-test="report-stats-summary"]')?.dataset.rate === r, String(rate))
    assert.match(await summary.innerText(), new RegExp(`${(rate * 100).toFixed(1)}%`))
    assert.equal((await byTest(page, 'report-stats-count-30').getAttribute('class')).includes('is-active'), true, '近 30 天 is chosen')
    await byTest(page, 'report-stats-chart').waitFor()
    await page.locator(`[data-test="report-stats-person"][data-user="${user.id}"]`).waitFor()
    await settled(page)
    await page.screenshot({ path: `${SHOTS}reports-kinds-stats-1440.png`, fullPage: true })
  })
})
