// Commissions (docs/performance.md): a plan is refused with the field at fault; a new rep's month
// under a marginal plan pays as computed by hand (a ¥40,000 order split where it crosses 60 %,
// the 5 % accelerator above the target, the bonus), its credited and target equal what
// /api/metrics answers; a rep reads only their own statement; a manager adjusts it, never their
// own; the director approves the month and from then on neither a new order, an adjustment nor a
// plan change moves it; the next month takes back the commission of an order cancelled since and
// of one still unpaid after the plan's 30 days. Under a plan that credits managers, a rep who
// moves team mid-month is credited to each team's leader for the orders of the days in that team.
// Under a plan on payments, an order paid in two parts pays in the month each part came in.
// The months are long past (2019), so the demo's facts and any plan of today stay out of the way.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  TEST_PASSWORD, assertNothingWritten, createMembership, createTeam, createUser, discover, expectError, expectStatus,
  freshSession, get, patch, post, unique,
} from '../lib.mjs';

const MONTH = '2019-03';
const NEXT = '2019-04';
const yuan = (y) => y * 100;
const BANDS = [
  { from_bp: 0, to_bp: 6000, rate_bp: 0 },
  { from_bp: 6000, to_bp: 10000, rate_bp: 300 },
  { from_bp: 10000, to_bp: null, rate_bp: 500 },
];
const planBody = (extra = {}) => ({
  name: unique('2019 提成方案'), effective_from: '2019-03-01', effective_to: '2019-04-30', base: 'orders',
  mode: 'marginal', bands: BANDS, target_bonus: yuan(1000), clawback_unpaid_days: 30, ...extra,
});

let fx;
before(async () => {
  const d = await discover();
  const sh1 = d.team('上海一部');
  const rep = await createUser();
  await createMembership(rep.id, sh1.id, { valid_from: '2015-01-01' });
  const session = await freshSession(rep.username, TEST_PASSWORD);
  fx = { d, sh1, rep, as: { token: session.token } };
});

const statement = async (as, period = MONTH, id = fx.rep.id) =>
  expectStatus(await get(as, `/api/commissions/statements/${id}?period=${period}`), 200, `statement ${period}`);

test('a plan is refused with the field at fault, and only an admin keeps plans', async () => {
  await assertNothingWritten(['/api/commissions/plans'], async () => {
    const refused = [
      [{ bands: [{ ...BANDS[0], from_bp: 100 }, BANDS[1], BANDS[2]] }, 'bands[0].from_bp'],
      [{ bands: [BANDS[0], { ...BANDS[1], from_bp: 5000 }, BANDS[2]] }, 'bands[1].from_bp'],
      [{ bands: [BANDS[0], BANDS[1], { ...BANDS[2], to_bp: 20000 }] }, 'bands[2].to_bp'],
      [{ bands: [BANDS[0], BANDS[1], { ...BANDS[2], rate_bp: 10001 }] }, 'bands[2].rate_bp'],
      [{ effective_to: '2019-02-01' }, 'effective_to'],
      [{ mode: 'progressive' }, 'mode'],
      [{ cap: -1 }, 'cap'],
    ];
    for (const [change, field] of refused) {
      expectError(await post('admin', '/api/commissions/plans', planBody(change)), 400, 'invalid_field', field);
    }
    const { effective_from: _, ...undated } = planBody();
    expectError(await post('admin', '/api/commissions/plans', undated), 400, 'missing_field', 'effective_from');
    expectError(await post('admin', '/api/commissions/plans', planBody({ bands: [] })), 400, 'missing_field', 'bands');
    expectError(await post('director', '/api/commissions/plans', planBody()), 403, 'forbidden');
  }, 'refused plans');
  fx.plan = expectStatus(await post('admin', '/api/commissions/plans', planBody()), 201);
  assert.deepEqual(fx.plan.bands, BANDS);
  // Its days are taken.
  expectError(await post('admin', '/api/commissions/plans', planBody({ effective_from: '2019-04-01' })), 400,
    'invalid_field', 'effective_from');
  const all = expectStatus(await get('rep', '/api/commissions/plans'), 200).items;
  assert.ok(all.some((p) => p.id === fx.plan.id), 'a rep reads the plans');
});

test('a month under a marginal plan pays as computed by hand, on the metrics\' figures', async () => {
  expectStatus(await post('admin', '/api/targets', {
    metric: 'orders_amount', scope: `user:${fx.rep.id}`, period: MONTH, value: yuan(100_000),
  }), 201);
  const customer = expectStatus(await post(fx.as, '/api/customers', { name: unique('提成客户') }), 201);
  const order = async (day, amount) => expectStatus(await post(fx.as, '/api/orders', {
    customer_id: customer.id, ordered_at: `${day}T10:00:00+08:00`, total: amount,
  }), 201);
  fx.customer = customer;
  fx.orders = [await order('2019-03-03', yuan(50_000)), await order('2019-03-12', yuan(40_000)),
    await order('2019-03-25', yuan(30_000))];
  // Order 1 is paid in full; 2 and 3 never are.
  expectStatus(await post(fx.as, '/api/payments', {
    order_id: fx.orders[0].id, amount: yuan(50_000), received_at: '2019-03-20T10:00:00+08:00',
  }), 201);

  const s = await statement(fx.as);
  const metric = async (m) => expectStatus(await get('admin',
    `/api/metrics?metric=${m}&scope=user:${fx.rep.id}&period=${MONTH}`), 200).value;
  assert.equal(s.credited, await metric('orders_amount'));
  assert.equal(s.target, await metric('target:orders_amount'));
  assert.equal(s.attainment, 1.2);
  assert.deepEqual([s.band, s.target_reached, s.approved], [2, true, false]);
  // ¥0–50,000 at 0; ¥50,000–60,000 at 0, ¥60,000–90,000 at 3 % = 900; ¥90,000–100,000 at 3 % = 300,
  // ¥100,000–120,000 at 5 % = 1,000; the bonus 1,000.
  const [o1, o2, o3] = fx.orders.map((o) => o.id);
  assert.deepEqual(s.lines.map((l) => [l.kind, l.record_id, l.base, l.band, l.rate_bp, l.amount]), [
    ['commission', o1, yuan(50_000), 0, 0, 0],
    ['commission', o2, yuan(10_000), 0, 0, 0],
    ['commission', o2, yuan(30_000), 1, 300, yuan(900)],
    ['commission', o3, yuan(10_000), 1, 300, yuan(300)],
    ['commission', o3, yuan(20_000), 2, 500, yuan(1_000)],
    ['bonus', null, 0, null, 0, yuan(1_000)],
  ]);
  assert.equal(s.total, yuan(3_200));
  assert.equal(s.total, s.lines.reduce((sum, l) => sum + l.amount, 0));
  assert.equal(s.plan.id, fx.plan.id);
});

test('a rep reads only their own statement; the team\'s manager and the region\'s director read it', async () => {
  expectError(await get('rep', `/api/commissions/statements/${fx.rep.id}?period=${MONTH}`), 404, 'not_found');
  for (const as of ['manager', 'director', 'analyst', 'admin']) await statement(as);
  const mine = expectStatus(await get(fx.as, `/api/commissions/statements?period=${MONTH}`), 200);
  assert.deepEqual(mine.items.map((x) => x.user_id), [fx.rep.id]);
  assert.equal(mine.plan.id, fx.plan.id);
  const team = expectStatus(await get('manager', `/api/commissions/statements?period=${MONTH}`), 200).items;
  assert.equal(team.find((x) => x.user_id === fx.rep.id).total, yuan(3_200));
  expectError(await get('rep', '/api/commissions/statements?period=2019-13'), 400, 'invalid_query', 'period');
  // No plan covers 2001: said, not a 404.
  expectError(await get(fx.as, `/api/commissions/statements/${fx.rep.id}?period=2001-01`), 400, 'invalid_query',
    'period');
  expectError(await get('rep', '/api/commissions/statements?period=2019-W10'), 400, 'invalid_query', 'period');
});

test('adjustments: by a manager with a reason, never one\'s own; each a line', async () => {
  await assertNothingWritten([`/api/commissions/statements/${fx.rep.id}?period=${MONTH}`], async () => {
    expectError(await post(fx.as, '/api/commissions/adjustments',
      { user_id: fx.rep.id, period: MONTH, amount: yuan(500), reason: '自己加' }), 403, 'forbidden');
    expectError(await post('manager', '/api/commissions/adjustments',
      { user_id: fx.rep.id, period: MONTH, amount: 0, reason: '零' }), 400, 'invalid_field', 'amount');
    expectError(await post('manager', '/api/commissions/adjustments',
      { user_id: fx.rep.id, period: MONTH, amount: 100, reason: '  ' }), 400, 'missing_field', 'reason');
    expectError(await post('analyst', '/api/commissions/adjustments',
      { user_id: fx.rep.id, period: MONTH, amount: 100, reason: '分析员' }), 403, 'forbidden');
  }, 'refused adjustments');
  expectStatus(await post('manager', '/api/commissions/adjustments',
    { user_id: fx.rep.id, period: MONTH, amount: yuan(200), reason: '大客户开拓奖励' }), 201);
  const s = await statement(fx.as);
  const line = s.lines.at(-1);
  assert.deepEqual([line.kind, line.amount, line.reason], ['adjustment', yuan(200), '大客户开拓奖励']);
  assert.ok(line.by_name, 'who made it');
  assert.equal(s.total, yuan(3_400));
});

test('the director approves the month: from then on nothing moves it', async () => {
  expectError(await post('manager', '/api/commissions/approve', { period: MONTH }), 403, 'forbidden');
  // A period not over yet is never approved: its facts are not all in.
  const today = expectStatus(await get('director', '/api/auth/me'), 200).today;
  expectError(await post('director', '/api/commissions/approve', { period: today.slice(0, 7) }), 400, 'invalid_field',
    'period');
  const approved = expectStatus(await post('director', '/api/commissions/approve', { period: MONTH }), 200);
  assert.ok(approved.approved >= 1);
  const s = await statement(fx.as);
  assert.deepEqual([s.approved, s.total, s.approved_by_name !== null], [true, yuan(3_400), true]);
  // A late order of the month, an adjustment, a plan change: the statement stays as approved.
  expectStatus(await post(fx.as, '/api/orders', {
    customer_id: fx.customer.id, ordered_at: '2019-03-28T10:00:00+08:00', total: yuan(10_000),
  }), 201);
  await assertNothingWritten([`/api/commissions/statements/${fx.rep.id}?period=${MONTH}`], async () => {
    expectError(await post('manager', '/api/commissions/adjustments',
      { user_id: fx.rep.id, period: MONTH, amount: yuan(1), reason: '晚了' }), 403, 'forbidden');
    expectError(await patch('admin', `/api/commissions/plans/${fx.plan.id}`,
      { ...planBody({ name: fx.plan.name, bands: [{ from_bp: 0, to_bp: null, rate_bp: 1000 }] }),
        version: fx.plan.version }), 403, 'forbidden');
  }, 'a locked month');
  const again = await statement(fx.as);
  assert.deepEqual(again, s);
  // The payroll workbook holds it.
  const xlsx = await get('director', `/api/commissions/export?period=${MONTH}`);
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
  assert.ok(decodeURIComponent(xlsx.headers.get('content-disposition')).includes(`提成-${MONTH}.xlsx`));
  // The quarter holding the month can no longer be approved: a day is paid once.
  expectError(await post('director', '/api/commissions/approve', { period: '2019-Q1' }), 400, 'invalid_field', 'period');
  // Approving again approves nobody new.
  const second = expectStatus(await post('director', '/api/commissions/approve', { period: MONTH }), 200);
  assert.equal(second.approved, 0);
});

test('the next month takes back what was paid on an order cancelled since, and on one left unpaid', async () => {
  const [, o2, o3] = fx.orders;
  const current = expectStatus(await get(fx.as, `/api/orders/${o3.id}`), 200);
  expectStatus(await patch(fx.as, `/api/orders/${o3.id}`, { version: current.version, status: 'cancelled' }), 200);
  const s = await statement(fx.as, NEXT);
  // Order 3 earned 300 + 1,000 in March and is cancelled; order 2 earned 900 and was not paid
  // within 30 days (by 11 April). Order 1 earned nothing. No target in April: no bonus.
  const back = s.lines.filter((l) => l.kind === 'clawback').map((l) => [l.record_id, l.clawback, l.amount])
    .sort((a, b) => a[0] - b[0]);
  assert.deepEqual(back, [[o2.id, 'unpaid', -yuan(900)], [o3.id, 'cancelled', -yuan(1_300)]]);
  assert.equal(s.total, -yuan(2_200));
  assert.equal(s.credited, 0);
});

test('a plan that credits managers: a rep who moved team mid-month counts for each leader by the order\'s day', async () => {
  expectStatus(await post('admin', '/api/commissions/plans', {
    name: unique('经理提成方案'), effective_from: '2019-05-01', effective_to: '2019-05-31', base: 'orders',
    mode: 'retroactive', bands: [{ from_bp: 0, to_bp: null, rate_bp: 1000 }], credit_manager: true,
  }), 201);
  const east = fx.d.region('华东区');
  const [teamA, teamB] = [await createTeam(east.id), await createTeam(east.id)];
  const [leadA, leadB] = [await createUser({ roles: ['manager'] }), await createUser({ roles: ['manager'] })];
  await createMembership(leadA.id, teamA.id, { role: 'leader', valid_from: '2015-01-01' });
  await createMembership(leadB.id, teamB.id, { role: 'leader', valid_from: '2015-01-01' });
  const mover = await createUser();
  await createMembership(mover.id, teamA.id, { valid_from: '2015-01-01', valid_to: '2019-05-15' });
  await createMembership(mover.id, teamB.id, { valid_from: '2019-05-15' });
  expectStatus(await post('admin', '/api/targets', {
    metric: 'orders_amount', scope: `team:${teamA.id}`, period: '2019-05', value: yuan(50_000),
  }), 201);
  const as = { token: (await freshSession(mover.username, TEST_PASSWORD)).token };
  const customer = expectStatus(await post(as, '/api/customers', { name: unique('调动客户') }), 201);
  const order = async (day, amount) => expectStatus(await post(as, '/api/orders', {
    customer_id: customer.id, ordered_at: `${day}T10:00:00+08:00`, total: amount,
  }), 201);
  const inA = await order('2019-05-10', yuan(10_000));
  const inB = await order('2019-05-20', yuan(20_000));
  const of = async (user) => statement('admin', '2019-05', user.id);
  const a = await of(leadA);
  assert.deepEqual(a.lines.map((l) => [l.record_id, l.amount]), [[inA.id, yuan(1_000)]], 'team A: the order of its days');
  assert.deepEqual([a.credited, a.target], [yuan(10_000), yuan(50_000)]);
  const b = await of(leadB);
  assert.deepEqual(b.lines.map((l) => [l.record_id, l.amount]), [[inB.id, yuan(2_000)]], 'team B: the order after the move');
  assert.equal(b.target, null);
  assert.equal((await of(mover)).total, yuan(3_000), 'the rep: both');
  const listed = expectStatus(await get('admin', '/api/commissions/statements?period=2019-05'), 200).items
    .map((x) => x.user_id);
  for (const u of [leadA, leadB, mover]) assert.ok(listed.includes(u.id), `${u.username} has a statement`);
});

test('a plan on payments: an order paid in two parts pays in the month each part came in', async () => {
  expectStatus(await post('admin', '/api/commissions/plans', {
    name: unique('回款提成方案'), effective_from: '2019-06-01', effective_to: '2019-07-31', base: 'payments',
    mode: 'retroactive', bands: [{ from_bp: 0, to_bp: null, rate_bp: 250 }],
  }), 201);
  const order = expectStatus(await post(fx.as, '/api/orders', {
    customer_id: fx.customer.id, ordered_at: '2019-06-05T10:00:00+08:00', total: yuan(80_000),
  }), 201);
  // The first part on the last evening of June (Shanghai), the rest in July.
  const june = expectStatus(await post(fx.as, '/api/payments', {
    order_id: order.id, amount: yuan(30_000), received_at: '2019-06-30T23:30:00+08:00',
  }), 201);
  const july = expectStatus(await post(fx.as, '/api/payments', {
    order_id: order.id, amount: yuan(50_000), received_at: '2019-07-01T00:00:00+08:00',
  }), 201);
  const s6 = await statement(fx.as, '2019-06');
  assert.deepEqual(s6.lines.map((l) => [l.record_kind, l.record_id, l.base, l.amount]),
    [['payment', june.id, yuan(30_000), yuan(750)]]);
  const s7 = await statement(fx.as, '2019-07');
  assert.deepEqual(s7.lines.map((l) => [l.record_kind, l.record_id, l.base, l.amount]),
    [['payment', july.id, yuan(50_000), yuan(1_250)]]);
  const metric = async (period) => expectStatus(await get('admin',
    `/api/metrics?metric=payments_amount&scope=user:${fx.rep.id}&period=${period}`), 200).value;
  assert.deepEqual([s6.credited, s7.credited], [await metric('2019-06'), await metric('2019-07')]);
});
