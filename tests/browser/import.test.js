// An import of a CSV with one bad row: the page shows that row's line, column, value and reason,
// and nothing is imported; with "skip bad rows" on, the good rows go in and the bad one is listed.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, logIn, apiAs, uniqueSuffix } from './helpers.js'

test('import: a bad row is reported with its line and nothing is imported', async () => {
  const api = await apiAs('manager')
  const tag = uniqueSuffix()
  const csv = [
    '客户名称*,状态,下次跟进,外部编号',
    `导入客户甲 ${tag},线索,2026-12-01,IMP-${tag}-1`,
    `导入客户乙 ${tag},潜在,2026-13-45,IMP-${tag}-2`,
    `导入客户丙 ${tag},prospect,2026-12-05,IMP-${tag}-3`,
  ].join('\r\n')
  const file = { name: `客户-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`${csv}\r\n`) }

  await withPage('import-bad-row', {}, async (page) => {
    await logIn(page, 'manager')
    await byTest(page, 'nav-import').click()
    await page.waitForURL(/\/import/)

    // The kind defaults to customers; skip-bad is off.
    await page.locator('[data-test="import-file"] input[type="file"]').setInputFiles(file)
    await byTest(page, 'import-start').click()

    const errors = byTest(page, 'import-errors')
    await errors.waitFor()
    await byTest(page, 'import-nothing').waitFor()
    const row = errors.locator('.el-table__body tr').filter({ hasText: '2026-13-45' })
    assert.equal(await row.count(), 1)
    const cells = (await row.locator('td').allInnerTexts()).map((s) => s.trim())
    assert.equal(cells[0], '3', `line of ${cells}`)
    assert.equal(cells[1], '下次跟进')
    assert.ok(cells[3].length > 0, 'the row says why')
    assert.equal((await byTest(page, 'import-count-inserted').innerText()).split('\n')[0].trim(), '0')
  })
  assert.equal((await api.get('/api/customers', { q: tag })).total, 0, 'nothing was imported')

  await withPage('import-skip-bad', {}, async (page) => {
    await logIn(page, 'manager')
    await page.goto('/import')
    await page.locator('[data-test="import-file"] input[type="file"]').setInputFiles(file)
    await byTest(page, 'import-skip-bad').click()
    await byTest(page, 'import-start').click()
    await byTest(page, 'import-errors').waitFor()
    assert.equal((await byTest(page, 'import-count-inserted').innerText()).split('\n')[0].trim(), '2')
    assert.equal((await byTest(page, 'import-count-skipped').innerText()).split('\n')[0].trim(), '1')
  })
  assert.equal((await api.get('/api/customers', { q: tag })).total, 2)
})
