// Bringing history in through the import page: an admin imports a team history (memberships) of a
// user the test creates, sees the report's counts and the warnings in Chinese, and importing the
// same file again changes nothing. The page shows the order to bring a company's history in; a
// manager is offered neither users nor memberships. The server's English warnings are recognised.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, logIn, apiAs, uniqueSuffix } from './helpers.js'
import { warningMessage } from '../../web/src/views/io/importer/importWarnings.js'

const count = async (page, name) =>
  (await byTest(page, `import-count-${name}`).innerText()).split('\n')[0].trim()

/** Waits for the finished report whose `name` count reads `value`. */
async function reportWith(page, name, value) {
  await page.locator('[data-test="import-status"][data-state="done"]').waitFor()
  for (let i = 0; i < 100 && (await count(page, name)) !== value; i++) await page.waitForTimeout(100)
}

test('import warnings: the server sentences are recognised', () => {
  assert.deepEqual(
    warningMessage('3 row(s) are dated on days their person was in no team: team and region totals leave them out (import memberships with their start dates, or the users\' 加入日期)'),
    { key: 'importer.warningText.outsideTeams', params: { n: 3 } },
  )
  assert.equal(
    warningMessage('team memberships without 加入日期 start today: facts dated earlier count for no team (add a 加入日期 column, or import memberships with their history)').key,
    'importer.warningText.withoutJoinDate',
  )
  assert.deepEqual(warningMessage('unknown column ignored: 颜色'), {
    key: 'importer.warningText.unknownColumn', params: { column: '颜色' },
  })
  assert.deepEqual(warningMessage('column set by the system, ignored: 客户等级').params, { column: '客户等级' })
  assert.deepEqual(warningMessage('12 more errors are not listed (the first 10000 are)').params, { n: 12 })
  assert.equal(warningMessage('something new'), null)
})

test('import: a team history through the page, and again without changes', async () => {
  const api = await apiAs('admin')
  const tag = uniqueSuffix()
  const username = `hist.${tag}`
  await api.post('/api/users', { username, display_name: `历史 ${tag}`, roles: ['rep'], password: `hist-${tag}-pw` })
  const teams = (await api.get('/api/teams', { page_size: 100 })).items
  const [first, second] = teams.filter((t) => t.parent_id === null)
  const csv = [
    '用户名*,团队*,角色,开始日期*,结束日期,颜色',
    `${username},${first.name},成员,2023-03-01,2024-07-01,红`,
    `${username},${second.name},组长,2024-07-01,,蓝`,
  ].join('\r\n')
  const file = { name: `成员关系-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`${csv}\r\n`) }

  await withPage('import-memberships', {}, async (page) => {
    await logIn(page, 'admin')
    await page.goto('/import')
    // The history order is shown; its second step picks the memberships kind.
    const steps = (await byTest(page, 'import-history').locator('li').allInnerTexts()).map((s) => s.replace(/\s+/g, ''))
    assert.deepEqual(steps, ['1用户（含加入日期）', '2成员关系', '3客户（含创建时间）', '4商机', '5活动', '6订单', '7回款'])
    await byTest(page, 'import-history-memberships').click()
    assert.match(await byTest(page, 'import-kind-note').innerText(), /每行是一段任职/)

    await page.locator('[data-test="import-file"] input[type="file"]').setInputFiles(file)
    await byTest(page, 'import-start').click()
    await reportWith(page, 'inserted', '2')
    assert.equal(await count(page, 'rows'), '2')
    assert.equal(await count(page, 'inserted'), '2')
    assert.equal(await count(page, 'updated'), '0')
    assert.equal(await byTest(page, 'import-errors').count(), 0)
    const warning = byTest(page, 'import-warnings')
    assert.ok(await warning.evaluate((e) => e.classList.contains('el-alert--warning')), 'the warnings stand out')
    assert.match(await warning.innerText(), /无法识别的列，已忽略：颜色/)

    // The same file again: nothing new.
    await page.locator('[data-test="import-file"] input[type="file"]').setInputFiles(file)
    await byTest(page, 'import-start').click()
    await reportWith(page, 'unchanged', '2')
    assert.equal(await count(page, 'inserted'), '0')
    assert.equal(await count(page, 'unchanged'), '2')
  })

  const user = (await api.get('/api/users', { q: username })).items.find((u) => u.username === username)
  const stints = (await api.get('/api/memberships', { user_id: user.id })).items
  assert.deepEqual(
    stints.map((s) => [s.team_id, s.role, s.valid_from, s.valid_to]).sort(),
    [[first.id, 'member', '2023-03-01', '2024-07-01'], [second.id, 'leader', '2024-07-01', null]].sort(),
  )
})

test('import: a manager is offered neither users nor memberships, nor the history order', async () => {
  await withPage('import-manager-kinds', {}, async (page) => {
    await logIn(page, 'manager')
    await page.goto('/import')
    await byTest(page, 'import-kind').click()
    await byTest(page, 'import-kind-customers').waitFor()
    assert.equal(await byTest(page, 'import-kind-users').count(), 0)
    assert.equal(await byTest(page, 'import-kind-memberships').count(), 0)
    assert.equal(await byTest(page, 'import-history').count(), 0)
  })
})
