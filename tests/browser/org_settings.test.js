// The admin's 组织设置 page: stall days and the comparison basis are saved; a new time zone asks
// first, saying how many records the server counts as moving to another day, and cancelling
// changes nothing while confirming changes it; a version changed meanwhile reloads the page and
// says so; an error about one field shows under that field. Others see no menu entry and are sent
// home. The demo server is shared: the org is left as found (Asia/Shanghai, calendar_days, 14).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, byTest, inputByTest, logIn, apiAs } from './helpers.js'
import { dayShiftExample, offsetLabel, offsetMinutes, searchZones } from '../../web/src/views/org/timeZones.js'

const HOME = { timezone: 'Asia/Shanghai', compare_basis: 'calendar_days', stall_days: 14 }

/** The error a PATCH answers (apiAs throws "PATCH /api/org: 409 {json}"). */
async function patchError(api, body) {
  try {
    await api.patch('/api/org', body)
  } catch (err) {
    return JSON.parse(err.message.slice(err.message.indexOf('{'))).error
  }
  throw new Error('the PATCH was accepted')
}

/** Puts the org back as the other tests expect it. */
async function restore(api) {
  const org = await api.get('/api/org')
  const changes = Object.fromEntries(Object.entries(HOME).filter(([k, v]) => org[k] !== v))
  if (Object.keys(changes).length) await api.patch('/api/org', { ...changes, version: org.version, confirm: true })
}

/** Waits until GET /api/org satisfies `ok` (a save shows before its answer is read back). */
async function orgWhen(api, ok) {
  for (let i = 0; i < 50; i++) {
    const org = await api.get('/api/org')
    if (ok(org)) return org
    await new Promise((r) => setTimeout(r, 100))
  }
  return api.get('/api/org')
}

const save = (page) => byTest(page, 'org-save').click()

async function pickZone(page, id, typed) {
  await byTest(page, 'org-timezone').click()
  await page.keyboard.type(typed)
  await page.locator(`[data-test="org-zone-${id}"]`).click()
}

test('time zones: search, offsets and the example of a record moving day', () => {
  assert.equal(searchZones('')[0], 'Asia/Shanghai')
  assert.deepEqual(searchZones('new york'), ['America/New_York'])
  assert.deepEqual(searchZones('纽约', { 'America/New_York': '纽约' }), ['America/New_York'])
  assert.ok(searchZones('york', {}, ['Asia/Shanghai']).includes('Asia/Shanghai'), 'the chosen zone stays listed')
  assert.equal(offsetLabel(offsetMinutes('Asia/Kolkata', Date.UTC(2026, 0, 1))), 'UTC+5:30')
  assert.equal(offsetLabel(offsetMinutes('America/New_York', Date.UTC(2026, 0, 1))), 'UTC\u22125')
  assert.equal(offsetMinutes('Mars/Olympus'), null)
  // Midnight of 21 November in Shanghai is 11:00 on 20 November in New York; going east, late
  // on the 20th in Shanghai is already the 21st in Tokyo.
  assert.deepEqual(dayShiftExample('Asia/Shanghai', 'America/New_York', 2026, 'en-GB'), {
    fromTime: '21 November at 00:00', toTime: '20 November at 11:00',
  })
  const east = dayShiftExample('Asia/Shanghai', 'Asia/Tokyo', 2026, 'en-GB')
  assert.match(east.fromTime, /^20 November/)
  assert.match(east.toTime, /^21 November/)
  assert.equal(dayShiftExample('Asia/Shanghai', 'Asia/Taipei', 2026, 'en'), null)
})

test('org settings: saved, a time zone change confirmed first, a stale version reloaded', async () => {
  const api = await apiAs('admin')
  await restore(api)
  try {
    await withPage('org-settings', {}, async (page) => {
      await logIn(page, 'admin')
      await byTest(page, 'nav-admin-org').click()
      await page.waitForURL(/\/admin\/org/)
      await byTest(page, 'org-form').waitFor()

      // Stall days and the comparison basis.
      await inputByTest(page, 'org-stall-days').fill('21')
      await byTest(page, 'org-compare-basis-working_days').click()
      await save(page)
      let org = await orgWhen(api, (o) => o.stall_days === 21)
      assert.equal(org.stall_days, 21)
      assert.equal(org.compare_basis, 'working_days')
      assert.equal(org.timezone, 'Asia/Shanghai')

      // A new time zone: the server's count, then cancel → nothing changes.
      const probe = await patchError(api, { version: org.version, timezone: 'America/New_York' })
      assert.equal(probe.code, 'confirmation_required')
      assert.ok(probe.affected > 0, 'the demo has records that move')
      await pickZone(page, 'America/New_York', 'york')
      await save(page)
      const affected = byTest(page, 'org-tz-affected')
      await affected.waitFor()
      assert.ok((await affected.innerText()).includes(probe.affected.toLocaleString('zh-CN')), await affected.innerText())
      assert.match(await byTest(page, 'org-tz-confirm').innerText(), /11月20日/, 'the example names the day it moves to')
      await byTest(page, 'org-tz-cancel').click()
      await affected.waitFor({ state: 'hidden' })
      const after = await api.get('/api/org')
      assert.equal(after.timezone, 'Asia/Shanghai')
      assert.equal(after.version, org.version, 'nothing was written')
      assert.match(await byTest(page, 'org-timezone').innerText(), /^Asia\/Shanghai/, 'the saved zone is shown again')

      // Confirmed, it changes; and back again.
      await pickZone(page, 'America/New_York', 'york')
      await save(page)
      await byTest(page, 'org-tz-confirm-button').click()
      org = await orgWhen(api, (o) => o.timezone === 'America/New_York')
      assert.equal(org.timezone, 'America/New_York')
      await affected.waitFor({ state: 'hidden' })
      await pickZone(page, 'Asia/Shanghai', 'shanghai')
      await save(page)
      await byTest(page, 'org-tz-confirm-button').click()
      org = await orgWhen(api, (o) => o.timezone === 'Asia/Shanghai')
      assert.equal(org.timezone, 'Asia/Shanghai')
      await affected.waitFor({ state: 'hidden' })

      // Someone else saves meanwhile: the page reloads the settings and says so.
      await api.patch('/api/org', { version: org.version, stall_days: 30 })
      await inputByTest(page, 'org-stall-days').fill('14')
      await save(page)
      await byTest(page, 'org-reloaded').waitFor()
      assert.equal(await inputByTest(page, 'org-stall-days').inputValue(), '30')
      assert.equal((await api.get('/api/org')).stall_days, 30)

      // An error about one field is shown under it.
      await inputByTest(page, 'org-name').fill(' ')
      await save(page)
      const error = byTest(page, 'org-field-name').locator('.el-form-item__error')
      await error.waitFor()
      assert.ok((await error.innerText()).length > 0)
    })
  } finally {
    await restore(api)
  }
  const org = await api.get('/api/org')
  assert.deepEqual({ timezone: org.timezone, compare_basis: org.compare_basis, stall_days: org.stall_days }, HOME)
})

test('org settings: only admins see the menu entry and the page', async () => {
  await withPage('org-settings-manager', {}, async (page) => {
    await logIn(page, 'manager')
    await byTest(page, 'nav-menu').waitFor()
    assert.equal(await byTest(page, 'nav-admin-org').count(), 0)
    await page.goto('/admin/org')
    await byTest(page, 'welcome-card').waitFor()
    assert.equal(await byTest(page, 'org-form').count(), 0)
  })
})
