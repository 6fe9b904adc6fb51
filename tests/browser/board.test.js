// The manager drags an opportunity across the kanban: the move persists (it is there after a
// reload), and a drop on the lost stage asks for the reason first.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix } from './helpers.js'

test('manager drags an opportunity to another stage on the board', async () => {
  const api = await apiAs('manager')
  const tag = uniqueSuffix()
  const { items: pipelines } = await api.get('/api/pipelines')
  const pipeline = pipelines.find((p) => p.is_default) ?? pipelines[0]
  const open = pipeline.stages.filter((s) => s.kind === 'open').sort((a, b) => a.position - b.position)
  const lost = pipeline.stages.find((s) => s.kind === 'lost')
  const [from, to] = [open[0], open[1]]
  const customer = await api.post('/api/customers', { name: `看板客户 ${tag}` })
  const opp = await api.post('/api/opportunities', {
    name: `看板商机 ${tag}`,
    customer_id: customer.id,
    amount: 8800000,
    expected_close: '2027-03-31',
    pipeline_id: pipeline.id,
    stage_id: from.id,
  })

  // Wide enough for all six columns: a drag that had to scroll the board would start nowhere.
  await withPage('board-drag', { viewport: { width: 1920, height: 1000 } }, async (page) => {
    await logIn(page, 'manager')
    await page.goto('/opportunities?view=board')
    const card = byTest(page, 'board-card').filter({ hasText: opp.name })
    const column = (stage) => page.locator(`[data-test="board-column"][data-stage-id="${stage.id}"]`)
    await column(from).locator('[data-test="board-card"]', { hasText: opp.name }).waitFor()

    // Drag to the next open stage.
    const moved = page.waitForResponse((r) => r.url().includes(`/api/opportunities/${opp.id}`) && r.request().method() === 'PATCH')
    await card.dragTo(column(to))
    assert.equal((await moved).status(), 200)
    await column(to).locator('[data-test="board-card"]', { hasText: opp.name }).waitFor()

    // After a reload the card is still there, and the server says so.
    await page.reload()
    await column(to).locator('[data-test="board-card"]', { hasText: opp.name }).waitFor()
    assert.equal(await column(from).locator('[data-test="board-card"]', { hasText: opp.name }).count(), 0)
    assert.equal((await api.get(`/api/opportunities/${opp.id}`)).stage_id, to.id)

    // The lost stage asks why; cancelling leaves the card where it was.
    await card.dragTo(column(lost))
    await byTest(page, 'board-lost-dialog').waitFor()
    await byTest(page, 'board-lost-cancel').click()
    await byTest(page, 'board-lost-dialog').waitFor({ state: 'hidden' })
    await column(to).locator('[data-test="board-card"]', { hasText: opp.name }).waitFor()

    await card.dragTo(column(lost))
    await inputByTest(page, 'board-lost-reason').fill('预算砍掉了')
    await byTest(page, 'board-lost-confirm').click()
    await column(lost).locator('[data-test="board-card"]', { hasText: opp.name }).waitFor()
  })

  const fresh = await api.get(`/api/opportunities/${opp.id}`)
  assert.equal(fresh.stage_id, lost.id)
  assert.equal(fresh.status, 'lost')
  assert.equal(fresh.lost_reason, '预算砍掉了')
})
