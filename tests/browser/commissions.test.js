// 提成 (SPEC §5 激励, docs/performance.md). Set up through the API in far-past months no demo data
// touches (May to July of 2018, or of an earlier year when a plan already covers them): a marginal
// plan (0–60 % at 0, 60–100 % at 3 %, from 100 % at 5 %, a bonus), a new rep of 上海一部 with a
// membership from long before (the demo rep's starts two years before today, so it never covers
// those months), their target of May and three orders of theirs in May (120 % of the target).
// Then: (a) the manager at 1440 px opens 提成 for May, finds the rep's row with the figures of
// GET /api/commissions/statements, adds an adjustment through 调整 (the API then has the line) and
// opens the statement; (b) the director at 1440 px approves the month (审批本期, confirmed with the
// count and the sum) and the API says approved, by them; (c) the rep on a 375-px phone opens their
// statement from 我的: the lines are the API's lines (kinds, amounts), nothing is wider than the
// screen, and a tap on a commission line's record opens that order's page; (d) the admin opens
// 提成方案, adds a plan whose second band overlaps the first: the server's refusal shows beside
// that band's start, and once corrected the plan is added with its bands in basis points.
// Screenshots of every page at 375 and 1440 for each role using it go to FUPAN_SHOTS.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix, settled, fitsPhone, PHONE } from './helpers.js'

// FUPAN_SHOTS puts the screenshots elsewhere (e.g. /tmp/shots/ to look at them).
const SHOTS = process.env.FUPAN_SHOTS ? `${process.env.FUPAN_SHOTS.replace(/\/$/, '')}/` : new URL('./screenshots/', import.meta.url).pathname
const DESKTOP = { width: 1440, height: 900 }
const PASSWORD = 'test-pass-2026'

/** A screenshot of the whole main column (it scrolls inside the layout), or of the screen with `full: false`. */
async function shot(page, name, { full = true } = {}) {
  await settled(page)
  await page.waitForTimeout(300)
  const size = page.viewportSize()
  const height = full
    ? await page.evaluate(() => {
        const main = document.querySelector('.el-main')
        return main ? Math.ceil(main.getBoundingClientRect().top + main.scrollHeight) : document.documentElement.scrollHeight
      })
    : size.height
  if (height > size.height) {
    await page.setViewportSize({ width: size.width, height })
    await settled(page)
  }
  await page.screenshot({ path: `${SHOTS}${name}.png`, style: '.el-message { display: none !important; }' })
  if (height > size.height) await page.setViewportSize(size)
}

/** The page as a desktop's (1440) and as a phone's (375) screenshot, back at the size it had. */
async function bothWidths(page, name, opts) {
  const size = page.viewportSize()
  for (const [w, h] of [[DESKTOP.width, DESKTOP.height], [PHONE.width, PHONE.height]]) {
    await page.setViewportSize({ width: w, height: h })
    await settled(page)
    await shot(page, `${name}-${w}`, opts)
  }
  await page.setViewportSize(size)
  await settled(page)
}

/** Types a month into the period picker `testId` and waits for the page (`pageId`) to have loaded it. */
async function pickMonth(page, testId, pageId, month) {
  const input = page.locator(`[data-test="${testId}"] .el-date-editor input`).first()
  await input.click()
  await input.fill(month)
  await input.press('Enter')
  await page.waitForFunction(
    ([id, m]) => {
      const el = document.querySelector(`[data-test="${id}"]`)
      return el?.dataset.period === m && el.dataset.loading === 'false'
    },
    [pageId, month],
  )
  await page.keyboard.press('Escape').catch(() => {})
}

/** Opens 提成 from the side menu on the month. */
async function openCommissions(page, month) {
  await byTest(page, 'nav-commissions').click()
  await byTest(page, 'page-commissions').waitFor()
  await pickMonth(page, 'commission-period', 'page-commissions', month)
}

const covers = (p, from, to) => p.effective_from <= to && (p.effective_to ?? '9999-12-31') >= from
const sum = (list, key) => list.reduce((a, x) => a + (x[key] ?? 0), 0)
const yuan = (fen) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

test('提成: the manager adjusts, the director approves, the rep reads their statement on a phone, the admin’s plan refused at the field', async () => {
  mkdirSync(SHOTS, { recursive: true })
  const admin = await apiAs('admin')
  const manager = await apiAs('manager')
  const director = await apiAs('director')
  const tag = uniqueSuffix()

  // The months: May–July of 2018, or of the latest earlier year no plan covers yet.
  const plans = (await admin.get('/api/commissions/plans')).items
  let year = 2018
  while (plans.some((p) => covers(p, `${year}-05-01`, `${year}-07-31`))) year--
  const may = `${year}-05`
  const plan = await admin.post('/api/commissions/plans', {
    name: `${year} 提成方案 ${tag}`,
    effective_from: `${may}-01`,
    effective_to: `${year}-06-30`,
    base: 'orders',
    mode: 'marginal',
    bands: [
      { from_bp: 0, to_bp: 6000, rate_bp: 0 },
      { from_bp: 6000, to_bp: 10000, rate_bp: 300 },
      { from_bp: 10000, to_bp: null, rate_bp: 500 },
    ],
    target_bonus: 100_000,
    cap: null,
    min_margin_bp: null,
    clawback_unpaid_days: null,
    credit_manager: false,
  })

  // A rep of 上海一部 (the manager's team, in the director's region) since long before those months.
  const team = (await manager.get('/api/auth/me')).user.teams.find((m) => m.team_name === '上海一部')
  assert.ok(team, 'the manager leads 上海一部')
  const username = `comm${tag}`
  const repUser = await admin.post('/api/users', { username, display_name: `孙提成${tag.slice(-3)}`, password: PASSWORD, roles: ['rep'] })
  await admin.post('/api/memberships', { user_id: repUser.id, team_id: team.team_id, valid_from: `${Math.min(2015, year)}-01-01` })
  const repId = repUser.id
  await admin.post('/api/targets', { metric: 'orders_amount', scope: `user:${repId}`, period: may, value: 10_000_000 })
  const rep = await apiAs(username, PASSWORD)
  const customer = await rep.post('/api/customers', { name: `提成测试客户 ${tag}` })
  const orders = []
  for (const total of [4_000_000, 5_000_000, 3_000_000]) {
    orders.push(await rep.post('/api/orders', { customer_id: customer.id, ordered_at: `${may}-10T10:00:00+08:00`, total }))
  }

  // The list holds the people whose membership covers the month: the new rep among them.
  const listed = await manager.get('/api/commissions/statements', { period: may })
  assert.equal(listed.plan?.id, plan.id, 'the plan covers the month')
  const before = listed.items.find((s) => s.user_id === repId)
  assert.ok(before, 'the new rep is on the manager’s list of the month')
  assert.equal(before.credited, 12_000_000)
  assert.equal(before.band, 2)

  // ---- (a) the manager, at 1440 px: the rep's row as the API has it, an adjustment through 调整
  const adjustment = { amount: 50_000, reason: `大客户开拓奖励 ${tag}` }
  await withPage('commissions-manager', { viewport: DESKTOP }, async (page) => {
    await logIn(page, 'manager')
    await openCommissions(page, may)
    const row = page.locator(`[data-test="commission-row"][data-user="${repId}"]`)
    await row.waitFor()
    assert.equal(Number(await row.getAttribute('data-total')), before.total)
    assert.equal(Number(await row.getAttribute('data-credited')), before.credited)
    assert.equal(Number(await row.getAttribute('data-target')), before.target)
    assert.equal(await row.getAttribute('data-approved'), 'false')
    const totals = byTest(page, 'commission-totals')
    assert.equal(Number(await totals.getAttribute('data-total')), sum(listed.items, 'total'))
    assert.equal(Number(await totals.getAttribute('data-people')), listed.items.length)
    assert.match(await byTest(page, 'commission-plan').innerText(), /超额累进/)
    await bothWidths(page, 'commissions-manager')

    // 调整: ¥500 added, with the reason.
    await page.locator(`[data-test="commission-adjust"][data-user="${repId}"]`).click()
    const dialog = byTest(page, 'adjust-dialog')
    await dialog.waitFor()
    await byTest(dialog, 'adjust-kind-add').click()
    await inputByTest(dialog, 'adjust-amount').fill('500')
    await inputByTest(dialog, 'adjust-reason').fill(adjustment.reason)
    await byTest(dialog, 'adjust-after').filter({ hasText: yuan(before.total + adjustment.amount) }).waitFor()
    await shot(page, 'commission-adjust-1440', { full: false })
    await byTest(dialog, 'adjust-save').click()
    await dialog.waitFor({ state: 'hidden' })
    await page.waitForFunction(
      ([id, total]) => document.querySelector(`[data-test="commission-row"][data-user="${id}"]`)?.dataset.total === String(total),
      [repId, before.total + adjustment.amount],
    )
    const after = await manager.get(`/api/commissions/statements/${repId}`, { period: may })
    const line = after.lines.find((l) => l.kind === 'adjustment')
    assert.deepEqual([line?.amount, line?.reason, line?.by_name], [adjustment.amount, adjustment.reason, '钱经理'])
    assert.equal(after.total, before.total + adjustment.amount)

    // The rep's statement from the list.
    await row.click()
    await page.waitForURL(new RegExp(`/commissions/${repId}\\?period=${may}`))
    await page.waitForFunction((m) => document.querySelector('[data-test="page-statement"]')?.dataset.total !== '' && document.querySelector('[data-test="page-statement"]')?.dataset.period === m, may)
    assert.equal(Number(await byTest(page, 'page-statement').getAttribute('data-total')), after.total)
    assert.equal(await page.locator('[data-test="statement-line"]').count(), after.lines.length)
    await bothWidths(page, 'commission-statement-manager')
  })

  // ---- (b) the director, at 1440 px: 审批本期, confirmed with the count and the sum
  await withPage('commissions-director', { viewport: DESKTOP }, async (page) => {
    await logIn(page, 'director')
    await openCommissions(page, may)
    const theirs = await director.get('/api/commissions/statements', { period: may })
    const pending = theirs.items.filter((s) => !s.approved)
    assert.ok(pending.some((s) => s.user_id === repId), 'the rep is in the director’s region')
    await page.locator(`[data-test="commission-row"][data-user="${repId}"]`).waitFor()
    await bothWidths(page, 'commissions-director')

    await byTest(page, 'commission-approve').click()
    const box = page.locator('.commission-confirm')
    await box.waitFor()
    const text = await box.innerText()
    assert.ok(text.includes(`${pending.length} 份`), `the count in: ${text}`)
    assert.ok(text.includes(yuan(sum(pending, 'total'))), `the sum in: ${text}`)
    await shot(page, 'commission-approve-1440', { full: false })
    await box.locator('.el-message-box__btns .el-button--primary').click()
    await page.waitForFunction(
      (id) => document.querySelector(`[data-test="commission-row"][data-user="${id}"]`)?.dataset.approved === 'true',
      repId,
    )
    const approved = await director.get(`/api/commissions/statements/${repId}`, { period: may })
    assert.equal(approved.approved, true)
    assert.equal(approved.approved_by_name, '赵总监')
    assert.ok((await director.get('/api/commissions/statements', { period: may })).items.every((s) => s.approved), 'the whole region approved')
    assert.equal(await byTest(page, 'commission-approve').isDisabled(), true, 'nothing left to approve')

    await page.locator(`[data-test="commission-row"][data-user="${repId}"]`).click()
    await byTest(page, 'statement-approved-by').filter({ hasText: '赵总监' }).waitFor()
    await bothWidths(page, 'commission-statement-director')
  })

  // ---- (c) the rep, on a phone: their statement from 我的, the API's lines, a record opened
  const theirs = await rep.get(`/api/commissions/statements/${repId}`, { period: may })
  await withPage('commissions-rep', { viewport: PHONE }, async (page) => {
    await logIn(page, username, PASSWORD)
    await byTest(page, 'tab-me').click()
    await byTest(page, 'me-drawer').locator('[data-test="nav-commissions"]').click()
    await page.waitForURL(new RegExp(`/commissions/${repId}`))
    await byTest(page, 'page-statement').waitFor()
    await pickMonth(page, 'statement-period', 'page-statement', may)
    await page.waitForFunction(() => document.querySelector('[data-test="page-statement"]')?.dataset.total !== '')
    assert.equal(await byTest(page, 'statement-back').count(), 0, 'a rep has no list to go back to')
    assert.equal(Number(await byTest(page, 'page-statement').getAttribute('data-total')), theirs.total)
    assert.equal(await byTest(page, 'page-statement').getAttribute('data-approved'), 'true')

    const lines = page.locator('[data-test="statement-line"]')
    const shown = await lines.evaluateAll((els) => els.map((e) => [e.dataset.kind, Number(e.dataset.amount)]))
    assert.deepEqual(shown, theirs.lines.map((l) => [l.kind, l.amount]))
    assert.equal(Number(await byTest(page, 'statement-sum').getAttribute('data-sum')), theirs.total, 'the total is the sum of the lines')
    assert.deepEqual(new Set(shown.map(([k]) => k)), new Set(['commission', 'bonus', 'adjustment']))
    await fitsPhone(page, 'statement-lines')
    await byTest(page, 'statement-line-record').first().waitFor()
    await page.waitForTimeout(200)
    await bothWidths(page, 'commission-statement-rep')

    // A tap on a commission line's record opens that order.
    const first = page.locator('[data-test="statement-line"][data-kind="commission"]').filter({ has: page.locator('[data-test="statement-line-record"]') }).first()
    const orderId = await first.getAttribute('data-record')
    assert.ok(orders.some((o) => String(o.id) === orderId), 'the line’s record is one of the rep’s orders')
    await first.locator('[data-test="statement-line-record"]').click()
    await page.waitForURL(new RegExp(`/orders/${orderId}$`))
  })

  // ---- (d) the admin: 提成方案, a new plan with overlapping bands refused at the field
  const name = `${year} 年 7 月方案 ${tag}`
  await withPage('commissions-admin', { viewport: DESKTOP }, async (page) => {
    await logIn(page, 'admin')
    await openCommissions(page, may)
    await page.locator(`[data-test="commission-row"][data-user="${repId}"]`).waitFor()
    await bothWidths(page, 'commissions-admin')

    await byTest(page, 'commission-plans').click()
    const list = byTest(page, 'plans-dialog')
    await list.locator(`[data-test="plan-row"][data-id="${plan.id}"]`).first().waitFor()
    await bothWidths(page, 'commission-plans', { full: false })

    await byTest(list, 'plan-create').click()
    const form = byTest(page, 'plan-form-dialog')
    await form.waitFor()
    await inputByTest(form, 'plan-name').fill(name)
    for (const [id, day] of [['plan-from', `${year}-07-01`], ['plan-to', `${year}-07-31`]]) {
      const input = form.locator(`[data-test="${id}"] input, input[data-test="${id}"]`).first()
      await input.click()
      await input.fill(day)
      await input.press('Enter')
    }
    await byTest(form, 'plan-mode-marginal').click()
    // Three bands, the second starting inside the first (50 % < 60 %).
    const want = [['0', '60', '0'], ['50', '100', '3'], ['100', '', '5']]
    while ((await form.locator('[data-test="plan-band"]').count()) < want.length) await byTest(form, 'plan-band-add').click()
    while ((await form.locator('[data-test="plan-band"]').count()) > want.length) {
      await byTest(form, `plan-band-remove-${(await form.locator('[data-test="plan-band"]').count()) - 1}`).click()
    }
    for (const [i, [from, to, rate]] of want.entries()) {
      await inputByTest(form, `plan-band-from-${i}`).fill(from)
      await inputByTest(form, `plan-band-to-${i}`).fill(to)
      await inputByTest(form, `plan-band-rate-${i}`).fill(rate)
    }
    await inputByTest(form, 'plan-bonus').fill('1000')
    await byTest(form, 'plan-save').click()
    const error = form.locator('[data-test="plan-field-error"][data-field="bands[1].from_bp"]')
    await error.waitFor()
    assert.match(await error.innerText(), /第 2 档/)
    assert.equal(await form.locator('.el-input.is-error [data-test="plan-band-from-1"]').count(), 1, 'the band’s start is marked')
    assert.equal((await admin.get('/api/commissions/plans')).items.some((p) => p.name === name), false, 'nothing added')
    await bothWidths(page, 'commission-plan-error', { full: false })

    // Corrected, it is added with its bands in basis points.
    await inputByTest(form, 'plan-band-from-1').fill('60')
    await byTest(form, 'plan-save').click()
    await form.waitFor({ state: 'hidden' })
    const added = (await admin.get('/api/commissions/plans')).items.find((p) => p.name === name)
    assert.ok(added, 'the plan is added')
    assert.deepEqual(added.bands, [
      { from_bp: 0, to_bp: 6000, rate_bp: 0 },
      { from_bp: 6000, to_bp: 10000, rate_bp: 300 },
      { from_bp: 10000, to_bp: null, rate_bp: 500 },
    ])
    assert.deepEqual([added.effective_from, added.effective_to, added.target_bonus, added.mode], [`${year}-07-01`, `${year}-07-31`, 100_000, 'marginal'])
    await list.locator(`[data-test="plan-row"][data-id="${added.id}"]`).first().waitFor()
  })
})
