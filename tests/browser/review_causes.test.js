// 根因选项 (docs/reviews.md): the admin, at 1440 px, keeps the org's root causes from 案例库's
// 管理根因 dialog — adds an own cause, renames it, moves it up a place and switches it off, each
// through the dialog; after each step the API has the cause as the step left it (name, position,
// active) and its version one higher. A stale version is 409 and changes nothing. The manager sees
// no 管理根因 button (and the server refuses them a change). The dialog reads on a 375-px phone.
// Screenshots of the dialog at 1440 and 375 go to FUPAN_SHOTS. The demo server is shared: the
// six built-in causes are left as found (the review tests pick them), the test's own causes are
// left switched off.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { withPage, byTest, inputByTest, logIn, apiAs, uniqueSuffix, settled, fitsPhone, PHONE } from './helpers.js'

// FUPAN_SHOTS puts the screenshots elsewhere (e.g. /tmp/shots/ to look at them).
const SHOTS = process.env.FUPAN_SHOTS ? `${process.env.FUPAN_SHOTS.replace(/\/$/, '')}/` : new URL('./screenshots/', import.meta.url).pathname
const DESKTOP = { width: 1440, height: 900 }
const CAUSES = '/api/reviews/root-causes'

/** A screenshot of the page, the window made as tall as the dialog when it is taller. */
async function shot(page, name) {
  await settled(page)
  const size = page.viewportSize()
  const height = await page.evaluate(() => {
    const box = document.querySelector('[data-test="root-cause-dialog"]')
    return box ? Math.ceil(box.getBoundingClientRect().top + box.scrollHeight) : 0
  })
  if (height > size.height) {
    await page.setViewportSize({ width: size.width, height })
    await settled(page)
  }
  // The toasts of the steps just taken would cover the dialog's head.
  await page.screenshot({ path: `${SHOTS}${name}.png`, style: '.el-message { display: none !important; }' })
  if (height > size.height) await page.setViewportSize(size)
}

/**
 * Resolves once the page has read the list of causes twice more: after each change both the
 * dialog and the library behind it reload it, and the next step must act on the fresh list (the
 * dialog sends the version it last read).
 */
function reloaded(page) {
  return new Promise((resolve) => {
    let seen = 0
    const on = (req) => {
      if (req.method() !== 'GET' || new URL(req.url()).pathname !== CAUSES) return
      if (++seen < 2) return
      page.off('requestfinished', on)
      resolve()
    }
    page.on('requestfinished', on)
  })
}

/** Runs `act` and waits for the one request it sends to `path` by `method` and the reloads after; the answer's JSON. */
async function sends(page, method, path, act) {
  const again = reloaded(page)
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === path),
    act(),
  ])
  assert.ok(res.ok(), `${method} ${path}: ${res.status()}`)
  const body = await res.json()
  await again
  await page.waitForFunction(() => !document.querySelector('[data-test="root-cause-dialog"] .el-loading-mask'))
  return body
}

/** The causes' keys in the dialog's order. */
const shownKeys = (page) => page.locator('[data-test="root-cause-dialog"] [data-test="root-cause"]').evaluateAll((els) => els.map((e) => e.dataset.key))

test('root causes: the admin adds, renames, moves and switches off an own cause; the manager cannot', async () => {
  mkdirSync(SHOTS, { recursive: true })
  const admin = await apiAs('admin')
  const manager = await apiAs('manager')
  const list = async () => (await admin.get(CAUSES)).items
  const before = await list()
  const builtins = before.filter((c) => c.builtin)
  assert.equal(builtins.length, 6, 'six built-in causes')
  const tag = uniqueSuffix()
  const first = `客户预算不足${tag}`
  const renamed = `预算审批延迟${tag}`

  // A neighbour of the test's own, so that moving the cause up swaps two own causes: right after
  // a built-in, moving up would renumber that built-in too.
  const neighbour = await admin.post(CAUSES, { name: `对照根因${tag}` })

  let key
  await withPage('review-causes-admin', { viewport: DESKTOP }, async (page) => {
    // Every refused request of the dialog's (a second save of the name on a stale version would be 409).
    const refused = []
    page.on('response', (r) => r.url().includes(CAUSES) && !r.ok() && refused.push(`${r.request().method()} ${r.url()}: ${r.status()}`))
    await logIn(page, 'admin')
    await byTest(page, 'nav-reviews').click()
    await byTest(page, 'review-library').click()
    await byTest(page, 'page-case-library').waitFor()
    await byTest(page, 'root-causes-open').click()
    const dialog = byTest(page, 'root-cause-dialog')
    await dialog.waitFor()
    // The dialog lists what the API lists, in its order.
    await page.waitForFunction((n) => document.querySelectorAll('[data-test="root-cause-dialog"] [data-test="root-cause"]').length === n, before.length + 1)
    assert.deepEqual(await shownKeys(page), (await list()).map((c) => c.key))
    assert.equal(await dialog.locator('[data-test="root-cause"] .el-tag').count(), 6, 'the built-ins marked 内置')

    // 添加根因: an own cause, active, last, at version 1.
    await inputByTest(dialog, 'root-cause-new').fill(first)
    const made = await sends(page, 'POST', CAUSES, () => byTest(dialog, 'root-cause-add').click())
    key = made.key
    const row = dialog.locator(`[data-test="root-cause"][data-key="${key}"]`)
    await row.waitFor()
    assert.equal(await inputByTest(dialog, 'root-cause-new').inputValue(), '', 'the new name field emptied')
    let cause = (await list()).find((c) => c.key === key)
    assert.deepEqual([cause.name, cause.builtin, cause.active, cause.version], [first, false, true, 1])
    assert.equal(cause.position, neighbour.position + 1, 'added after every other cause')
    assert.equal((await shownKeys(page)).at(-1), key)
    assert.equal(await row.getAttribute('data-active'), 'true')

    // Renamed in place (Enter saves it): the name, version 2; the place and state kept.
    const name = inputByTest(row, 'root-cause-name')
    await name.fill(renamed)
    await sends(page, 'PATCH', `${CAUSES}/${key}`, () => name.press('Enter'))
    cause = (await list()).find((c) => c.key === key)
    assert.deepEqual([cause.name, cause.position, cause.active, cause.version], [renamed, neighbour.position + 1, true, 2])
    assert.equal(await name.inputValue(), renamed)

    // 上移 once: it and the neighbour swap places, each a version more (the cause at 3).
    // The click also leaves the name field, which must not save the name a second time.
    const up = row.getByRole('button', { name: '上移' })
    await sends(page, 'PATCH', `${CAUSES}/${key}`, () => up.click())
    const afterMove = await list()
    cause = afterMove.find((c) => c.key === key)
    const other = afterMove.find((c) => c.key === neighbour.key)
    assert.deepEqual([cause.name, cause.position, cause.active, cause.version], [renamed, neighbour.position, true, 3])
    assert.deepEqual([other.position, other.version], [neighbour.position + 1, neighbour.version + 1])
    const order = await shownKeys(page)
    assert.deepEqual(order, afterMove.map((c) => c.key))
    assert.equal(order.indexOf(key) + 1, order.indexOf(neighbour.key), 'shown just above the neighbour')

    // 停用: no longer offered, version 4, struck through in the list.
    await sends(page, 'PATCH', `${CAUSES}/${key}`, () => row.locator('[data-test="root-cause-active"]').click())
    cause = (await list()).find((c) => c.key === key)
    assert.deepEqual([cause.name, cause.position, cause.active, cause.version], [renamed, neighbour.position, false, 4])
    assert.equal(await row.getAttribute('data-active'), 'false')
    assert.equal(await name.evaluate((el) => getComputedStyle(el).textDecorationLine), 'line-through')
    await shot(page, 'review-causes-1440')
    assert.deepEqual(refused, [])
  })

  // A change on a stale version is refused (409) and changes nothing.
  await assert.rejects(admin.patch(`${CAUSES}/${key}`, { name: first, version: 3 }), /: 409 /)
  assert.deepEqual((await list()).find((c) => c.key === key).version, 4)

  // The manager: no 管理根因 on 案例库, and the server refuses them a change (403 before the
  // version is even looked at).
  await withPage('review-causes-manager', { viewport: DESKTOP }, async (page) => {
    await logIn(page, 'manager')
    await page.goto('/reviews/cases')
    await page.waitForFunction(() => document.querySelector('[data-test="page-case-library"]')?.dataset.loading === 'false')
    assert.equal(await byTest(page, 'root-causes-open').count(), 0)
  })
  await assert.rejects(manager.patch(`${CAUSES}/${key}`, { active: true, version: 4 }), /: 403 /)

  // The dialog on a phone: full screen, nothing wider than the screen.
  await withPage('review-causes-phone', { viewport: PHONE }, async (page) => {
    await logIn(page, 'admin')
    await page.goto('/reviews/cases')
    await byTest(page, 'root-causes-open').click()
    const dialog = byTest(page, 'root-cause-dialog')
    await dialog.locator(`[data-test="root-cause"][data-key="${key}"][data-active="false"]`).waitFor()
    await settled(page)
    await fitsPhone(page)
    const box = await dialog.boundingBox()
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the dialog spans ${box.x}–${box.x + box.width}`)
    // Each row's name field, switch and arrows stay inside the dialog.
    const outside = await dialog.locator('[data-test="root-cause"]').evaluateAll((rows) =>
      rows.flatMap((r) => {
        const right = r.getBoundingClientRect().right
        return [...r.children].filter((el) => el.getBoundingClientRect().right > right + 0.5).map(() => r.dataset.key)
      }),
    )
    assert.deepEqual(outside, [])
    await shot(page, 'review-causes-375')
  })

  // The neighbour switched off too; the built-ins as found, the org's active causes as before.
  const last = (await list()).find((c) => c.key === neighbour.key)
  await admin.patch(`${CAUSES}/${neighbour.key}`, { active: false, version: last.version })
  const after = await list()
  assert.deepEqual(after.filter((c) => c.builtin), builtins)
  assert.deepEqual(after.filter((c) => c.active).map((c) => c.key), before.filter((c) => c.active).map((c) => c.key))
})
