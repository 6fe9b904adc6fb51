// Records tell their story (issue 11 §4–5): a record's change history for whoever sees it, a
// customer's timeline within the viewer's scope, a visit's check-in, and phone numbers checked the
// same way in the API and the import.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  DAY_MS, addDays, discover, expectError, expectStatus, get, patch, post, request, todayShanghai, unique,
} from '../lib.mjs';


let fx;
before(async () => {
  const d = await discover();
  const rep = d.user('rep');
  const manager = d.user('manager');
  fx = { rep, manager, teammate: d.memberOf('上海一部', [rep.id, manager.id]), outsider: d.memberOf('广州团队') };
});

test('a record\'s history lists who changed which field, for whoever sees the record', async () => {
  const c = expectStatus(await post('rep', '/api/customers', { name: unique('历史客户'), industry: '制造' }), 201);
  const changed = expectStatus(await patch('rep', `/api/customers/${c.id}`, {
    version: c.version, industry: '零售', phone: '021-6888 8888',
  }), 200);
  expectStatus(await post('manager', `/api/customers/${c.id}/transfer`, {
    version: changed.version, to_user_id: fx.teammate.id, reason: '岗位调整',
  }), 200);

  const h = expectStatus(await get('manager', `/api/customers/${c.id}/history`), 200);
  assert.deepEqual(h.items.map((e) => e.action).slice(0, 3).reverse(), ['create', 'update', 'transfer']);
  const [transfer, update, create] = h.items;
  assert.deepEqual([update.user_id, update.user_name], [fx.rep.id, fx.rep.display_name]);
  assert.deepEqual(update.changes, [
    { field: 'industry', before: '制造', after: '零售' },
    { field: 'phone', before: null, after: '021-6888 8888' },
  ], 'only what changed, in the kind\'s field order; no version or timestamps');
  assert.ok(create.changes.some((x) => x.field === 'name' && x.before === null && x.after === c.name));
  assert.ok(transfer.changes.some((x) => x.field === 'owner_id' && x.before === fx.rep.id && x.after === fx.teammate.id
    && x.before_name === fx.rep.display_name && x.after_name === fx.teammate.display_name), 'references are named');
  // Newest first.
  const times = h.items.map((e) => Date.parse(e.at));
  assert.deepEqual([...times].sort((a, b) => b - a), times);
  // The rep gave it away: it is no longer theirs to see, nor is its history; nor for another team.
  expectError(await get('rep', `/api/customers/${c.id}/history`), 404, 'not_found');
  expectError(await get('analyst', `/api/customers/${c.id}/history?x=1`), 400, 'invalid_query', 'x');
  // Every kind has one.
  const o = expectStatus(await post('manager', '/api/opportunities', {
    name: unique('历史商机'), customer_id: c.id, amount: 100, expected_close: addDays(todayShanghai(), 20),
  }), 201);
  assert.equal(expectStatus(await get('manager', `/api/opportunities/${o.id}/history`), 200).items[0].action, 'create');
});

test('a customer\'s timeline: created, activities, opportunities won, orders, payments and owners, newest first', async () => {
  const today = todayShanghai();
  const c = expectStatus(await post('rep', '/api/customers', {
    name: unique('时间线客户'), next_follow_up: addDays(today, -2),
  }), 201);
  const at = (daysAgo) => new Date(Date.now() - daysAgo * DAY_MS).toISOString();
  const visit = expectStatus(await post('rep', '/api/activities', {
    type: 'visit', customer_id: c.id, started_at: at(5), outcome: '拜访了采购',
  }), 201);
  // A teammate's call on the same customer: the manager sees it, the rep does not.
  const theirs = expectStatus(await post('manager', '/api/activities', {
    type: 'call', customer_id: c.id, user_id: fx.teammate.id, started_at: at(4),
  }), 201);
  const pipeline = expectStatus(await get('rep', '/api/pipelines'), 200).items.find((p) => p.is_default);
  const won = pipeline.stages.find((s) => s.kind === 'won');
  let o = expectStatus(await post('rep', '/api/opportunities', {
    name: unique('时间线商机'), customer_id: c.id, amount: 500000, expected_close: today,
  }), 201);
  o = expectStatus(await patch('rep', `/api/opportunities/${o.id}`, { version: o.version, stage_id: won.id }), 200);
  const order = expectStatus(await post('rep', '/api/orders', { customer_id: c.id, ordered_at: at(3), total: 500000 }), 201);
  const pay = expectStatus(await post('rep', '/api/payments', { order_id: order.id, amount: 200000, received_at: at(2) }), 201);

  const mine = expectStatus(await get('rep', `/api/customers/${c.id}/timeline`), 200);
  assert.equal(mine.customer_id, c.id);
  assert.equal(mine.next_follow_up, addDays(today, -2));
  assert.equal(mine.follow_up_overdue, true);
  const key = (e) => `${e.kind}:${e.event}:${e.record?.id ?? ''}`;
  const keys = mine.items.map(key);
  for (const k of [`customer:created:${c.id}`, `activity:visit:${visit.id}`, `opportunity:created:${o.id}`,
    `opportunity:won:${o.id}`, `order:ordered:${order.id}`, `payment:received:${pay.id}`]) {
    assert.ok(keys.includes(k), `${k} in the timeline`);
  }
  assert.ok(!keys.includes(`activity:call:${theirs.id}`), 'not another rep\'s activity');
  const times = mine.items.map((e) => Date.parse(e.at));
  assert.deepEqual([...times].sort((a, b) => b - a), times, 'newest first');
  const v = mine.items.find((e) => e.kind === 'activity');
  assert.equal(v.record.outcome, '拜访了采购');
  assert.equal(mine.items.find((e) => e.kind === 'payment').record.amount, 200000);

  // The manager sees the teammate's call too; then hands the customer over: a transfer event.
  const current = expectStatus(await get('manager', `/api/customers/${c.id}`), 200);
  expectStatus(await post('manager', `/api/customers/${c.id}/transfer`, {
    version: current.version, to_user_id: fx.teammate.id, reason: '交接',
  }), 200);
  const team = expectStatus(await get('manager', `/api/customers/${c.id}/timeline`), 200);
  assert.ok(team.items.some((e) => key(e) === `activity:call:${theirs.id}`));
  const t = team.items.find((e) => e.kind === 'transfer');
  assert.deepEqual([t.from_user_id, t.to_user_id, t.by_user_id, t.reason, t.to_user_name],
    [fx.rep.id, fx.teammate.id, fx.manager.id, '交接', fx.teammate.display_name]);
  expectError(await get('rep', `/api/customers/${c.id}/timeline`), 404, 'not_found');
  const elsewhere = expectStatus(await post('admin', '/api/customers', { name: unique('外区客户'), owner_id: fx.outsider.id }), 201);
  expectError(await get('manager', `/api/customers/${elsewhere.id}/timeline`), 404, 'not_found');
});

test('an activity names the contact met, a contact of the same customer', async () => {
  const c = expectStatus(await post('rep', '/api/customers', { name: unique('联系人客户') }), 201);
  const other = expectStatus(await post('rep', '/api/customers', { name: unique('另一客户') }), 201);
  const met = expectStatus(await post('rep', '/api/contacts', { customer_id: c.id, name: '王采购', title: '采购经理' }), 201);
  const theirs = expectStatus(await post('rep', '/api/contacts', { customer_id: other.id, name: '李总' }), 201);
  const a = expectStatus(await post('rep', '/api/activities', {
    type: 'visit', customer_id: c.id, contact_id: met.id, started_at: new Date().toISOString(),
  }), 201);
  assert.deepEqual([a.contact_id, a.contact_name], [met.id, '王采购']);
  expectError(await post('rep', '/api/activities', {
    type: 'visit', customer_id: c.id, contact_id: theirs.id, started_at: new Date().toISOString(),
  }), 400, 'invalid_field', 'contact_id');
  // Listed by contact; a contact someone met cannot be deleted under them.
  const listed = expectStatus(await get('rep', `/api/activities?contact_id=${met.id}`), 200);
  assert.deepEqual(listed.items.map((x) => x.id), [a.id]);
  expectError(await request('DELETE', `/api/contacts/${met.id}?version=${met.version}`, { as: 'rep' }), 409, 'in_use');
  const changed = expectStatus(await patch('rep', `/api/activities/${a.id}`, { version: a.version, contact_id: null }), 200);
  const h = expectStatus(await get('rep', `/api/activities/${a.id}/history`), 200);
  assert.deepEqual(h.items[0].changes.find((x) => x.field === 'contact_id'),
    { field: 'contact_id', before: met.id, after: null, before_name: '王采购', after_name: null });
  assert.equal(changed.contact_id, null);
});

test('a visit carries a check-in: coordinates and accuracy, both coordinates or none', async () => {
  const c = expectStatus(await post('rep', '/api/customers', { name: unique('签到客户') }), 201);
  const base = { type: 'visit', customer_id: c.id, started_at: new Date().toISOString() };
  const a = expectStatus(await post('rep', '/api/activities', {
    ...base, checkin_lat: 31.230416, checkin_lng: 121.473701, checkin_accuracy_m: 25, checkin_at: base.started_at,
  }), 201);
  assert.deepEqual([a.checkin_lat, a.checkin_lng, a.checkin_accuracy_m], [31.230416, 121.473701, 25]);
  assert.equal(Date.parse(a.checkin_at), Date.parse(base.started_at));
  // More than six decimals are rounded; the schema says what the fields are.
  const b = expectStatus(await post('rep', '/api/activities', { ...base, checkin_lat: -33.86881234, checkin_lng: 151.2093 }), 201);
  assert.deepEqual([b.checkin_lat, b.checkin_lng, b.checkin_accuracy_m], [-33.868812, 151.2093, null]);
  // Saving without a place is fine (the permission was refused).
  assert.equal(expectStatus(await post('rep', '/api/activities', base), 201).checkin_lat, null);
  expectError(await post('rep', '/api/activities', { ...base, checkin_lat: 31.2 }), 400, 'invalid_field', 'checkin_lng');
  expectError(await post('rep', '/api/activities', { ...base, checkin_lat: 91, checkin_lng: 0 }), 400, 'invalid_field',
    'checkin_lat');
  expectError(await post('rep', '/api/activities', { ...base, checkin_lat: '31.2', checkin_lng: 121 }), 400,
    'invalid_field', 'checkin_lat');
  expectError(await post('rep', '/api/activities', { ...base, checkin_accuracy_m: 10 }), 400, 'invalid_field',
    'checkin_lat');
  const schema = expectStatus(await get('rep', '/api/schema'), 200);
  const fields = schema.kinds.find((k) => k.name === 'activity').fields;
  assert.deepEqual(fields.find((f) => f.name === 'checkin_lat'), {
    ...fields.find((f) => f.name === 'checkin_lat'), type: 'coordinate', min: -90, max: 90,
  });
});

test('phone numbers are checked in the API and the import alike', async () => {
  for (const phone of ['138 0013 8000', '+86 138-0013-8000', '021-6888 8888 转 123', '400-820-8820', '(0755) 8888 8888']) {
    const c = expectStatus(await post('rep', '/api/customers', { name: unique('电话客户'), phone }), 201, phone);
    assert.equal(c.phone, phone);
  }
  for (const phone of ['12345', 'call me', '128-0013-8000', '138 0013 8000 转']) {
    expectError(await post('rep', '/api/customers', { name: unique('电话客户'), phone }), 400, 'invalid_field', 'phone');
  }
  const c = expectStatus(await post('rep', '/api/customers', { name: unique('联系人客户') }), 201);
  expectError(await post('rep', '/api/contacts', { customer_id: c.id, name: '张三', phone: '电话' }), 400, 'invalid_field',
    'phone');
  const schema = expectStatus(await get('rep', '/api/schema'), 200);
  for (const kind of ['customer', 'contact']) {
    assert.equal(schema.kinds.find((k) => k.name === kind).fields.find((f) => f.name === 'phone').format, 'phone');
  }

  // The import: a bad phone is a bad row, named by line and column.
  const good = unique('导入电话');
  const csv = `客户名称,电话\n${good},13800138000\n${unique('导入电话')},12345\n`;
  const started = expectStatus(await request('POST', '/api/imports?kind=customers', { as: 'rep', raw: csv, type: 'text/csv' }),
    202);
  let job;
  for (let i = 0; i < 100; i += 1) {
    job = expectStatus(await get('rep', `/api/imports/${started.id}`), 200);
    if (job.status === 'done' || job.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(job.report.committed, false, 'all or nothing');
  assert.deepEqual(job.report.errors.map((e) => [e.line, e.field, e.code]), [[3, 'phone', 'invalid_field']]);
});
