// 复盘 (SPEC §5, docs/reviews.md). The manager, at 1440 px, creates a monthly review of 上海一部
// for a past month in which the demo rep won a deal (新建复盘: scope, month, title, the team's
// people as participants), reads its fact pack (live while preparing: the trend and the wins as
// the API gives them), starts the meeting (the pack frozen; an order of the month entered after
// shows as 查看实时数据 beside the frozen figures), writes two cards, pulls in two cases with their
// root causes (a won and a lost deal, or two won ones when nothing was lost), writes the summary,
// adds three action items (one owned by the rep, due in three days; one raising the team's sales
// target of the month, which the goals capability then holds) and closes the review (read only
// after). Its print page has a page per section, as the PDF shows. The 案例库 finds a case by a
// Chinese word of its note, and a lesson on its 经验教训 tab. The rep, on a 375-px phone, reads
// the closed review (downloads it as .xlsx, opens its print page), finds the action item in 我的周报's data
// block (or a day's, when the week is handed in) with its review and marks it done with a note.
// Screenshots of each page at 375 and 1440 go to FUPAN_SHOTS. The month is the latest before the
// server's this month with a deal the rep won.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix, recentWeeks, settled, fitsPhone, PHONE } from './helpers.js'

// FUPAN_SHOTS puts the screenshots elsewhere (e.g. /tmp/shots/ to look at them).
const SHOTS = process.env.FUPAN_SHOTS ? `${process.env.FUPAN_SHOTS.replace(/\/$/, '')}/` : new URL('./screenshots/', import.meta.url).pathname
const DESKTOP = { width: 1440, height: 900 }
const DAY = 86_400_000

const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
/** The month (YYYY-MM) of an instant in Asia/Shanghai, the demo org's zone (UTC+8 all year). */
const shanghaiMonth = (instant) => new Date(Date.parse(instant) + 8 * 3600 * 1000).toISOString().slice(0, 7)


/**
 * A screenshot of the page; `full`: the whole of the main column, which scrolls inside the layout
 * (the window is made as tall as its content for the shot).
 */
async function shot(page, name, { full = true } = {}) {
  await settled(page)
  await page.waitForTimeout(400) // the charts' first animation
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
    await page.waitForTimeout(300) // the charts redraw at the new size
  }
  // The toasts of the steps just taken would cover the page's head.
  await page.screenshot({ path: `${SHOTS}${name}.png`, style: '.el-message { display: none !important; }' })
  if (height > size.height) await page.setViewportSize(size)
}


/** Picks the option `option` (its data-test) of the select `select` (its data-test) inside `root`. */
async function pick(page, root, select, option) {
  await root.locator(`[data-test="${select}"]`).click()
  await page.locator(`.el-select-dropdown__item[data-test="${option}"]:visible`).click()
}

/** Types a date into the date picker `testId` inside `root` and confirms it. */
async function typeDate(root, testId, value) {
  const input = root.locator(`[data-test="${testId}"] .el-date-editor input, [data-test="${testId}"].el-date-editor input, input[data-test="${testId}"]`).first()
  await input.click()
  await input.fill(value)
  await input.press('Enter')
}

/** Confirms the ElMessageBox of class `box`. */
async function confirmBox(page, box) {
  await page.locator(`.${box} .el-message-box__btns .el-button--primary`).click()
}

/** Opens step `step` (prepare, meeting, summary) of the review page. */
async function openStep(page, step) {
  await byTest(page, `review-step-${step}`).click()
  await page.waitForFunction((s) => document.querySelector('[data-test="page-review"]')?.dataset.step === s, step)
}

test('a month’s 复盘: the manager prepares, holds and closes it; the rep completes an action item in the weekly report', async () => {
  mkdirSync(SHOTS, { recursive: true })
  const admin = await apiAs('admin')
  const manager = await apiAs('manager')
  const rep = await apiAs('rep')
  const { today, user: me } = await manager.get('/api/auth/me')
  const repId = (await rep.get('/api/auth/me')).user.id
  const team = me.teams.find((m) => m.team_name === '上海一部')
  assert.ok(team, 'the manager leads 上海一部')
  const scope = `team:${team.team_id}`

  // The month: the latest before this one with a deal the rep won.
  const won = await admin.get('/api/opportunities', { owner_id: repId, status: 'won', sort: '-closed_at', page_size: 200 })
  const deal = won.items.find((o) => o.closed_at && shanghaiMonth(o.closed_at) < today.slice(0, 7))
  assert.ok(deal, 'the demo rep won a deal before this month')
  const month = shanghaiMonth(deal.closed_at)
  const tag = uniqueSuffix()
  const title = `上海一部 ${month} 复盘 ${tag}`
  const notes = { won: `客户关系深厚，决策链清楚 ${tag}`, lost: `报价偏高，竞品降价抢单 ${tag}` }
  const summary = `本月大单集中在老客户，新客户拓展不足 ${tag}`
  const items = [
    { owner: repId, title: `每周拜访三家重点客户 ${tag}`, due: addDays(today, 3), metric: 'visits' },
    { owner: me.id, title: `梳理报价审批流程 ${tag}`, due: addDays(today, 14), metric: 'orders_amount' },
    { owner: me.id, title: `组织一次赢单经验分享 ${tag}`, due: addDays(today, 7), metric: null },
  ]
  let reviewId, wonId
  // The team's sales target of the month, which the second action item raises by ¥1,000.
  await (await apiAs('director')).post('/api/targets', { metric: 'orders_amount', scope, period: month, value: 50_000_000 }).catch(() => {})
  const [target] = (await manager.get('/api/targets', { metric: 'orders_amount', scope, period: month })).items.filter((x) => x.period === month)
  assert.ok(target, `a sales target of 上海一部 for ${month}`)
  items[1].target = { id: target.id, value: target.value + 100_000 }

  // ---- the manager, at 1440 px
  await withPage('reviews-manager', { viewport: DESKTOP }, async (page) => {
    await logIn(page, 'manager')
    await byTest(page, 'nav-reviews').click()
    await byTest(page, 'page-reviews').waitFor()

    // 新建复盘: 上海一部, the month, a title, the team's people taking part.
    await byTest(page, 'review-create').click()
    const dialog = byTest(page, 'review-dialog')
    await dialog.waitFor()
    const scopeShown = (await dialog.locator('[data-test="review-form-scope"]').innerText()).trim()
    if (!scopeShown.includes('上海一部')) {
      await dialog.locator('[data-test="review-form-scope"]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: /^上海一部$/ }).click()
    }
    await typeDate(dialog, 'review-form-period', month)
    // The participants come from the team: the rep among them.
    await dialog.locator('[data-test="review-form-participants"]').getByText('李销售').waitFor()
    await inputByTest(dialog, 'review-form-title').fill(title)
    await settled(page)
    await shot(page, 'review-create-1440', { full: false })
    await byTest(dialog, 'review-form-save').click()
    await page.waitForURL(/\/reviews\/\d+/)
    reviewId = Number(/\/reviews\/(\d+)/.exec(page.url())[1])
    const created = await manager.get(`/api/reviews/${reviewId}`)
    assert.deepEqual([created.scope, created.period, created.title, created.status], [scope, month, title, 'preparing'])
    assert.ok(created.participants.some((p) => p.id === repId), 'the rep takes part')

    // 准备: the live fact pack, as the API assembles it.
    const review = byTest(page, 'page-review')
    await page.waitForFunction(() => document.querySelector('[data-test="page-review"]')?.dataset.step === 'prepare')
    assert.equal(await byTest(page, 'fact-status').getAttribute('data-state'), 'live')
    const facts = created.facts
    for (const x of facts.trend) {
      assert.equal(Number(await review.locator(`[data-test="fact-trend"][data-metric="${x.metric}"]`).getAttribute('data-value')), x.value, x.metric)
    }
    assert.equal(Number(await byTest(page, 'fact-won-count').getAttribute('data-value')), facts.wins_losses.won_count)
    assert.equal(await review.locator('[data-test="fact-won"]').count(), facts.wins_losses.largest_won.length)
    assert.equal(await review.locator('[data-test="fact-target"]').count(), facts.targets.length)
    if (facts.funnel?.bottleneck_stage_id) {
      assert.equal(await byTest(page, 'fact-funnel-bottleneck').getAttribute('data-stage'), String(facts.funnel.bottleneck_stage_id))
    }
    await shot(page, 'review-prepare-1440')

    // 开始复盘会 (confirmed): the pack is frozen, the meeting step opens.
    await byTest(page, 'review-start').click()
    await confirmBox(page, 'review-confirm')
    await page.waitForFunction(() => document.querySelector('[data-test="page-review"]')?.dataset.status === 'meeting')
    assert.equal(await review.getAttribute('data-step'), 'meeting')

    // An order of the month entered after the pack froze: the pack stays, the live numbers differ.
    const customer = await rep.post('/api/customers', { name: `复盘补录客户 ${tag}` })
    await rep.post('/api/orders', { customer_id: customer.id, ordered_at: `${month}-15T10:00:00+08:00`, total: 1_234_500 })
    await openStep(page, 'prepare')
    await page.reload()
    await byTest(page, 'fact-changed').waitFor()
    assert.equal(await byTest(page, 'fact-status').getAttribute('data-state'), 'frozen')
    const sales = () => review.locator('[data-test="fact-trend"][data-metric="orders_amount"]')
    const frozenSales = Number(await sales().getAttribute('data-value'))
    await byTest(page, 'fact-live').click()
    await page.waitForFunction(() => document.querySelector('[data-test="fact-pack"]')?.dataset.live === 'true')
    assert.equal(Number(await sales().getAttribute('data-value')), frozenSales + 1_234_500)
    await sales().locator('[data-test="fact-trend-was"]').waitFor()
    await shot(page, 'review-live-1440', { full: false })
    await openStep(page, 'meeting')

    // Two cards: what went well with the wins, a lesson.
    const cards = [
      { section: 'wins_losses', tone: 'went_well', text: `老客户复购带来大单 ${tag}`, why: '季度初就锁定了续约' },
      { section: 'general', tone: 'lesson', text: `报价前先确认预算 ${tag}`, why: '两单都因预算不足输掉' },
    ]
    for (const [i, c] of cards.entries()) {
      const form = byTest(page, 'card-add-form')
      await pick(page, form, 'card-form-section', `card-section-${c.section}`)
      await form.locator(`[data-test="card-tone-${c.tone}"]`).click()
      await inputByTest(form, 'card-form-text').fill(c.text)
      await inputByTest(form, 'card-form-why').fill(c.why)
      await byTest(form, 'card-add').click()
      await page.waitForFunction((n) => document.querySelectorAll('[data-test="meeting-cards"] [data-test="review-card"]').length === n, i + 1)
    }
    const wcard = page.locator('[data-test="review-card"][data-tone="went_well"]')
    assert.equal(await wcard.getAttribute('data-section'), 'wins_losses')
    assert.equal((await wcard.locator('[data-test="review-card-text"]').innerText()).trim(), cards[0].text)

    // Two cases: the rep's deal when listed (else the largest win), and the largest loss (else another win).
    const frozen = (await manager.get(`/api/reviews/${reviewId}`)).facts.wins_losses
    const wonDeal = frozen.largest_won.find((d) => d.id === deal.id) ?? frozen.largest_won[0]
    const second = frozen.largest_lost[0]
      ? { deal: frozen.largest_lost[0], outcome: 'lost', cause: 'price', note: notes.lost }
      : { deal: frozen.largest_won.find((d) => d.id !== wonDeal.id), outcome: 'won', cause: 'execution', note: `执行到位 ${tag}` }
    assert.ok(wonDeal && second.deal, 'two deals to pull in')
    wonId = wonDeal.id
    const pulls = [{ deal: wonDeal, outcome: 'won', cause: 'relationship', note: notes.won, tags: ['老客户'] }, { ...second, tags: [] }]
    const cases = byTest(page, 'review-cases')
    for (const p of pulls) {
      const row = cases.locator('.el-table__row', { has: page.locator(`[data-test="fact-${p.outcome}"][data-id="${p.deal.id}"]`) })
      await row.locator('[data-test="fact-pull"]').click()
      const box = byTest(page, 'case-dialog')
      await box.waitFor()
      await pick(page, box, 'case-form-cause', `case-cause-${p.cause}`)
      await inputByTest(box, 'case-form-note').fill(p.note)
      for (const x of p.tags) {
        await box.locator('[data-test="case-form-tags"] input').fill(x)
        await box.locator('[data-test="case-form-tags"] input').press('Enter')
      }
      await box.locator('.el-dialog__header').click() // the tags' dropdown closes
      await byTest(box, 'case-save').click()
      await cases.locator(`[data-test="case-card"][data-opportunity="${p.deal.id}"]`).waitFor()
      await box.waitFor({ state: 'hidden' })
    }
    assert.equal(await cases.locator('[data-test="case-card"] [data-test="case-cause"][data-key="relationship"]').count(), 1)
    await shot(page, 'review-meeting-1440')

    // 总结: the summary, three action items.
    await openStep(page, 'summary')
    await inputByTest(page, 'review-summary-text').fill(summary)
    await byTest(page, 'review-summary-save').click()
    await page.waitForFunction(() => document.querySelector('[data-test="review-summary-save"]')?.disabled)
    const addForm = byTest(page, 'action-item-add-form')
    for (const [i, x] of items.entries()) {
      await pick(page, addForm, 'item-form-owner', `item-owner-${x.owner}`)
      await inputByTest(addForm, 'item-form-title').fill(x.title)
      await typeDate(addForm, 'item-form-due', x.due)
      if (x.metric) await pick(page, addForm, 'item-form-metric', `item-metric-${x.metric}`)
      else if (await addForm.locator('[data-test="item-form-metric"] .el-select__clear').count()) {
        await addForm.locator('[data-test="item-form-metric"]').hover()
        await addForm.locator('[data-test="item-form-metric"] .el-select__clear').click()
      }
      if (x.target) {
        // 同时调整目标: the target, its new value in 元.
        await byTest(addForm, 'item-target-on').click()
        await pick(page, addForm, 'item-target-pick', `item-target-${x.target.id}`)
        await inputByTest(addForm, 'item-target-value').fill(String(x.target.value / 100))
        await shot(page, 'review-item-target-1440', { full: false })
      }
      await byTest(addForm, 'action-item-add').click()
      await page.waitForFunction((n) => document.querySelectorAll('[data-test="action-items"] [data-test="action-item"]').length === n, i + 1)
    }
    const saved = await manager.get(`/api/reviews/${reviewId}`)
    assert.equal(saved.summary, summary)
    assert.deepEqual(
      saved.action_items.map((a) => [a.owner_id, a.title, a.due_date, a.metric]).sort(),
      items.map((x) => [x.owner, x.title, x.due, x.metric]).sort(),
    )
    // The target moved with the item, the review its reason.
    const raised = saved.action_items.find((a) => a.title === items[1].title)
    assert.deepEqual([raised.target_id, raised.target_value], [target.id, items[1].target.value])
    const after = await manager.get(`/api/targets/${target.id}`)
    assert.equal(after.value, items[1].target.value)
    assert.ok(after.adjustments.at(-1).reason.includes(title), after.adjustments.at(-1).reason)
    await byTest(page, 'action-items').locator('[data-test="action-item-target"]').first().waitFor()

    // 结束复盘 (confirmed): locked; nothing to add or change any more.
    await byTest(page, 'review-close').click()
    await confirmBox(page, 'review-confirm')
    await page.waitForFunction(() => document.querySelector('[data-test="page-review"]')?.dataset.status === 'closed')
    await byTest(page, 'review-closed').waitFor()
    assert.equal(await byTest(page, 'action-item-add-form').count(), 0)
    assert.equal(await byTest(page, 'review-close').count(), 0)
    assert.equal(await byTest(page, 'action-item-edit').count(), 0)
    await shot(page, 'review-summary-1440')
    await openStep(page, 'meeting')
    assert.equal(await byTest(page, 'card-add-form').count(), 0)
    assert.equal(await byTest(page, 'card-edit').count(), 0)
    assert.equal(await byTest(page, 'case-edit').count(), 0)

    const closed = await manager.get(`/api/reviews/${reviewId}`)
    assert.equal(closed.status, 'closed')

    // 打印: a new tab with the print page; on paper a cover, then a page per section.
    const [popup] = await Promise.all([page.context().waitForEvent('page'), byTest(page, 'review-print').click()])
    await popup.waitForURL(new RegExp(`/reviews/${reviewId}/print`))
    await popup.close()
    await page.goto(`/reviews/${reviewId}/print`)
    await page.locator('[data-test="page-review-print"][data-ready="true"]').waitFor()
    const parts = ['targets', 'trend', 'funnel', 'wins_losses', 'efficiency', 'customers', ...(closed.facts.quadrant ? ['quadrant'] : []), 'pdca', 'general', 'cases', 'summary']
    const printed = page.locator('[data-test="print-review-section"]')
    assert.deepEqual(await printed.evaluateAll((els) => els.map((e) => e.dataset.section)), parts)
    assert.equal((await byTest(page, 'print-review-title').innerText()).trim(), title)
    assert.equal((await byTest(page, 'print-review-summary').innerText()).trim(), summary)
    assert.equal(await page.locator('[data-test="print-review-section"][data-section="cases"] [data-test="case-card"]').count(), 2)
    assert.equal(await byTest(page, 'print-review-item').count(), 3)
    await shot(page, 'review-print-1440')
    await page.emulateMedia({ media: 'print' })
    for (const id of ['nav-menu', 'print-toolbar']) assert.equal(await byTest(page, id).first().isVisible(), false, `${id} hidden in print`)
    const breaks = await printed.evaluateAll((els) => els.map((e) => getComputedStyle(e).breakBefore))
    assert.ok(breaks.every((b) => b === 'page'), `break-before: ${breaks}`)
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
    assert.ok(pages >= 1 + parts.length, `${pages} PDF pages for the cover and ${parts.length} sections`)
    await page.emulateMedia({ media: 'screen' })
    assert.deepEqual(closed.cards.map((c) => [c.section, c.tone, c.text]), cards.map((c) => [c.section, c.tone, c.text]))
    const byDeal = (a, b) => a[0] - b[0]
    assert.deepEqual(
      closed.cases.map((c) => [c.opportunity_id, c.outcome, c.root_cause]).sort(byDeal),
      pulls.map((p) => [p.deal.id, p.outcome, p.cause]).sort(byDeal),
    )

    // The list, and the library found by a Chinese word of a note.
    await page.goto('/reviews')
    await byTest(page, 'review-table').locator(`[data-test="review-row"][data-id="${reviewId}"][data-status="closed"]`).waitFor()
    await shot(page, 'reviews-list-1440')
    await byTest(page, 'review-library').click()
    await byTest(page, 'page-case-library').waitFor()
    await inputByTest(page, 'case-search').fill(`决策链 ${tag}`)
    await page.waitForFunction(() => document.querySelector('[data-test="page-case-library"]')?.dataset.count === '1' && document.querySelector('[data-test="page-case-library"]')?.dataset.loading === 'false')
    assert.equal(await byTest(page, 'case-table').locator(`[data-test="case-card"][data-opportunity="${wonDeal.id}"]`).count(), 1)
    const found = await manager.get('/api/reviews/cases', { q: `决策链 ${tag}` })
    assert.deepEqual(found.items.map((c) => c.opportunity_id), [wonDeal.id])
    await inputByTest(page, 'case-search').fill('')
    await page.waitForFunction(() => document.querySelector('[data-test="page-case-library"]')?.dataset.loading === 'false' && Number(document.querySelector('[data-test="page-case-library"]')?.dataset.count) >= 2)
    await shot(page, 'review-library-1440')

    // 经验教训: the meeting's lesson, found by a word of its why.
    await byTest(page, 'library-view-lessons').click()
    await inputByTest(page, 'case-search').fill(`预算 ${tag}`)
    const lessonCard = closed.cards.find((c) => c.tone === 'lesson')
    await page.waitForFunction((id) => {
      const list = document.querySelector('[data-test="lesson-list"]')
      return list?.dataset.loading === 'false' && list.dataset.count === '1' && !!list.querySelector(`[data-test="lesson"][data-id="${id}"]`)
    }, lessonCard.id)
    assert.match(page.url(), /view=lessons/)
    await shot(page, 'review-lessons-1440')
  })

  // ---- the rep, on a phone: the closed review, then 我的周报's action item, done
  const repItem = (await manager.get(`/api/reviews/${reviewId}`)).action_items.find((a) => a.owner_id === repId)
  await withPage('reviews-rep', { viewport: PHONE }, async (page) => {
    await logIn(page, 'rep')
    await page.goto('/reviews')
    await byTest(page, 'page-reviews').locator(`[data-test="review-row"][data-id="${reviewId}"]`).waitFor()
    await fitsPhone(page)
    await shot(page, 'reviews-list-375')

    await byTest(page, 'page-reviews').locator(`[data-test="review-row"][data-id="${reviewId}"]`).click()
    await page.waitForFunction(() => document.querySelector('[data-test="page-review"]')?.dataset.status === 'closed')
    assert.equal(await byTest(page, 'page-review').getAttribute('data-step'), 'summary')
    assert.equal((await byTest(page, 'review-summary-text').innerText()).trim(), summary)
    assert.equal(await byTest(page, 'review-start').count(), 0)
    await fitsPhone(page)
    await shot(page, 'review-summary-375')
    // 导出: the review as .xlsx.
    const [file] = await Promise.all([page.waitForEvent('download'), byTest(page, 'review-export').click()])
    assert.match(file.suggestedFilename(), /\.xlsx$/)
    await openStep(page, 'prepare')
    assert.equal(await byTest(page, 'fact-status').getAttribute('data-state'), 'frozen')
    await fitsPhone(page)
    await shot(page, 'review-prepare-375')
    await openStep(page, 'meeting')
    await byTest(page, 'review-cases').waitFor()
    await fitsPhone(page)
    await shot(page, 'review-meeting-375')

    await page.goto('/reviews/cases')
    await page.waitForFunction(() => document.querySelector('[data-test="page-case-library"]')?.dataset.loading === 'false')
    // The rep reads the cases of a review they took part in.
    await byTest(page, 'page-case-library').locator(`[data-test="case-card"][data-opportunity="${wonId}"]`).first().waitFor()
    await fitsPhone(page)
    await shot(page, 'review-library-375')
    await byTest(page, 'library-view-lessons').click()
    await page.waitForFunction(() => document.querySelector('[data-test="lesson-list"]')?.dataset.loading === 'false' && Number(document.querySelector('[data-test="lesson-list"]')?.dataset.count) >= 1)
    await fitsPhone(page)
    await shot(page, 'review-lessons-375')

    // The print page reads on a phone too.
    await page.goto(`/reviews/${reviewId}/print`)
    await page.locator('[data-test="page-review-print"][data-ready="true"]').waitFor()
    await fitsPhone(page)
    await shot(page, 'review-print-375')

    // 我的周报 of a week not handed in yet (its data block live: a handed-in one is frozen as it
    // was), else of a day (日报: the same block), as the reports tests may have handed this week in.
    const writable = async (kind, period) => {
      const mine = await rep.get('/api/reports/mine', { kind, period })
      return !mine.report || mine.report.status === 'draft'
    }
    let open = null
    for (const w of await recentWeeks(rep, 8)) if (!open && (await writable('week', w))) open = { kind: 'week', period: w }
    for (let k = 0; !open && k < 60; k++) if (await writable('day', addDays(today, -k))) open = { kind: 'day', period: addDays(today, -k) }
    assert.ok(open, 'a week or a day the rep has not handed in')
    await page.goto(`/reports/mine?kind=${open.kind}&period=${open.period}`)
    const line = byTest(page, 'report-action-item').and(page.locator(`[data-id="${repItem.id}"]`))
    await line.waitFor()
    assert.equal((await line.locator('[data-test="report-action-review"]').innerText()).trim(), title)
    assert.equal(await line.getAttribute('data-overdue'), 'false')
    await line.scrollIntoViewIfNeeded()
    await fitsPhone(page)
    await shot(page, 'review-report-375')
    await line.locator('[data-test="report-action-done"]').click()
    await page.locator('.action-item-done-box textarea').fill(`已拜访三家 ${tag}`)
    await confirmBox(page, 'action-item-done-box')
    await page.waitForFunction((id) => document.querySelector(`[data-test="report-action-item"][data-id="${id}"]`)?.dataset.done === 'true', repItem.id)
    const done = (await rep.get('/api/reviews/action-items', { all: 'true' })).items.find((a) => a.id === repItem.id)
    assert.equal(done.status, 'done')
    assert.equal(done.done_note, `已拜访三家 ${tag}`)
    await shot(page, 'review-report-done-375', { full: false })
  })
})
