// Every CRM resource keeps to the data scope of SPEC section 1 — for a single read, a write, a list,
// a search and an export — answers a stale version with 409, and audits each change with its
// before and after. One loop over the kinds: the rules are the same for all of them.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  assertNothingWritten, createMembership, createUser, del, discover, expectError, expectStatus, freshSession, get,
  patch, post, request, TEST_PASSWORD,
} from '../lib.mjs';
import { CHANGE, CRM_KINDS, createOwned, crmBase } from '../crm_fixtures.mjs';

let fx;
before(async () => {
  const d = await discover();
  // A rep of 广州团队 (华南区): far from the demo rep in 上海一部 (华东区).
  const far = await createUser();
  await createMembership(far.id, d.team('广州团队').id);
  fx = { d, base: await crmBase(), far: await freshSession(far.username, TEST_PASSWORD) };
  fx.farAs = { token: fx.far.token };
  fx.records = {};
  for (const kind of CRM_KINDS) fx.records[kind] = await createOwned(kind, fx.base);
});

// Ids of every item of a list as `as` (searching with `query` when given).
async function idsOf(as, path) {
  const body = expectStatus(await get(as, path), 200, path);
  return body.items.map((x) => x.id);
}

for (const kind of CRM_KINDS) {
  const shared = kind === 'products';
  test(`${kind}: the demo rep's record is seen by the rep, their manager, the director, analyst and admin`,
    async () => {
      const r = fx.records[kind];
      for (const as of ['rep', 'manager', 'director', 'analyst', 'admin']) {
        expectStatus(await get(as, `/api/${kind}/${r.id}`), 200, `${kind} as ${as}`);
        assert.ok((await idsOf(as, `/api/${kind}?page_size=500&sort=-id`)).includes(r.id), `${kind} list as ${as}`);
      }
    });

  test(`${kind}: a rep of another region ${shared ? 'reads the shared catalogue but' : 'gets 404 and'} ` +
    'changes nothing', async () => {
    const r = fx.records[kind];
    const path = `/api/${kind}/${r.id}`;
    if (shared) {
      expectStatus(await get(fx.farAs, path), 200);
      await assertNothingWritten([path], async () => {
        expectError(await patch(fx.farAs, path, { version: r.version, ...CHANGE[kind] }), 403, 'forbidden');
      }, `${kind} as a far rep`);
      return;
    }
    const missing = await get(fx.farAs, `/api/${kind}/99999999`);
    const hidden = await get(fx.farAs, path);
    expectError(hidden, 404, 'not_found');
    assert.deepEqual(hidden.body, missing.body, 'out of scope looks exactly like absent');
    await assertNothingWritten([path], async () => {
      expectError(await patch(fx.farAs, path, { version: r.version, ...CHANGE[kind] }), 404, 'not_found');
      expectError(await del(fx.farAs, `${path}?version=${r.version}`), 404, 'not_found');
    }, `${kind} as a far rep`);
    assert.ok(!(await idsOf(fx.farAs, `/api/${kind}?page_size=500`)).includes(r.id), 'not in the list');
    // Search and export by its external id: found in scope, nowhere else.
    const ext = `EXT-${kind}-${Date.now()}`;
    const v = expectStatus(await get('admin', path), 200).version;
    expectStatus(await patch('admin', path, { version: v, external_id: ext }), 200);
    assert.deepEqual(await idsOf(fx.farAs, `/api/${kind}?q=${ext}`), [], 'not found by search');
    assert.deepEqual(await idsOf('rep', `/api/${kind}?q=${ext}`), [r.id], 'found by search in scope');
    const rows = async (as) => {
      const res = await request('GET', `/api/${kind}/export?q=${ext}`, { as });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /spreadsheetml/);
      return Number(res.headers.get('x-export-rows'));
    };
    assert.equal(await rows(fx.farAs), 0, 'the export keeps to the scope');
    assert.equal(await rows('rep'), 1);
  });

  test(`${kind}: a stale version is 409 with the current version, and each change is audited`, async () => {
    const r = await createOwned(kind, fx.base);
    const as = kind === 'products' || kind === 'costs' ? 'admin' : 'rep';
    const path = `/api/${kind}/${r.id}`;
    const changed = expectStatus(await patch(as, path, { version: r.version, ...CHANGE[kind] }), 200);
    assert.equal(changed.version, r.version + 1);
    await assertNothingWritten([path], async () => {
      const e = expectError(await patch(as, path, { version: r.version, ...CHANGE[kind] }), 409, 'version_conflict');
      assert.equal(e.current_version, changed.version);
      expectError(await del(as, `${path}?version=${r.version}`), 409, 'version_conflict');
    }, `${kind} stale`);
    const name = kind.replace(/ies$/, 'y').replace(/s$/, '');
    const audit = expectStatus(await get('admin', `/api/audit-entries?entity=${name}&entity_id=${r.id}`), 200);
    const actions = audit.items.map((a) => a.action).sort();
    assert.deepEqual(actions, ['create', 'update']);
    const update = audit.items.find((a) => a.action === 'update');
    assert.equal(update.before.version, r.version);
    assert.equal(update.after.version, changed.version);
    expectStatus(await del(as, `${path}?version=${changed.version}`), 204);
    expectError(await get(as, path), 404, 'not_found');
  });
}

test('lists page, sort, filter and search in Chinese on the server', async () => {
  const tag = `标签${Date.now() % 100000}`;
  const names = ['杭州甲公司', '杭州乙公司', '上海丙公司'];
  for (const name of names) {
    expectStatus(await post('rep', '/api/customers', { name, tags: [tag], status: 'prospect' }), 201);
  }
  const found = expectStatus(await get('rep', `/api/customers?tags=${encodeURIComponent(tag)}&q=${
    encodeURIComponent('杭州')}&sort=-name&page_size=1`), 200);
  assert.equal(found.total, 2);
  assert.equal(found.items.length, 1);
  // Sorted by code point (甲 U+7532 after 乙 U+4E59), the same in both stores.
  assert.equal(found.items[0].name, '杭州甲公司');
  const page2 = expectStatus(await get('rep', `/api/customers?tags=${encodeURIComponent(tag)}&q=${
    encodeURIComponent('杭州')}&sort=-name&page_size=1&page=2`), 200);
  assert.equal(page2.items[0].name, '杭州乙公司');
  const none = expectStatus(await get('rep', `/api/customers?tags=${encodeURIComponent(tag)}&status=lead`), 200);
  assert.equal(none.total, 0);
  expectError(await get('rep', '/api/customers?sort=phone'), 400, 'invalid_query', 'sort');
  expectError(await get('rep', '/api/customers?nickname=x'), 400, 'invalid_query', 'nickname');
  expectError(await get('rep', '/api/customers?status=vip'), 400, 'invalid_query', 'status');
  expectError(await get('rep', '/api/orders?ordered_at_from=yesterday'), 400, 'invalid_query', 'ordered_at');
  // A date as the end of a time range covers that whole day (in the org's time zone).
  const o = expectStatus(await post('rep', '/api/orders', {
    customer_id: fx.base.customer.id, ordered_at: '2026-11-22T23:30:00+08:00', total: 100,
  }), 201);
  const ids = await idsOf('rep', '/api/orders?ordered_at_from=2026-11-22&ordered_at_to=2026-11-22&page_size=500');
  assert.ok(ids.includes(o.id), 'an order at 23:30 Beijing time is on that day');
  const next = await idsOf('rep', '/api/orders?ordered_at_from=2026-11-23&page_size=500');
  assert.ok(!next.includes(o.id));
});

test('references must be in scope: a rep cannot give a customer to another rep or use one they do not see',
  async () => {
    const d = fx.d;
    const teammate = d.memberOf('上海一部', [fx.base.repId]);
    await assertNothingWritten(['/api/customers?page_size=1'], async () => {
      expectError(await post('rep', '/api/customers', { name: '越权客户', owner_id: teammate.id }), 400,
        'invalid_field', 'owner_id');
      expectError(await post(fx.farAs, '/api/contacts', { customer_id: fx.base.customer.id, name: '某人' }), 400,
        'invalid_field', 'customer_id');
      expectError(await post(fx.farAs, '/api/orders', {
        customer_id: fx.base.customer.id, ordered_at: '2026-11-20T10:00:00+08:00', total: 1,
      }), 400, 'invalid_field', 'customer_id');
    }, 'references out of scope');
    // The manager may give the rep's customer to a teammate.
    const c = expectStatus(await post('manager', '/api/customers', { name: '经理分配客户', owner_id: teammate.id }),
      201);
    assert.equal(c.owner_id, teammate.id);
    assert.equal(c.owner_name, teammate.display_name);
  });
