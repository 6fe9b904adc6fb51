// Customers as the reps and their managers use them: data scope on every read and write, list
// filters and sort, clear 400s that change nothing, stale versions, transfers (one and in bulk)
// with their history, the duplicate check across the org, tier recompute from orders, contacts.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  TEST_PASSWORD, assertNothingWritten, createMembership, createUser, del, discover, expectError, expectStatus,
  freshSession, get, listAll, patch, post, request, todayShanghai, unique,
} from '../lib.mjs';

// Returns `n` random Chinese characters: a search term no other record contains.
function cjk(n = 4) {
  let s = '';
  for (let i = 0; i < n; i += 1) s += String.fromCharCode(0x4e00 + 0x100 + Math.floor(Math.random() * 0x4000));
  return s;
}

// `YYYY-MM-DD` `days` before `day`.
function daysBefore(day, days) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

const enc = encodeURIComponent;

let d;
let rep;
let rep2;
let manager;
let admin;
let rep2Session;

before(async () => {
  d = await discover();
  rep = d.user('rep');
  manager = d.user('manager');
  admin = d.user('admin');
  // A second rep in the manager's team (上海一部), so the manager sees both reps.
  const team = d.team('上海一部');
  rep2 = await createUser({ display_name: `第二销售${unique('')}` });
  await createMembership(rep2.id, team.id, { valid_from: '2020-01-01' });
  rep2Session = await freshSession(rep2.username, TEST_PASSWORD);
});

const asRep2 = () => ({ token: rep2Session.token });

async function createCustomer(as, body) {
  return expectStatus(await post(as, '/api/customers', body), 201, `create customer ${JSON.stringify(body)}`);
}

async function auditOf(entity, id) {
  const body = expectStatus(await get('admin', `/api/audit-entries?entity=${entity}&entity_id=${id}&page_size=500`), 200);
  return [...body.items].sort((a, b) => a.id - b.id);
}

test('a rep creates a customer: owner defaults to the rep; list and Chinese search find it', async () => {
  const tag = cjk();
  const c = await createCustomer('rep', { name: `上海${tag}精密仪器有限公司`, industry: '制造', tags: ['重点'] });
  assert.equal(c.owner_id, rep.id);
  assert.equal(c.owner_name, rep.display_name);
  assert.equal(c.status, 'lead');
  assert.equal(c.tier, 'C');
  assert.equal(c.version, 1);
  assert.deepEqual(c.contacts, []);
  assert.deepEqual(c.transfers, []);
  assert.deepEqual(c.duplicates, []);
  assert.deepEqual(expectStatus(await get('rep', `/api/customers/${c.id}`), 200), c);

  const found = expectStatus(await get('rep', `/api/customers?q=${enc(tag)}`), 200);
  assert.equal(found.total, 1);
  assert.equal(found.items[0].id, c.id);
  assert.equal(found.items[0].contacts, undefined, 'lists carry no details');
  const partial = expectStatus(await get('rep', `/api/customers?q=${enc(`${tag}精密`)}`), 200);
  assert.deepEqual(partial.items.map((x) => x.id), [c.id]);
  assert.ok((await listAll('/api/customers', 'rep')).some((x) => x.id === c.id));
});

test('another rep cannot see or touch it (404, absent from list and search); the manager sees it', async () => {
  const tag = cjk();
  const c = await createCustomer('rep', { name: `${tag}贸易公司` });
  const path = `/api/customers/${c.id}`;
  await assertNothingWritten([path], async () => {
    expectError(await get(asRep2(), path), 404, 'not_found');
    expectError(await patch(asRep2(), path, { version: 1, notes: '偷改' }), 404, 'not_found');
    expectError(await del(asRep2(), `${path}?version=1`), 404, 'not_found');
    expectError(await post(asRep2(), `${path}/transfer`, { version: 1, to_user_id: rep2.id, reason: '抢客户' }),
      404, 'not_found');
  }, 'another rep');
  assert.equal(expectStatus(await get(asRep2(), `/api/customers?q=${enc(tag)}`), 200).total, 0);
  assert.ok(!(await listAll('/api/customers', asRep2())).some((x) => x.id === c.id));
  // The same id under a filter that would match it does not leak it either.
  assert.equal(expectStatus(await get(asRep2(), `/api/customers?owner_id=${rep.id}`), 200).total, 0);

  assert.equal(expectStatus(await get('manager', path), 200).id, c.id);
  assert.deepEqual(expectStatus(await get('manager', `/api/customers?q=${enc(tag)}`), 200).items.map((x) => x.id),
    [c.id]);
  assert.equal(expectStatus(await get('director', path), 200).id, c.id, 'the 华东 director');
  assert.equal(expectStatus(await get('analyst', path), 200).id, c.id);
});

test('filters and sort: status, industry, tags, dates, owner; sort both ways; unknown ones are 400', async () => {
  const tag = cjk();
  const a = await createCustomer('rep', { name: `${tag}甲`, status: 'lead', industry: '制造', next_follow_up: '2026-12-01' });
  const b = await createCustomer('rep', {
    name: `${tag}乙`, status: 'prospect', industry: '零售', tags: ['重点', '华东'], next_follow_up: '2026-12-05',
  });
  const c = await createCustomer('rep', { name: `${tag}丙`, status: 'customer', industry: '制造', next_follow_up: '2026-12-10' });
  const ids = async (query, as = 'rep') =>
    expectStatus(await get(as, `/api/customers?q=${enc(tag)}&${query}`), 200, query).items.map((x) => x.id);

  // By code point (the store's collation in the tests): 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532.
  assert.deepEqual(await ids('sort=name'), [c.id, b.id, a.id]);
  assert.deepEqual(await ids('sort=-name'), [a.id, b.id, c.id]);
  assert.deepEqual(await ids('status=prospect,customer&sort=id'), [b.id, c.id]);
  assert.deepEqual(await ids(`industry=${enc('制造')}&sort=id`), [a.id, c.id]);
  assert.deepEqual(await ids(`tags=${enc('华东')}`), [b.id]);
  assert.deepEqual(await ids('next_follow_up_from=2026-12-02&next_follow_up_to=2026-12-10&sort=id'), [b.id, c.id]);
  assert.deepEqual(await ids('next_follow_up_to=2026-12-05&sort=id'), [a.id, b.id]);
  assert.deepEqual(await ids(`owner_id=${rep.id}&sort=id`), [a.id, b.id, c.id]);
  assert.deepEqual(await ids('sort=next_follow_up'), [a.id, b.id, c.id]);
  assert.deepEqual(await ids('sort=-next_follow_up'), [c.id, b.id, a.id]);
  assert.deepEqual(await ids('sort=-id'), [c.id, b.id, a.id]);
  assert.deepEqual(await ids('sort=id', 'manager'), [a.id, b.id, c.id]);
  const page = expectStatus(await get('rep', `/api/customers?q=${enc(tag)}&sort=id&page=2&page_size=2`), 200);
  assert.deepEqual(page.items.map((x) => x.id), [c.id]);
  assert.equal(page.total, 3);

  expectError(await get('rep', '/api/customers?sort=bogus'), 400, 'invalid_query', 'sort');
  expectError(await get('rep', '/api/customers?bogus=1'), 400, 'invalid_query', 'bogus');
  expectError(await get('rep', '/api/customers?status=vip'), 400, 'invalid_query', 'status');
  expectError(await get('rep', '/api/customers?next_follow_up_from=2026-13-01'), 400, 'invalid_query', 'next_follow_up');
  expectError(await get('rep', '/api/customers?notes=x'), 400, 'invalid_query', 'notes');
});

test('bad input is a 400 naming the field, and changes nothing', async () => {
  const tag = cjk();
  const c = await createCustomer('rep', { name: `${tag}坏输入` });
  const path = `/api/customers/${c.id}`;
  const cases = [
    [{ name: `${tag}x`, bogus: 1 }, 'unknown_field', 'bogus'],
    [{ name: `${tag}x`, tier: 'A' }, 'unknown_field', 'tier'],
    [{ name: `${tag}x`, next_follow_up: '2026-02-30' }, 'invalid_field', 'next_follow_up'],
    [{ name: `${tag}x`, next_follow_up: 'tomorrow' }, 'invalid_field', 'next_follow_up'],
    [{ name: 123 }, 'invalid_field', 'name'],
    [{ name: `${tag}x`, tags: '重点' }, 'invalid_field', 'tags'],
    [{ name: '长'.repeat(101) }, 'invalid_field', 'name'],
    [{ name: `${tag}x`, status: 'vip' }, 'invalid_field', 'status'],
    [{ name: `${tag}x`, owner_id: manager.id }, 'invalid_field', 'owner_id'],
    [{ name: `${tag}x`, owner_id: rep2.id }, 'invalid_field', 'owner_id'],
    [{ name: `${tag}x`, owner_id: 'me' }, 'invalid_field', 'owner_id'],
    [{ industry: '制造' }, 'missing_field', 'name'],
    [{ name: '   ' }, 'invalid_field', 'name'],
  ];
  await assertNothingWritten([path, `/api/customers?q=${enc(tag)}`], async () => {
    for (const [body, code, field] of cases) {
      expectError(await post('rep', '/api/customers', body), 400, code, field, `POST ${JSON.stringify(body)}`);
      const change = { ...body, version: 1 };
      if (!('name' in body)) continue;
      expectError(await patch('rep', path, change), 400, code, field, `PATCH ${JSON.stringify(change)}`);
    }
    expectError(await patch('rep', path, { notes: 'x' }), 400, 'missing_field', 'version');
    expectError(await request('POST', '/api/customers', { as: 'rep', raw: '{"name":' }), 400, 'invalid_json');
  }, 'bad customer input');
});

test('a stale version is a 409 with the current version, and changes nothing', async () => {
  const c = await createCustomer('rep', { name: `${cjk()}并发` });
  const path = `/api/customers/${c.id}`;
  const v2 = expectStatus(await patch('rep', path, { version: 1, notes: '第一次' }), 200);
  assert.equal(v2.version, 2);
  await assertNothingWritten([path], async () => {
    const e = expectError(await patch('manager', path, { version: 1, notes: '旧版本' }), 409, 'version_conflict');
    assert.equal(e.current_version, 2);
    const t = expectError(await post('manager', `${path}/transfer`, { version: 1, to_user_id: rep2.id, reason: '调整' }),
      409, 'version_conflict');
    assert.equal(t.current_version, 2);
    assert.equal(expectError(await del('rep', `${path}?version=1`), 409, 'version_conflict').current_version, 2);
  }, 'stale writes');
});

test('transfer by the manager: history, audit, open opportunities move, the old owner loses sight', async () => {
  const tag = cjk();
  const c = await createCustomer('rep', { name: `${tag}转移客户` });
  const path = `/api/customers/${c.id}`;
  const open = expectStatus(await post('rep', '/api/opportunities', {
    name: `${tag}商机`, customer_id: c.id, amount: 100000, expected_close: '2026-12-31',
  }), 201);
  assert.equal(open.status, 'open');

  // Bad transfers change nothing.
  await assertNothingWritten([path, `/api/opportunities/${open.id}`], async () => {
    expectError(await post('manager', `${path}/transfer`, { version: 1, to_user_id: rep2.id }), 400, 'missing_field',
      'reason');
    expectError(await post('manager', `${path}/transfer`, { version: 1, to_user_id: rep2.id, reason: '' }), 400,
      'invalid_field', 'reason');
    expectError(await post('manager', `${path}/transfer`, { version: 1, to_user_id: rep2.id, reason: '因'.repeat(201) }),
      400, 'invalid_field', 'reason');
    expectError(await post('manager', `${path}/transfer`, { version: 1, reason: '调整' }), 400, 'missing_field',
      'to_user_id');
    expectError(await post('manager', `${path}/transfer`, { to_user_id: rep2.id, reason: '调整' }), 400,
      'missing_field', 'version');
    expectError(await post('manager', `${path}/transfer`, { version: 1, to_user_id: rep2.id, reason: '调整', x: 1 }),
      400, 'unknown_field', 'x');
    expectError(await post('manager', `${path}/transfer`, { version: 1, to_user_id: admin.id, reason: '调整' }), 400,
      'invalid_field', 'to_user_id', 'a new owner outside the manager\'s scope');
    expectError(await post('manager', `${path}/transfer`, { version: 1, to_user_id: rep.id, reason: '调整' }), 400,
      'invalid_field', 'to_user_id', 'already the owner');
    expectError(await post('rep', `${path}/transfer`, { version: 1, to_user_id: rep2.id, reason: '调整' }), 400,
      'invalid_field', 'to_user_id', 'a rep sees no other rep');
    expectError(await post('analyst', `${path}/transfer`, { version: 1, to_user_id: rep2.id, reason: '调整' }), 403,
      'forbidden');
  }, 'bad transfers');

  const moved = expectStatus(await post('manager', `${path}/transfer`, {
    version: 1, to_user_id: rep2.id, reason: '区域调整', with_opportunities: true,
  }), 200);
  assert.equal(moved.owner_id, rep2.id);
  assert.equal(moved.version, 2);
  assert.equal(moved.transfers.length, 1);
  const t = moved.transfers[0];
  assert.deepEqual({ ...t, at: undefined }, {
    from_user_id: rep.id, from_user_name: rep.display_name, to_user_id: rep2.id, to_user_name: rep2.display_name,
    reason: '区域调整', by_user_id: manager.id, by_user_name: manager.display_name, at: undefined,
  });
  assert.match(t.at, /^\d{4}-\d\d-\d\dT/);
  const opp = expectStatus(await get('manager', `/api/opportunities/${open.id}`), 200);
  assert.equal(opp.owner_id, rep2.id, 'the open opportunity moved with the customer');

  expectError(await get('rep', path), 404, 'not_found');
  assert.equal(expectStatus(await get('rep', `/api/customers?q=${enc(tag)}`), 200).total, 0);
  assert.equal(expectStatus(await get(asRep2(), path), 200).owner_id, rep2.id);
  const actions = (await auditOf('customer', c.id)).map((a) => a.action);
  assert.deepEqual(actions, ['create', 'transfer']);
  const audit = (await auditOf('customer', c.id))[1];
  assert.equal(audit.user_id, manager.id);
  assert.equal(audit.before.owner_id, rep.id);
  assert.equal(audit.after.owner_id, rep2.id);
  assert.ok((await auditOf('opportunity', open.id)).some((a) => a.action === 'transfer'));

  // An owner changed by an edit is kept in the history too, with no reason; newest first.
  const back = expectStatus(await patch('manager', path, { version: 2, owner_id: rep.id }), 200);
  assert.equal(back.transfers.length, 2);
  assert.equal(back.transfers[0].from_user_id, rep2.id);
  assert.equal(back.transfers[0].to_user_id, rep.id);
  assert.equal(back.transfers[0].reason, '');
  assert.equal(back.transfers[1].reason, '区域调整');
});

test('a deactivated user cannot receive customers', async () => {
  const c = await createCustomer('rep', { name: `${cjk()}停用` });
  const gone = await createUser();
  await createMembership(gone.id, d.team('上海一部').id, { valid_from: '2020-01-01' });
  expectStatus(await del('admin', `/api/users/${gone.id}?version=${gone.version}`), 200);
  await assertNothingWritten([`/api/customers/${c.id}`], async () => {
    expectError(await post('manager', `/api/customers/${c.id}/transfer`, { version: 1, to_user_id: gone.id, reason: '离职' }),
      400, 'invalid_field', 'to_user_id');
    expectError(await post('manager', '/api/customers/transfer', { ids: [c.id], to_user_id: gone.id, reason: '离职' }),
      400, 'invalid_field', 'to_user_id');
  }, 'to a deactivated user');
});

test('bulk transfer: a manager moves a rep\'s customers at once, all or nothing', async () => {
  const tag = cjk();
  const mine = [];
  for (const n of ['一', '二', '三']) mine.push(await createCustomer('rep', { name: `${tag}批量${n}` }));
  const ids = mine.map((c) => c.id);
  const foreign = await createCustomer('admin', { name: `${tag}管理员的客户` });
  assert.equal(foreign.owner_id, admin.id);
  const paths = [...ids, foreign.id].map((id) => `/api/customers/${id}`);

  await assertNothingWritten(paths, async () => {
    // One id the manager may not see: nothing moves.
    expectError(await post('manager', '/api/customers/transfer', { ids: [...ids, foreign.id], to_user_id: rep2.id,
      reason: '离职交接' }), 400, 'invalid_field', 'ids');
    expectError(await post('manager', '/api/customers/transfer', { ids: [...ids, 99999999], to_user_id: rep2.id,
      reason: '离职交接' }), 400, 'invalid_field', 'ids');
    expectError(await post('manager', '/api/customers/transfer', { ids: [], to_user_id: rep2.id, reason: '离职交接' }),
      400, 'invalid_field', 'ids');
    expectError(await post('manager', '/api/customers/transfer', { ids: [ids[0], ids[0]], to_user_id: rep2.id,
      reason: '离职交接' }), 400, 'invalid_field', 'ids');
    expectError(await post('manager', '/api/customers/transfer', { ids: ['1'], to_user_id: rep2.id, reason: '离职交接' }),
      400, 'invalid_field', 'ids');
    expectError(await post('manager', '/api/customers/transfer', { to_user_id: rep2.id, reason: '离职交接' }),
      400, 'missing_field', 'ids');
    expectError(await post('manager', '/api/customers/transfer', { ids, to_user_id: rep2.id }), 400, 'missing_field',
      'reason');
    expectError(await post('analyst', '/api/customers/transfer', { ids, to_user_id: rep2.id, reason: '离职交接' }),
      403, 'forbidden');
    expectError(await post('anonymous', '/api/customers/transfer', { ids, to_user_id: rep2.id, reason: '离职交接' }),
      401, 'unauthenticated');
  }, 'bad bulk transfers');

  const res = expectStatus(await post('manager', '/api/customers/transfer', { ids, to_user_id: rep2.id,
    reason: '离职交接' }), 200);
  assert.deepEqual(res, { customers: 3, opportunities: 0 });
  for (const id of ids) {
    const c = expectStatus(await get(asRep2(), `/api/customers/${id}`), 200);
    assert.equal(c.owner_id, rep2.id);
    assert.equal(c.version, 2);
    assert.equal(c.transfers.length, 1);
    assert.equal(c.transfers[0].reason, '离职交接');
    assert.equal(c.transfers[0].by_user_id, manager.id);
    expectError(await get('rep', `/api/customers/${id}`), 404, 'not_found');
  }
  // Again: they already belong to rep2, so nothing changes.
  assert.deepEqual(expectStatus(await post('manager', '/api/customers/transfer', { ids, to_user_id: rep2.id,
    reason: '离职交接' }), 200), { customers: 0, opportunities: 0 });
});

test('duplicate check: by normalised name and phone across the org, without revealing others\' records', async () => {
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const first = await createCustomer('rep', { name: '上海华为科技有限公司', phone: '+86 13800138000' });
  const tag = cjk();
  const own = await createCustomer('rep', { name: `${tag}（中国）有限公司`, phone: `+86 ${phone}` });

  // The rep's own records show with their ids.
  const byName = expectStatus(await get('rep', `/api/customers/duplicates?name=${enc('上海华为科技')}`), 200);
  const hit = byName.items.find((x) => x.id === first.id);
  assert.deepEqual(hit, { id: first.id, name: '上海华为科技有限公司', phone: '+86 13800138000', owner_id: rep.id,
    owner_name: rep.display_name, visible: true });
  const byPhone = expectStatus(await get('rep', '/api/customers/duplicates?phone=13800138000'), 200);
  assert.ok(byPhone.items.some((x) => x.id === first.id));
  const mine = expectStatus(await get('rep', `/api/customers/duplicates?name=${enc(`${tag}(中国)`)}`), 200);
  assert.deepEqual(mine.items.map((x) => x.id), [own.id], 'full-width brackets and the suffix normalised');
  const mineByPhone = expectStatus(await get('rep', `/api/customers/duplicates?phone=${enc(`0086-${phone}`)}`), 200);
  assert.deepEqual(mineByPhone.items.map((x) => x.id), [own.id]);
  const excluded = expectStatus(await get('rep',
    `/api/customers/duplicates?name=${enc(`${tag}(中国)`)}&phone=${phone}&exclude_id=${own.id}`), 200);
  assert.deepEqual(excluded.items, []);
  assert.deepEqual(expectStatus(await get('rep', '/api/customers/duplicates?name=&phone=12'), 200).items, []);

  // Another rep learns that the customer exists and whose it is, but not its id or phone.
  const other = expectStatus(await get(asRep2(), `/api/customers/duplicates?name=${enc('上海华为科技')}&phone=13800138000`),
    200);
  assert.ok(other.items.length > 0);
  for (const x of other.items) {
    assert.notEqual(x.id, first.id);
    if (!x.visible) assert.deepEqual({ ...x, name: undefined, owner_name: undefined },
      { id: null, name: undefined, phone: null, owner_id: null, owner_name: undefined, visible: false });
  }
  assert.ok(other.items.some((x) => !x.visible && x.name === '上海华为科技有限公司' && x.owner_name === rep.display_name));

  // The create response warns too, for the creator's view of the org.
  const again = await createCustomer(asRep2(), { name: '上海华为科技', phone: '13800138000' });
  assert.ok(again.duplicates.some((x) => x.id === null && !x.visible && x.name === '上海华为科技有限公司' &&
    x.owner_name === rep.display_name));
  assert.ok(!again.duplicates.some((x) => x.id === first.id));
  const seen = expectStatus(await get('rep', `/api/customers/${first.id}`), 200);
  assert.ok(seen.duplicates.some((x) => x.id === null && x.name === '上海华为科技' && x.owner_name === rep2.display_name));
  assert.ok(!seen.duplicates.some((x) => x.id === first.id), 'not itself');
  // The manager sees both reps, so both ids.
  const mgr = expectStatus(await get('manager', `/api/customers/${first.id}`), 200);
  assert.ok(mgr.duplicates.some((x) => x.id === again.id && x.visible));

  // Renaming updates the keys.
  expectStatus(await patch('rep', `/api/customers/${own.id}`, { version: 1, name: `${tag}改名`, phone: null }), 200);
  assert.deepEqual(expectStatus(await get('rep', `/api/customers/duplicates?name=${enc(`${tag}(中国)`)}&phone=${phone}`),
    200).items, []);
  assert.deepEqual(expectStatus(await get('rep', `/api/customers/duplicates?name=${enc(`${tag}改名有限公司`)}`), 200)
    .items.map((x) => x.id), [own.id]);
  expectError(await get('rep', '/api/customers/duplicates?q=x'), 400, 'invalid_query', 'q');
  expectError(await get('rep', '/api/customers/duplicates?name=x&exclude_id=abc'), 400, 'invalid_query', 'exclude_id');
});

test('tier recompute: admin only; ABC over the trailing 12 months of non-cancelled orders', async () => {
  for (const role of ['rep', 'manager', 'director', 'analyst']) {
    expectError(await post(role, '/api/customers/tiers/recompute', {}), 403, 'forbidden', undefined, role);
  }
  expectError(await post('anonymous', '/api/customers/tiers/recompute', {}), 401, 'unauthenticated');

  const org = expectStatus(await get('admin', '/api/org'), 200);
  let version = org.version;
  const setRule = async (rule) => {
    const o = expectStatus(await patch('admin', '/api/org', { version, tier_rule: rule }), 200);
    version = o.version;
  };
  if (org.tier_rule !== 'abc') await setRule('abc');
  try {
    const tag = cjk();
    const yesterday = daysBefore(todayShanghai(), 1);
    const order = async (customer, total, day = yesterday) => expectStatus(await post('rep', '/api/orders', {
      customer_id: customer.id, ordered_at: `${day} 10:00`, total,
    }), 201, 'order');
    // Totals far above anything else in the store, so the shares are known: 60, 20, 12, 8 parts.
    const T = 1e12;
    const x1 = await createCustomer('rep', { name: `${tag}一` });
    const x2 = await createCustomer('rep', { name: `${tag}二` });
    const x3 = await createCustomer('rep', { name: `${tag}三` });
    const x4 = await createCustomer('rep', { name: `${tag}四` });
    const x0 = await createCustomer('rep', { name: `${tag}无订单` });
    await order(x1, 40 * T);
    await order(x1, 20 * T, daysBefore(todayShanghai(), 300));
    await order(x2, 20 * T);
    await order(x3, 12 * T);
    await order(x4, 8 * T);
    // Neither a cancelled order nor one older than 12 months counts.
    const cancelled = await order(x4, 500 * T);
    expectStatus(await patch('rep', `/api/orders/${cancelled.id}`, { version: cancelled.version, status: 'cancelled' }),
      200);
    await order(x4, 500 * T, daysBefore(todayShanghai(), 400));

    const res = expectStatus(await post('admin', '/api/customers/tiers/recompute', {}), 200);
    assert.equal(res.rule, 'abc');
    const total = expectStatus(await get('admin', '/api/customers?page_size=1'), 200).total;
    assert.equal(res.a + res.b + res.c, total);
    assert.ok(res.a >= 2 && res.b >= 1 && res.changed >= 3, JSON.stringify(res));
    const tiers = {};
    for (const [k, c] of Object.entries({ x0, x1, x2, x3, x4 })) {
      const now = expectStatus(await get('rep', `/api/customers/${c.id}`), 200);
      tiers[k] = now.tier;
      assert.equal(now.version, c.version, 'a derived tier does not bump the version');
      assert.equal(now.updated_at, c.updated_at);
    }
    assert.deepEqual(tiers, { x0: 'C', x1: 'A', x2: 'A', x3: 'B', x4: 'C' });
    assert.deepEqual(expectStatus(await get('rep', `/api/customers?q=${enc(tag)}&tier=A&sort=id`), 200).items
      .map((c) => c.id), [x1.id, x2.id]);

    // Nothing changed since: the next run changes nothing; both are audited.
    const again = expectStatus(await post('admin', '/api/customers/tiers/recompute', {}), 200);
    assert.deepEqual(again, { ...res, changed: 0 });
    const audit = expectStatus(await get('admin', '/api/audit-entries?entity=customer&page_size=500'), 200).items
      .filter((a) => a.action === 'recompute_tiers').sort((a, b) => b.id - a.id);
    assert.ok(audit.length >= 2);
    assert.equal(audit[0].user_id, admin.id);
    assert.deepEqual({ ...audit[0].after, as_of: undefined },
      { rule: 'abc', a: res.a, b: res.b, c: res.c, changed: 0, as_of: undefined });
    assert.equal(audit[1].after.changed, res.changed);

    // The admin picks RFM: the rule is the org's; a customer without orders stays C.
    await setRule('rfm');
    const rfm = expectStatus(await post('admin', '/api/customers/tiers/recompute', {}), 200);
    assert.equal(rfm.rule, 'rfm');
    assert.equal(expectStatus(await get('rep', `/api/customers/${x0.id}`), 200).tier, 'C');
  } finally {
    if (org.tier_rule !== (await get('admin', '/api/org')).body.tier_rule) await setRule(org.tier_rule);
    expectStatus(await post('admin', '/api/customers/tiers/recompute', {}), 200);
  }
});

test('contacts: CRUD within the customer\'s scope, listed by customer', async () => {
  const tag = cjk();
  const c = await createCustomer('rep', { name: `${tag}联系人客户` });
  const contact = expectStatus(await post('rep', '/api/contacts', {
    customer_id: c.id, name: '王采购', title: '采购经理', phone: '13900000000', is_primary: true,
  }), 201);
  assert.equal(contact.customer_id, c.id);
  assert.equal(contact.customer_name, c.name);
  const second = expectStatus(await post('rep', '/api/contacts', { customer_id: c.id, name: '李工' }), 201);
  assert.equal(second.is_primary, false);

  const listed = expectStatus(await get('rep', `/api/contacts?customer_id=${c.id}`), 200);
  assert.deepEqual(listed.items.map((x) => x.id).sort((a, b) => a - b), [contact.id, second.id]);
  const detail = expectStatus(await get('rep', `/api/customers/${c.id}`), 200);
  assert.deepEqual(detail.contacts.map((x) => x.id), [contact.id, second.id], 'primary first');
  assert.equal(detail.contacts[0].name, '王采购');
  assert.equal(expectStatus(await get('manager', `/api/contacts/${contact.id}`), 200).id, contact.id);

  // Another rep: nothing of it.
  await assertNothingWritten([`/api/contacts/${contact.id}`, `/api/customers/${c.id}`], async () => {
    expectError(await get(asRep2(), `/api/contacts/${contact.id}`), 404, 'not_found');
    expectError(await patch(asRep2(), `/api/contacts/${contact.id}`, { version: 1, title: 'x' }), 404, 'not_found');
    expectError(await del(asRep2(), `/api/contacts/${contact.id}?version=1`), 404, 'not_found');
    expectError(await post(asRep2(), '/api/contacts', { customer_id: c.id, name: '混入' }), 400, 'invalid_field',
      'customer_id');
    expectError(await post('rep', '/api/contacts', { name: '无客户' }), 400, 'missing_field', 'customer_id');
    expectError(await post('rep', '/api/contacts', { customer_id: c.id, name: '名'.repeat(65) }), 400,
      'invalid_field', 'name');
  }, 'contacts out of scope');
  assert.equal(expectStatus(await get(asRep2(), `/api/contacts?customer_id=${c.id}`), 200).total, 0);

  const changed = expectStatus(await patch('rep', `/api/contacts/${second.id}`, { version: 1, title: '技术总监' }), 200);
  assert.equal(changed.title, '技术总监');
  expectStatus(await del('rep', `/api/contacts/${second.id}?version=2`), 204);
  expectError(await get('rep', `/api/contacts/${second.id}`), 404, 'not_found');

  // Deleting the customer takes its contacts with it; a customer with orders cannot be deleted.
  expectStatus(await del('rep', `/api/customers/${c.id}?version=1`), 204);
  expectError(await get('rep', `/api/contacts/${contact.id}`), 404, 'not_found');
  const busy = await createCustomer('rep', { name: `${tag}有订单` });
  expectStatus(await post('rep', '/api/orders', { customer_id: busy.id, ordered_at: '2026-11-01 10:00', total: 100 }), 201);
  await assertNothingWritten([`/api/customers/${busy.id}`], async () => {
    expectError(await del('rep', `/api/customers/${busy.id}?version=1`), 409, 'in_use');
  }, 'delete a customer with orders');
});
