// The goals pages (SPEC §3). On /goals a year's sales target (this year's, or the next free one
// when the demo has split this year's already) is set when there is none and split equally one
// level down the organisation (the org into its regions as the admin; the director's
// region into its teams, the director not being allowed the org's target); saved, the tree shows
// the children adding up to the parent: their sum equals it and the gap is 0. The director then
// splits the region's year into its months, which add up to it too. 一键分解: the director takes
// a region's year (in a year nobody has set a target in) down to every person's months in one step,
// previewed level by level, saved, each level adding up; on a phone the summary is cards and, with
// every part set already, it warns and will not save. On a phone, a rep's
// 今日计划 takes a task of their own, ticks it done, and still shows it done after a reload.
// Periods come from the server's today (GET /api/auth/me), so the test passes on any date.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix } from './helpers.js'

const TARGET_YUAN = '12000000' // ¥12,000,000 for the year, split into parts by the server

/**
 * This year, or the first year after it, in which none of the parts `scope` splits into has a
 * sales target yet (the demo may have set this year's): a split must be free to save.
 */
async function freeYear(api, scope) {
  const { today } = await api.get('/api/auth/me')
  // The scopes one level down: the org's regions, a region's top teams (as the split makes them).
  const children =
    scope === 'org'
      ? (await api.get('/api/regions', { page_size: 500 })).items.map((r) => `region:${r.id}`)
      : (await api.get('/api/teams', { page_size: 500 })).items
          .filter((t) => `region:${t.region_id}` === scope && !t.parent_id)
          .map((t) => `team:${t.id}`)
  for (let year = Number(today.slice(0, 4)); ; year++) {
    const period = String(year)
    const set = (await api.get('/api/targets', { metric: 'orders_amount', period })).items
    if (!set.some((x) => x.period === period && children.includes(x.scope))) return period
  }
}

/**
 * Opens /goals on this year's orders_amount for `scope`, sets the target from the empty page when
 * there is none, splits it equally down the organisation and saves; then checks the tree's root.
 */
async function setAndSplit(page, username, scope) {
  await logIn(page, username)
  const api = await apiAs(username)
  const year = await freeYear(api, scope)
  await page.goto(`/goals?metric=orders_amount&period=${year}&scope=${encodeURIComponent(scope)}`)
  await byTest(page, 'page-goals').waitFor()

  const existing = (await api.get('/api/targets', { metric: 'orders_amount', scope, period: year })).items.find(
    (x) => x.scope === scope && x.period === year,
  )
  if (!existing) {
    await byTest(page, 'goal-set-root').click()
    const dialog = byTest(page, 'goal-set-dialog')
    await inputByTest(dialog, 'goal-value').fill(TARGET_YUAN)
    await dialog.locator('[data-test="goal-set-save"]').click()
    await dialog.waitFor({ state: 'hidden' })
  }
  const target = (await api.get('/api/targets', { metric: 'orders_amount', scope, period: year })).items.find(
    (x) => x.scope === scope && x.period === year,
  )
  assert.ok(target, `${scope}'s ${year} target is there`)
  if (!existing) assert.equal(target.value, Number(TARGET_YUAN) * 100)

  // 分解 on the root: down the organisation, equally (the dialog's defaults), the preview adding up.
  const rootRow = page.locator('[data-test="goal-tree"] .el-table__row').first()
  await rootRow.locator('[data-test="goal-action-split"]').click()
  const split = byTest(page, 'goal-split-dialog')
  await split.locator('[data-test="goal-split-part"]').first().waitFor()
  assert.equal(await split.locator('[data-test="goal-split-method-equal"]').locator('input').isChecked(), true)
  const parts = await split.locator('[data-test="goal-split-part"]').count()
  assert.ok(parts >= 2, `${scope} splits into ${parts} parts`)
  await split.locator('[data-test="goal-split-sum"]').waitFor()
  await split.locator('[data-test="goal-split-save"]').click()
  await split.waitFor({ state: 'hidden' })

  // The tree: the root's children add up to it exactly, and the gap is 0.
  const root = byTest(page, `goal-node-${scope}`).first()
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.getAttribute('data-gap') === '0',
    `[data-test="goal-tree"] [data-test="goal-node-${scope}"]`,
  )
  assert.equal(Number(await root.getAttribute('data-sum')), target.value)
  assert.equal(await root.getAttribute('data-gap'), '0')
  const tree = await api.get(`/api/targets/${target.id}/tree`)
  assert.equal(tree.root.children_sum, target.value)
  assert.equal(tree.root.gap, 0)
  assert.equal(tree.root.missing, 0)
  assert.equal(tree.root.children.length, parts)
  // Every child's row shows its own target.
  for (const child of tree.root.children) {
    await byTest(page, `goal-node-${child.scope}`).first().waitFor()
  }
  return target
}

/** 分解 the root down the calendar into its months (by working days) and check they add up. */
async function splitIntoMonths(page, target) {
  const rootRow = page.locator('[data-test="goal-tree"] .el-table__row').first()
  await rootRow.locator('[data-test="goal-action-split"]').click()
  const split = byTest(page, 'goal-split-dialog')
  await split.locator('[data-test="goal-split-down-calendar"]').click()
  await split.locator('[data-test="goal-split-into-month"]').click()
  await page.waitForFunction(
    () => document.querySelectorAll('[data-test="goal-split-dialog"] [data-test="goal-split-part"]').length === 12,
  )
  await split.locator('[data-test="goal-split-save"]').click()
  await split.waitFor({ state: 'hidden' })
  const months = byTest(page, 'goal-calendar-month')
  await months.waitFor()
  await page.waitForFunction(() => document.querySelector('[data-test="goal-calendar-month"]')?.getAttribute('data-count') === '12')
  assert.equal(Number(await months.getAttribute('data-sum')), target.value)
  assert.equal(await months.getAttribute('data-gap'), '0')
}

test('admin on /goals: the org year target split equally into the regions adds up (gap 0)', async () => {
  await withPage('goals-admin-split', { viewport: { width: 1440, height: 900 } }, (page) => setAndSplit(page, 'admin', 'org'))
})

test('director on /goals: the region year target split equally into its teams adds up (gap 0)', async () => {
  await withPage('goals-director-split', { viewport: { width: 1440, height: 900 } }, async (page) => {
    const director = await apiAs('director')
    const { user } = await director.get('/api/auth/me')
    // The director may not set the org's target (the server refuses it: 403).
    await assert.rejects(
      director.post('/api/targets', { metric: 'orders_amount', scope: 'org', period: '2000', value: 100 }),
      /403/,
    )
    const target = await setAndSplit(page, 'director', `region:${user.region_id}`)
    // And down the calendar: the region's year into its twelve months, adding up to it.
    await splitIntoMonths(page, target)
  })
})

/** The first year after this one without any sales target in it (nothing above or below). */
async function emptyYear(api) {
  const { today } = await api.get('/api/auth/me')
  for (let year = Number(today.slice(0, 4)) + 1; ; year++) {
    const period = String(year)
    if (!(await api.get('/api/targets', { metric: 'orders_amount', period })).items.length) return period
  }
}

/** The levels of the decomposition the dialog shows: [{depth, kind, count, sum, existing}]. */
const shownLevels = (dialog) =>
  dialog.locator('[data-test="goal-decompose-level"]').evaluateAll((els) =>
    els.map((el) => ({
      depth: Number(el.dataset.depth),
      kind: el.dataset.kind,
      count: Number(el.dataset.count),
      sum: Number(el.dataset.sum),
      existing: Number(el.dataset.existing),
    })),
  )

/** The user nodes of a target tree, depth first. */
const peopleOf = (node) => (node.scope.startsWith('user:') ? [node] : (node.children ?? []).flatMap(peopleOf))

const SHOTS = new URL('./screenshots/', import.meta.url).pathname

test('director on /goals: 一键分解 takes the region\'s year to every person\'s months, each level adding up', async () => {
  await withPage('goals-director-decompose', { viewport: { width: 1440, height: 900 } }, async (page) => {
    mkdirSync(SHOTS, { recursive: true })
    const director = await apiAs('director')
    const { user } = await director.get('/api/auth/me')
    const scope = `region:${user.region_id}`
    // A year nobody has set a target in, and the region's target for it (to the 分: odd on purpose).
    const year = await emptyYear(await apiAs('admin'))
    const target = await director.post('/api/targets', { metric: 'orders_amount', scope, period: year, value: 1_200_000_007 })

    await logIn(page, 'director')
    await page.goto(`/goals?metric=orders_amount&period=${year}&scope=${encodeURIComponent(scope)}`)
    const rootRow = page.locator('[data-test="goal-tree"] .el-table__row').first()
    await rootRow.locator('[data-test="goal-action-decompose"]').click()
    const dialog = byTest(page, 'goal-decompose-dialog')
    await dialog.waitFor()
    assert.match(await dialog.innerText(), /逐级分解到每个下级和每个人/)
    // Save waits for a preview.
    assert.equal(await dialog.locator('[data-test="goal-decompose-save"]').isDisabled(), true)

    // 日历 = 月: the calendar's method appears, seasonality offered (a year into months).
    await dialog.locator('[data-test="goal-decompose-into-month"]').click()
    await dialog.locator('[data-test="goal-decompose-calendar-method-seasonality"]').waitFor()
    assert.equal(await dialog.locator('[data-test="goal-decompose-calendar-method-working_days"] input').isChecked(), true)
    await dialog.locator('[data-test="goal-decompose-preview"]').click()
    await dialog.locator('[data-test="goal-decompose-count"]').waitFor()

    const levels = await shownLevels(dialog)
    const of = (kind) => levels.filter((l) => l.kind === kind)
    const total = (ls, key) => ls.reduce((n, l) => n + l[key], 0)
    assert.ok(of('team').length && of('user').length && of('month').length, `levels: ${JSON.stringify(levels)}`)
    assert.equal(total(levels.filter((l) => l.depth === 1), 'sum'), target.value, 'the first level adds up to the target')
    assert.equal(total(of('month'), 'count'), 12 * total(of('user'), 'count'), 'twelve months a person')
    assert.equal(total(of('month'), 'sum'), total(of('user'), 'sum'), 'the months add up to the people')
    assert.equal(total(levels, 'existing'), 0)
    const count = Number(await dialog.locator('[data-test="goal-decompose-count"]').getAttribute('data-count'))
    assert.equal(count, total(levels, 'count'))
    const text = await dialog.innerText()
    assert.match(text, /团队/)
    assert.match(text, /人员/)
    assert.ok(text.includes(`共 ${count.toLocaleString('zh-CN')} 个目标`), 'the total count is shown')
    await page.screenshot({ path: `${SHOTS}goals-decompose-1440.png` })

    // Save: every part made at once; the tree shows the region's children adding up to it.
    await dialog.locator('[data-test="goal-decompose-save"]').click()
    await page.locator('.el-message--success').filter({ hasText: `已分解 ${count.toLocaleString('zh-CN')} 个目标` }).waitFor()
    await dialog.waitFor({ state: 'hidden' })
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('data-gap') === '0',
      `[data-test="goal-tree"] [data-test="goal-node-${scope}"]`,
    )
    const tree = await director.get(`/api/targets/${target.id}/tree`)
    assert.equal(tree.root.gap, 0)
    assert.equal(tree.root.missing, 0)
    const people = peopleOf(tree.root)
    assert.equal(people.length, total(of('user'), 'count'))
    // A person's months add up to their part of the year.
    const person = people[people.length - 1]
    const theirs = (await director.get('/api/targets', { metric: 'orders_amount', scope: person.scope, period: year })).items
    const months = theirs.filter((x) => x.scope === person.scope && /^\d{4}-\d{2}$/.test(x.period))
    assert.equal(months.length, 12)
    assert.equal(months.reduce((n, x) => n + x.value, 0), person.target.value)

    // On a phone, again: the dialog covers the screen, the summary is cards (no table), and as every
    // part has a target now it says so and will not save.
    await page.setViewportSize({ width: 375, height: 812 })
    await page.reload()
    await byTest(page, 'goal-tree').locator(':scope > .head [data-test="goal-node-menu"]').click()
    await page.locator('[data-test="goal-action-decompose"]:visible').click()
    await dialog.waitFor()
    await dialog.locator('[data-test="goal-decompose-into-month"]').click()
    await dialog.locator('[data-test="goal-decompose-preview"]').click()
    await dialog.locator('[data-test="goal-decompose-existing"]').waitFor()
    assert.match(await dialog.locator('[data-test="goal-decompose-existing"]').innerText(), /设定过.*不能.*保存/)
    assert.equal(await dialog.locator('[data-test="goal-decompose-save"]').isDisabled(), true)
    assert.equal(await dialog.locator('table').count(), 0)
    const again = await shownLevels(dialog)
    assert.equal(total(again, 'existing'), count)
    const box = await dialog.boundingBox()
    assert.ok(box.width <= 375, `dialog is ${box.width}px wide`)
    assert.ok(await dialog.evaluate((el) => el.scrollWidth <= el.clientWidth), 'nothing wider than the dialog')
    await page.screenshot({ path: `${SHOTS}goals-decompose-375.png` })
  })
})

test('rep at 375 px on 今日计划: a task added, ticked done, still done after a reload', async () => {
  await withPage('goals-plan-rep', { viewport: { width: 375, height: 812 } }, async (page) => {
    await logIn(page, 'rep')
    await byTest(page, 'tab-plan').click()
    await page.waitForURL(/\/plan$/)
    await byTest(page, 'plan-tasks').waitFor()
    await byTest(page, 'plan-quotas').waitFor()

    const title = `回访报价 ${uniqueSuffix()}`
    await inputByTest(page, 'plan-task-title').fill(title)
    await byTest(page, 'plan-task-add').click()
    const task = byTest(page, 'plan-task').filter({ hasText: title })
    await task.waitFor()
    assert.equal(await task.getAttribute('data-done'), 'false')
    // Added as important, not urgent (the form's default): in 重要不紧急.
    await byTest(page, 'plan-quadrant-in').locator('[data-test="plan-task"]').filter({ hasText: title }).waitFor()

    await task.locator('[data-test="plan-task-check"]').click()
    await page.waitForFunction((t) => {
      const row = [...document.querySelectorAll('[data-test="plan-task"]')].find((el) => el.textContent.includes(t))
      return row?.getAttribute('data-done') === 'true'
    }, title)

    await page.reload()
    const again = byTest(page, 'plan-task').filter({ hasText: title })
    await again.waitFor()
    assert.equal(await again.getAttribute('data-done'), 'true')

    // A card layout on the phone: nothing wider than the screen, no table.
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 375, `page is ${width}px wide`)
    assert.equal(await page.locator('[data-test="page-plan"] table').count(), 0)
  })
})
