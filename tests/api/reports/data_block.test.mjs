// The report's data block (docs/reports.md "The data block"): the week's KPIs are the numbers
// /api/metrics answers for the author and the week, against the author's targets (computed here
// from /api/targets), month to date beside them; opportunities as the CRM lists them. Frozen at
// submit: a fact changed afterwards leaves the report's data as it was, says data_changed, and
// shows the live block beside it.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { addDays, demoDay, discover, expectStatus, get, post, unique } from '../lib.mjs';
import {
  KPI_METRICS, checkKpis, checkOpportunities, compareBasis, createDraft, metricValue, newMember, readReport,
  serverToday, submit, weekAfter,
} from './report_fixtures.mjs';

let fx;
before(async () => {
  const d = await discover();
  const today = await serverToday();
  fx = {
    d, today,
    rep: d.user('rep'),
    sh1: d.team('上海一部'),
    basis: await compareBasis(),
    // The last whole week of the demo's history: the week before the one the demo was made in
    // (the demo day is today unless the suite runs long after it was made).
    dataWeek: weekAfter(await demoDay(), -1),
  };
  assert.ok(fx.dataWeek.to < today, 'a week in the past');
});

const kpi = (block, metric) => block.kpis.find((k) => k.metric === metric);

test('the demo rep\'s block for a past week is the metrics, the targets and month to date', async () => {
  const w = fx.dataWeek;
  const mine = expectStatus(await get('rep', `/api/reports/mine?kind=week&period=${w.period}`), 200);
  const scope = `user:${fx.rep.id}`;
  assert.ok(await metricValue('orders_amount', scope, `${addDays(w.from, -84)}..${w.to}`) > 0,
    'the demo rep has sales in the weeks before');
  // The demo's report of that week, if there is one: its frozen block is the same numbers unless
  // the facts changed since, when the live block beside it is.
  let block = mine.data;
  if (mine.report && mine.report.status !== 'draft') {
    const r = await readReport('rep', mine.report.id);
    assert.equal(r.data_frozen, true);
    if (!r.data_changed) assert.equal(r.live_data, null);
    block = r.data_changed ? r.live_data : r.data;
  }
  assert.deepEqual([block.period, block.from, block.to], [w.period, w.from, w.to]);
  await checkOpportunities(block, fx.rep.id, 'the demo rep');
  // The manager reads the same numbers about the rep.
  const asManager = expectStatus(await get('manager',
    `/api/metrics?metric=orders_amount&scope=user:${fx.rep.id}&period=${w.period}`), 200).value;
  assert.equal(kpi(block, 'orders_amount').actual, asManager);
  await checkKpis(block, scope, fx.basis, 'the demo rep');
});

test('the block is frozen at submit: later facts set data_changed and show only in live_data', async () => {
  const week = weekAfter(fx.today, -3);
  const author = await newMember(fx.sh1.id, { validFrom: addDays(fx.today, -200) });
  const me = author.user.id;
  const scope = `user:${me}`;
  const at = (n, time = '10:00') => `${addDays(week.from, n)}T${time}:00+08:00`;
  const customer = expectStatus(await post('admin', '/api/customers', { name: unique('周报客户'), owner_id: me }), 201);
  const order = async (total, day) => expectStatus(await post('admin', '/api/orders', {
    customer_id: customer.id, owner_id: me, ordered_at: at(day), total,
  }), 201, 'order');
  const first = await order(1_234_500, 2);
  expectStatus(await post('admin', '/api/payments', { order_id: first.id, amount: 200_000, received_at: at(3) }), 201);
  expectStatus(await post('admin', '/api/activities', {
    type: 'visit', user_id: me, customer_id: customer.id, started_at: at(1, '15:00'),
  }), 201);

  // A draft's block is live.
  const draft = await createDraft(author.as, week.period);
  assert.equal(draft.data_frozen, false);
  assert.equal(kpi(draft.data, 'orders_amount').actual, 1_234_500);
  await order(100, 4);
  const live = await readReport(author.as, draft.id);
  assert.equal(kpi(live.data, 'orders_amount').actual, 1_234_600, 'the draft follows the facts');
  assert.deepEqual([kpi(live.data, 'payments_amount').actual, kpi(live.data, 'visits').actual,
    kpi(live.data, 'new_buyers').actual], [200_000, 1, 1]);
  await checkKpis(live.data, scope, fx.basis, 'draft');

  const s = await submit(author.as, live);
  assert.equal(s.data_frozen, true);
  assert.equal(s.data_changed, false);
  assert.equal(s.live_data, null);
  assert.equal(kpi(s.data, 'orders_amount').actual, 1_234_600);
  await checkKpis(s.data, scope, fx.basis, 'submitted');
  const version = expectStatus(await get(author.as, `/api/reports/${s.id}/versions`), 200).items;
  assert.equal(version.length, 1);
  assert.deepEqual(version[0].data, s.data, 'the submitted version holds the same block');

  // A fact of that week changes after the submit.
  await order(99_900, 5);
  expectStatus(await post('admin', '/api/activities', {
    type: 'call', user_id: me, customer_id: customer.id, started_at: at(2, '11:00'),
  }), 201);
  for (const as of [author.as, 'manager']) {
    const after = await readReport(as, s.id);
    assert.deepEqual(after.data, s.data, 'the frozen block is unchanged');
    assert.equal(after.data_changed, true);
    assert.equal(kpi(after.live_data, 'orders_amount').actual, 1_334_500, 'the live block has the new order');
    assert.equal(kpi(after.live_data, 'calls').actual, 1);
    assert.equal(kpi(after.live_data, 'activities').actual, 2);
    await checkKpis(after.live_data, scope, fx.basis, 'live');
  }
  assert.deepEqual(expectStatus(await get(author.as, `/api/reports/${s.id}/versions`), 200).items[0].data, s.data);
  const mine = expectStatus(await get(author.as, `/api/reports/mine?kind=week&period=${week.period}`), 200);
  assert.equal(mine.report.id, s.id);
  assert.deepEqual(mine.report.data, s.data);
  assert.equal(kpi(mine.report.live_data, 'orders_amount').actual, 1_334_500);
});

test('overdue follow-ups: the author\'s customers whose follow-up day is before the week\'s end', async () => {
  const week = weekAfter(fx.today, -3);
  const author = await newMember(fx.sh1.id, { validFrom: addDays(fx.today, -200) });
  const customer = async (next) => expectStatus(await post('admin', '/api/customers', {
    name: unique('跟进客户'), owner_id: author.user.id, ...(next ? { next_follow_up: next } : {}),
  }), 201);
  await customer(addDays(week.from, 1));  // due in the week: overdue at its end
  await customer(addDays(week.to, 1));  // due after the week: not yet overdue then
  await customer(null);
  const draft = await createDraft(author.as, week.period);
  assert.equal(draft.data.overdue_follow_ups, 1, 'only the follow-up due before the week\'s end');
});

test('a week that has not begun has nothing done yet, and the author\'s targets', async () => {
  const week = weekAfter(fx.today, 2);
  const author = await newMember(fx.sh1.id, { validFrom: addDays(fx.today, -30) });
  const scope = `user:${author.user.id}`;
  expectStatus(await post('manager', '/api/targets', { metric: 'visits', scope, period: week.period, value: 12 }), 201);
  const mine = expectStatus(await get(author.as, `/api/reports/mine?kind=week&period=${week.period}`), 200);
  assert.deepEqual(mine.data.kpis.map((k) => k.metric), KPI_METRICS);
  for (const k of mine.data.kpis) assert.ok(k.actual === 0 || k.actual === null, `${k.metric}: ${k.actual}`);
  const visits = kpi(mine.data, 'visits');
  assert.equal(visits.target, 12);
  assert.equal(visits.attainment, visits.actual === null ? null : 0);
  assert.equal(kpi(mine.data, 'calls').target, null, 'no target, no attainment');
  assert.equal(kpi(mine.data, 'calls').attainment, null);
});
