// The decomposition tree, commitments, progress, day plans and the reverse funnel (SPEC §3), on
// the demo's goals, read on the day the demo was made (its targets are for that day's year and
// week, whatever today is): every sum and gap checked against the targets listed, every actual
// against the metrics, the plan's tasks owner-only and version-checked.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  addDays, assertNothingWritten, createMembership, createUser, del, demoDay, discover, expectError, expectStatus,
  get, patch, post, request, unique,
} from '../lib.mjs';

const put = (as, path, body) => request('PUT', path, { as, body });

let fx;
before(async () => {
  const d = await discover();
  const rep = d.user('rep');
  const today = expectStatus(await get('rep', '/api/plans/day'), 200).date;
  const day = await demoDay();
  const year = day.slice(0, 4);
  const targets = async (as, scope, metric, period) =>
    expectStatus(await get(as, `/api/targets?scope=${scope}&metric=${metric}&period=${period}`), 200)
      .items.filter((t) => t.period === period);
  fx = {
    d, rep, today, day, year, targets,
    sh1: d.team('上海一部'),
    teammate: d.memberOf('上海一部', [rep.id]),
    orgYear: (await targets('admin', 'org', 'orders_amount', year))[0],
  };
  assert.ok(fx.orgYear, 'the demo sets the org\'s target for the year');
});

// The ISO week of a YYYY-MM-DD day, as a period label (2026-W49).
function isoWeek(day) {
  const d = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86400000);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - jan1) / (7 * 86400000));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

// Checks a node and those below it: the sum of the children's targets, the gap and the count of
// children without one.
function checkNode(n) {
  const set = n.children.filter((c) => c.target);
  assert.equal(n.missing, n.children.length - set.length, `${n.scope_name}: missing`);
  if (set.length === 0) {
    assert.equal(n.children_sum, null);
    assert.equal(n.gap, null);
  } else {
    const sum = set.reduce((s, c) => s + c.target.value, 0);
    assert.equal(n.children_sum, sum, `${n.scope_name}: children_sum`);
    assert.equal(n.gap, n.target ? n.target.value - sum : null, `${n.scope_name}: gap`);
  }
  let gaps = n.gap ? 1 : 0;
  for (const c of n.children) gaps += checkNode(c);
  return gaps;
}

test('the tree: sums and gaps wherever the parts disagree, scopes not set, the calendar below', async () => {
  const tree = expectStatus(await get('admin', `/api/targets/${fx.orgYear.id}/tree`), 200);
  assert.equal(tree.root.target.id, fx.orgYear.id);
  assert.equal(tree.root.scope, 'org');
  const gaps = checkNode(tree.root);
  assert.ok(gaps >= 1, 'the demo\'s lowered rep leaves their team short');
  assert.ok(JSON.stringify(tree).includes('"missing":'), 'scopes not set are counted');
  // The org's months add up to its year.
  const months = tree.calendar.find((g) => g.kind === 'month');
  assert.ok(months.complete);
  assert.equal(months.items.length, 12);
  assert.equal(months.sum, fx.orgYear.value);
  assert.equal(months.gap, 0);
  // A manager reads the tree from their team down, never the org's.
  const team = (await fx.targets('manager', `team:${fx.sh1.id}`, 'orders_amount', fx.year))[0];
  const mine = expectStatus(await get('manager', `/api/targets/${team.id}/tree`), 200);
  checkNode(mine.root);
  assert.ok(mine.root.children.some((c) => c.scope === `user:${fx.rep.id}`));
  expectError(await get('manager', `/api/targets/${fx.orgYear.id}/tree`), 404, 'not_found');
  expectError(await get('rep', `/api/targets/${team.id}/tree`), 404, 'not_found');
});

test('commitments: the rep for their own, the leader for the team; nobody else', async () => {
  const own = (await fx.targets('rep', `user:${fx.rep.id}`, 'orders_amount', fx.year))[0];
  const team = (await fx.targets('manager', `team:${fx.sh1.id}`, 'orders_amount', fx.year))[0];
  await assertNothingWritten(['/api/audit?entity=target'], async () => {
    expectError(await put('manager', `/api/targets/${own.id}/commit`, { value: 1 }), 403, 'forbidden');
    expectError(await put('analyst', `/api/targets/${own.id}/commit`, { value: 1 }), 403, 'forbidden');
    expectError(await put('rep', `/api/targets/${team.id}/commit`, { value: 1 }), 404, 'not_found');
    expectError(await put('rep', `/api/targets/${own.id}/commit`, { value: -1 }), 400, 'invalid_field', 'value');
    expectError(await put('rep', `/api/targets/${own.id}/commit`, { value: 1, note: 'x'.repeat(201) }),
      400, 'invalid_field', 'note');
  }, 'refused commitments');
  const c = expectStatus(await put('rep', `/api/targets/${own.id}/commit`,
    { value: own.value - 100, note: '一个大单推迟' }), 200);
  assert.equal(c.value, own.value - 100);
  assert.equal(c.user_id, fx.rep.id);
  expectStatus(await put('manager', `/api/targets/${team.id}/commit`, { value: team.value }), 200);
  const tree = expectStatus(await get('manager', `/api/targets/${team.id}/tree`), 200);
  assert.equal(tree.root.committed.value, team.value);
  const repNode = tree.root.children.find((n) => n.scope === `user:${fx.rep.id}`);
  assert.equal(repNode.committed.value, own.value - 100);
  assert.equal(repNode.committed.note, '一个大单推迟');
});

test('progress: every current target with its actual to date, gap, pace and status', async () => {
  assert.equal(expectStatus(await get('rep', '/api/targets/progress'), 200).date, fx.today, 'today by default');
  const mine = expectStatus(await get('rep', `/api/targets/progress?date=${fx.day}`), 200);
  assert.equal(mine.date, fx.day);
  assert.ok(mine.items.length >= 2, 'the demo rep has targets for this year and this week');
  for (const p of mine.items) {
    assert.equal(p.target.scope, `user:${fx.rep.id}`);
    assert.ok(p.target.start <= fx.day && fx.day <= p.target.end);
    const m = expectStatus(await get('rep',
      `/api/metrics?metric=${p.target.metric}&scope=${p.target.scope}&period=${p.target.start}..${fx.day}`), 200);
    assert.equal(p.actual, m.value, `${p.target.metric} ${p.target.period}: actual to date`);
    assert.equal(p.gap, Math.max(0, p.target.value - p.actual));
    if (p.target.value > 0) assert.ok(Math.abs(p.attainment - p.actual / p.target.value) < 1e-9);
    // missed: the period's working days are over (a Sunday evening's week) and it fell short.
    assert.ok(['done', 'on_pace', 'behind', 'missed'].includes(p.status), p.status);
    assert.equal(p.status === 'done', p.actual >= p.target.value);
    assert.equal(p.remaining_days, p.working_days - p.days_over);
    if (p.status === 'missed') assert.equal(p.remaining_days, 0);
  }
  const team = expectStatus(await get('manager',
    `/api/targets/progress?scope=team:${fx.sh1.id}&members=true&date=${fx.day}`), 200);
  assert.ok(team.items.some((p) => p.target.scope === `team:${fx.sh1.id}`));
  assert.ok(team.items.some((p) => p.target.scope === `user:${fx.rep.id}`));
  expectError(await get('rep', `/api/targets/progress?scope=team:${fx.sh1.id}`), 404, 'not_found');
  expectError(await get('rep', '/api/targets/progress?date=2026-13-01'), 400, 'invalid_query', 'date');
  expectError(await get('rep', '/api/targets/progress?members=yes'), 400, 'invalid_query', 'members');
});

test('a day plan: the week\'s targets as daily quotas that add up to it; done counts the day', async () => {
  const first = expectStatus(await get('rep', `/api/plans/day?date=${fx.day}`), 200);
  const visits = first.quotas.find((q) => q.metric === 'visits');
  assert.ok(visits, 'the demo rep has a visits target this week');
  assert.equal(visits.prorated, true);
  const week = expectStatus(await get('rep', `/api/targets/${visits.target_id}`), 200);
  // Every day of the week: the quotas add up to the week; a working day's quota is a task.
  let sum = 0;
  let plan = null;
  for (let day = week.start; day <= week.end; day = addDays(day, 1)) {
    const p = expectStatus(await get('rep', `/api/plans/day?date=${day}`), 200);
    const q = p.quotas.find((x) => x.metric === 'visits');
    sum += q?.quota ?? 0;
    if (q?.quota > 0 && !plan) plan = p;
  }
  assert.equal(sum, week.value, 'the week\'s quotas add up to its target');
  assert.ok(plan, 'a day of the week has a visits quota');
  const m = expectStatus(await get('rep', `/api/metrics?metric=visits&scope=user:${fx.rep.id}&period=${plan.date}`), 200);
  assert.equal(plan.quotas.find((q) => q.metric === 'visits').done, m.value);
  assert.ok(plan.tasks.some((t) => t.kind === 'quota' && t.title === 'visits' && t.important && t.urgent));
  // The quadrant's order: important and urgent first, then important, urgent, the rest.
  const rank = (t) => (t.important && t.urgent ? 0 : t.important ? 1 : t.urgent ? 2 : 3);
  const ranks = plan.tasks.map(rank);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  // A manager reads a member's plan; a rep nobody else's.
  const seen = expectStatus(await get('manager', `/api/plans/day?user=${fx.rep.id}`), 200);
  assert.equal(seen.user_id, fx.rep.id);
  expectError(await get('rep', `/api/plans/day?user=${fx.teammate.id}`), 404, 'not_found');
});

test('a visit logged today counts in the day plan at once', async () => {
  let before = expectStatus(await get('rep', '/api/plans/day'), 200);
  if (!before.quotas.some((q) => q.metric === 'visits')) {
    // Long after the demo: this week has no visits target yet, the manager sets one.
    expectStatus(await post('manager', '/api/targets',
      { metric: 'visits', scope: `user:${fx.rep.id}`, period: isoWeek(before.date), value: 10 }), 201);
    before = expectStatus(await get('rep', '/api/plans/day'), 200);
  }
  const visits = before.quotas.find((q) => q.metric === 'visits');
  const customer = expectStatus(await post('rep', '/api/customers', { name: unique('计划客户') }), 201);
  const now = new Date().toISOString();
  expectStatus(await post('rep', '/api/activities', { type: 'visit', customer_id: customer.id, started_at: now }), 201);
  const after = expectStatus(await get('rep', `/api/plans/day?date=${before.date}`), 200);
  const m = expectStatus(await get('rep', `/api/metrics?metric=visits&scope=user:${fx.rep.id}&period=${before.date}`), 200);
  assert.equal(after.quotas.find((q) => q.metric === 'visits').done, m.value);
  if (visits) assert.ok(m.value >= visits.done);
});

test('tasks: added, ticked and removed by their owner only, version-checked', async () => {
  const title = unique('拜访准备');
  await assertNothingWritten(['/api/plans/day'], async () => {
    expectError(await post('rep', '/api/plans/tasks', { title: '' }), 400, 'missing_field', 'title');
    expectError(await post('rep', '/api/plans/tasks', { title: 'x'.repeat(201) }), 400, 'invalid_field', 'title');
    expectError(await post('rep', '/api/plans/tasks', { title, date: '2026-02-30' }), 400, 'invalid_field', 'date');
    expectError(await post('rep', '/api/plans/tasks', { title, urgent: 'yes' }), 400, 'invalid_field', 'urgent');
  }, 'refused tasks');
  const t = expectStatus(await post('rep', '/api/plans/tasks', { title, important: true }), 201);
  assert.equal(t.date, fx.today);
  assert.equal(t.done, false);
  let plan = expectStatus(await get('rep', '/api/plans/day'), 200);
  const listed = plan.tasks.find((x) => x.id === t.id);
  assert.equal(listed.kind, 'task');
  assert.equal(listed.important, true);
  assert.equal(listed.urgent, false);
  // A manager sees it in the rep's plan but does not tick it.
  const seen = expectStatus(await get('manager', `/api/plans/day?user=${fx.rep.id}`), 200);
  assert.ok(seen.tasks.some((x) => x.id === t.id));
  expectError(await patch('manager', `/api/plans/tasks/${t.id}`, { version: t.version, done: true }), 403, 'forbidden');
  expectError(await patch('analyst', `/api/plans/tasks/${t.id}`, { version: t.version, done: true }), 403, 'forbidden');
  const ticked = expectStatus(await patch('rep', `/api/plans/tasks/${t.id}`, { version: t.version, done: true }), 200);
  assert.equal(ticked.done, true);
  assert.ok(ticked.done_at);
  expectError(await patch('rep', `/api/plans/tasks/${t.id}`, { version: t.version, done: false }), 409, 'version_conflict');
  plan = expectStatus(await get('rep', '/api/plans/day'), 200);
  assert.equal(plan.tasks.find((x) => x.id === t.id).done, true);
  expectError(await del('rep', `/api/plans/tasks/${t.id}?version=${t.version}`), 409, 'version_conflict');
  expectError(await del('manager', `/api/plans/tasks/${t.id}?version=${ticked.version}`), 403, 'forbidden');
  expectStatus(await del('rep', `/api/plans/tasks/${t.id}?version=${ticked.version}`), 204);
  plan = expectStatus(await get('rep', '/api/plans/day'), 200);
  assert.ok(!plan.tasks.some((x) => x.id === t.id));
});

test('the reverse funnel: orders, opportunities and visits a revenue target takes, per week', async () => {
  const month = fx.day.slice(0, 7);
  const target = (await fx.targets('rep', `user:${fx.rep.id}`, 'orders_amount', month))[0];
  const f = expectStatus(await get('rep', `/api/plans/reverse-funnel?target=${target.id}`), 200);
  assert.ok(f.basis, 'the demo rep has history to plan from');
  assert.equal(f.need.orders, Math.ceil(target.value / f.rates.average_order));
  assert.equal(f.need.opportunities, Math.ceil(f.need.orders / f.rates.win_rate - 1e-9));
  assert.equal(f.need.visits, Math.ceil(f.need.opportunities * f.rates.visits_per_opportunity - 1e-9));
  assert.equal(f.per_week.visits, Math.ceil(f.need.visits * 5 / f.working_days));
  assert.ok(f.from < target.start && f.to < target.start);
  const visits = (await fx.targets('rep', `user:${fx.rep.id}`, 'visits',
    expectStatus(await get('rep', `/api/plans/day?date=${fx.day}`), 200).quotas.find((q) => q.metric === 'visits').source_period))[0];
  expectError(await get('rep', `/api/plans/reverse-funnel?target=${visits.id}`), 400, 'invalid_query', 'target');
  expectError(await get('rep', '/api/plans/reverse-funnel'), 400, 'invalid_query', 'target');
  expectError(await get('rep', `/api/plans/reverse-funnel?target=${fx.orgYear.id}`), 404, 'not_found');
});

test('a year split into months by last year\'s seasonality, learned from the scope\'s history', async () => {
  const own = (await fx.targets('manager', `user:${fx.rep.id}`, 'orders_amount', fx.year))[0];
  const preview = expectStatus(await post('manager', `/api/targets/${own.id}/split`,
    { down: 'calendar', into: 'month', method: 'last_year' }), 200);
  assert.equal(preview.parts.length, 12);
  assert.equal(preview.sum, own.value);
  const last = String(Number(fx.year) - 1);
  const before = [];
  for (const p of preview.parts) {
    const m = expectStatus(await get('manager',
      `/api/metrics?metric=orders_amount&scope=user:${fx.rep.id}&period=${last}${p.period.slice(4)}&compare=full`), 200);
    before.push(Math.max(0, m.value));
  }
  const total = before.reduce((a, b) => a + b, 0);
  assert.ok(total > 0, 'the demo rep sold last year');
  preview.parts.forEach((p, i) => {
    assert.ok(Math.abs(p.value - own.value * before[i] / total) <= 1, `${p.period}: ${p.value}`);
  });
  // The demo set this year's months already: saving is refused, nothing written.
  expectError(await post('manager', `/api/targets/${own.id}/split`,
    { down: 'calendar', into: 'month', method: 'last_year', save: true }), 409, 'already_exists', 'parts');
  expectError(await post('manager', `/api/targets/${own.id}/split`,
    { down: 'calendar', into: 'month', method: 'by_magic' }), 400, 'invalid_field', 'method');
});

test('a new rep with no history plans at their team\'s rates, and the answer says so', async () => {
  const rookie = await createUser({ username: unique('rookie'), display_name: unique('新人') });
  await createMembership(rookie.id, fx.sh1.id, { valid_from: `${Number(fx.year) - 2}-01-01` });
  const month = fx.day.slice(0, 7);
  const target = expectStatus(await post('manager', '/api/targets', {
    metric: 'orders_amount', scope: `user:${rookie.id}`, period: month, value: 30_000_000,
  }), 201);
  const f = expectStatus(await get('manager', `/api/plans/reverse-funnel?target=${target.id}`), 200);
  assert.equal(f.basis.scope, `team:${fx.sh1.id}`);
  assert.equal(f.basis.scope_name, '上海一部');
  // The team's rates, from the metrics over the same twelve months.
  const range = `${f.from}..${f.to}`;
  const metric = async (m) => expectStatus(await get('manager',
    `/api/metrics?metric=${m}&scope=team:${fx.sh1.id}&period=${range}&compare=full`), 200).value;
  const [amount, orders, winRate] = [await metric('orders_amount'), await metric('orders_count'), await metric('win_rate')];
  assert.ok(Math.abs(f.rates.average_order - amount / orders) <= 0.5, 'average order, half to even');
  assert.ok(Math.abs(f.rates.win_rate - winRate) < 1e-9);
  assert.equal(f.need.orders, Math.ceil(30_000_000 / f.rates.average_order));
});
