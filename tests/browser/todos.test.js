// The manager's to-dos are the team's: grouped by person with the counts GET /api/todos?scope=team
// answers; 催办 on one item reaches the rep (who sees it on their home and marks it read); 完成 and
// 暂缓到… take an item off the list, and the API agrees.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, logIn, apiAs, uniqueSuffix } from './helpers.js'

test('manager: team to-dos by person, 催办 reaches the rep, done and snooze remove items', async () => {
  const manager = await apiAs('manager')
  const rep = await apiAs('rep')
  const repMe = (await rep.get('/api/auth/me')).user
  const team = await manager.get('/api/todos', { scope: 'team' })
  const person = team.people.find((p) => p.user_id === repMe.id)
  assert.ok(person, 'the demo rep has to-dos in the manager’s team')
  const mine = await manager.get('/api/todos', { scope: 'team', owner_id: repMe.id })
  assert.ok(mine.follow_ups.length >= 2, 'the demo rep has overdue follow-ups')
  assert.ok(mine.stalled.length >= 1, 'the demo rep has a stalled opportunity')
  const note = `请今天跟进 ${uniqueSuffix()}`
  const [reminded, doneOne] = mine.follow_ups
  const snoozed = mine.stalled[0]

  await withPage('todos-manager', {}, async (page) => {
    await logIn(page, 'manager')
    // The home's to-do card opens on the team, one row per person, most first, with their counts.
    const list = byTest(page, 'todo-team')
    await list.locator('[data-test="todo-person"]').first().waitFor()
    const names = await list.locator('[data-test="todo-person-name"]').allInnerTexts()
    assert.deepEqual(names, team.people.slice(0, names.length).map((p) => p.name))
    // (The home lists the first five people; the to-do page all of them.)
    let row = list.locator(`[data-test="todo-person"][data-user-id="${repMe.id}"]`)
    if (!(await row.count())) {
      await page.goto('/todos')
      row = byTest(page, 'todo-team').locator(`[data-test="todo-person"][data-user-id="${repMe.id}"]`)
      await row.waitFor()
    }
    assert.equal((await row.locator('[data-test="todo-person-follow-ups"]').innerText()).trim(), `逾期跟进 ${person.follow_ups}`)
    assert.equal((await row.locator('[data-test="todo-person-stalled"]').innerText()).trim(), `停滞商机 ${person.stalled}`)

    // The person opens their items; 催办 on one of them, with a note.
    await row.locator('[data-test="todo-person-toggle"]').click()
    const item = row.locator(`[data-test="todo-follow-up"][data-id="${reminded.id}"]`)
    await item.waitFor()
    await item.locator('[data-test="todo-remind"]').click()
    await page.locator('.el-popover:visible textarea[data-test="remind-note"]').fill(note)
    await page.locator('.el-popover:visible [data-test="remind-send"]').click()
    await item.locator('[data-test="todo-reminded"]').filter({ hasText: '已催办' }).waitFor()

    // 完成: the item leaves the list and the customer is no longer overdue.
    const done = row.locator(`[data-test="todo-follow-up"][data-id="${doneOne.id}"]`)
    await done.locator('[data-test="todo-done"]').click()
    await done.waitFor({ state: 'detached' })
    await row.locator('[data-test="todo-person-follow-ups"]').filter({ hasText: `逾期跟进 ${person.follow_ups - 1}` }).waitFor()

    // 暂缓到 tomorrow: the stalled opportunity leaves the list.
    const stalled = row.locator(`[data-test="todo-stalled"][data-id="${snoozed.id}"]`)
    await stalled.locator('[data-test="todo-snooze"]').click()
    const dialog = page.locator('[data-test="snooze-dialog"]:visible, .el-dialog:visible').first()
    await dialog.locator('[data-test="snooze-tomorrow"]').click()
    await dialog.locator('[data-test="snooze-confirm"]').click()
    await stalled.waitFor({ state: 'detached' })
  })

  const after = await manager.get('/api/todos', { scope: 'team', owner_id: repMe.id })
  assert.ok(!after.follow_ups.some((c) => c.id === doneOne.id), 'the done follow-up is gone')
  assert.ok(!after.stalled.some((o) => o.id === snoozed.id), 'the snoozed opportunity is gone')
  assert.ok(after.follow_ups.find((c) => c.id === reminded.id)?.reminded_at, 'the reminded item says when')

  await withPage('todos-rep', { viewport: { width: 375, height: 812 } }, async (page) => {
    await logIn(page, 'rep')
    // The reminder is on the rep's home, from the manager, with the note; it can be marked read.
    const inbox = byTest(page, 'todo-reminders')
    const reminder = inbox.locator('[data-test="todo-reminder"]').filter({ hasText: note })
    await reminder.waitFor()
    const from = (await manager.get('/api/auth/me')).user.display_name
    assert.ok((await reminder.innerText()).includes(`${from} 催办`), 'names who sent it')
    assert.ok((await reminder.innerText()).includes(reminded.name), 'names the customer')
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 375, `page is ${width}px wide`)
    await inbox.locator('[data-test="todo-reminders-read"]').click()
    await inbox.waitFor({ state: 'detached' })
  })
  const own = await rep.get('/api/todos', { scope: 'own' })
  assert.ok(own.reminders.every((r) => r.read), 'every reminder is read')
})
