// Next week's goals (docs/reports.md "Next week's goals"): the goals section of a submitted report
// becomes the author's targets for the next period when the manager accepts them, through the
// goals capability (a target already set is reported, not overwritten); the author may not accept
// their own. Periods from the server's today; the author is a fresh rep of 上海一部.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { addDays, discover, expectError, expectStatus, get, patch, post } from '../lib.mjs';
import { createDraft, metricValue, newMember, readReport, serverToday, submit, weekAfter } from './report_fixtures.mjs';

let fx;
before(async () => {
  const d = await discover();
  const today = await serverToday();
  const sh1 = d.team('上海一部');
  fx = {
    d, today, sh1,
    author: await newMember(sh1.id, { validFrom: addDays(today, -100) }),
    managerId: expectStatus(await get('manager', '/api/auth/me'), 200).user.id,
    week: weekAfter(today, 1),
    following: weekAfter(today, 2),
  };
});

const GOALS = [
  { metric: 'orders_amount', value: 3_000_000 },
  { metric: 'visits', value: 12 },
  { metric: 'new_leads', value: 6 },
];

// The author's targets of exactly `period`, by metric.
async function targetsOf(userId, period) {
  const items = expectStatus(await get('admin', `/api/targets?scope=user:${userId}&period=${period}`), 200).items
    .filter((x) => x.period === period && x.scope === `user:${userId}`);
  return Object.fromEntries(items.map((x) => [x.metric, x]));
}

test('the manager accepts a submitted report\'s goals: they become next week\'s targets; one set before is kept', async () => {
  const scope = `user:${fx.author.user.id}`;
  let r = await createDraft(fx.author.as, fx.week.period, { next_goals: GOALS });
  assert.deepEqual(r.next_goals, GOALS);

  // Only additive metrics and whole values ≥ 0 are goals.
  for (const bad of [[{ metric: 'win_rate', value: 1 }], [{ metric: 'visits', value: -1 }], [{ metric: 'nope', value: 3 }]]) {
    const res = await patch(fx.author.as, `/api/reports/${r.id}`, { next_goals: bad, version: r.version });
    assert.ok([400, 422].includes(res.status), `${JSON.stringify(bad)}: ${res.status} ${res.text}`);
    assert.ok(String(res.body?.error?.field ?? '').startsWith('next_goals'), res.text);
  }
  assert.deepEqual((await readReport(fx.author.as, r.id)).next_goals, GOALS);

  // A draft's goals are nobody's to accept.
  expectError(await post('manager', `/api/reports/${r.id}/accept-goals`, { version: r.version }), 404, 'not_found');
  r = await submit(fx.author.as, r);
  assert.deepEqual(r.next_goals, GOALS);
  assert.equal(r.can.accept_goals, false, 'not the author\'s to accept');
  assert.equal(r.goals_accepted_at, null);

  // The manager had already set next week's visits.
  const preset = expectStatus(await post('manager', '/api/targets', {
    metric: 'visits', scope, period: fx.following.period, value: 10,
  }), 201);

  expectError(await post(fx.author.as, `/api/reports/${r.id}/accept-goals`, { version: r.version }), 403, 'forbidden',
    null, 'the author accepts their own goals');
  expectError(await post('analyst', `/api/reports/${r.id}/accept-goals`, { version: r.version }), 403, 'forbidden');
  expectError(await post('rep', `/api/reports/${r.id}/accept-goals`, { version: r.version }), 404, 'not_found');
  assert.deepEqual(Object.keys(await targetsOf(fx.author.user.id, fx.following.period)), ['visits'],
    'nothing accepted yet');

  const seen = await readReport('manager', r.id);
  assert.equal(seen.can.accept_goals, true);
  expectError(await post('manager', `/api/reports/${r.id}/accept-goals`, { version: seen.version - 1 }), 409,
    'version_conflict');
  const res = expectStatus(await post('manager', `/api/reports/${r.id}/accept-goals`, { version: seen.version }), 200);
  assert.ok(res.report.goals_accepted_at && Number.isFinite(Date.parse(res.report.goals_accepted_at)));
  assert.equal(res.report.can.accept_goals, false, 'accepted once');
  const by = Object.fromEntries(res.targets.map((x) => [x.metric, x]));
  assert.deepEqual(Object.keys(by).sort(), GOALS.map((g) => g.metric).sort());
  for (const x of res.targets) assert.equal(x.period, fx.following.period);
  assert.deepEqual([by.orders_amount.status, by.orders_amount.value], ['created', 3_000_000]);
  assert.deepEqual([by.new_leads.status, by.new_leads.value], ['created', 6]);
  assert.equal(by.visits.status, 'exists', 'the target set before is reported');
  assert.ok(by.visits.id === null || by.visits.id === preset.id, `its id, or null: ${by.visits.id}`);

  const now = await targetsOf(fx.author.user.id, fx.following.period);
  assert.deepEqual(Object.fromEntries(Object.entries(now).map(([m, x]) => [m, x.value])),
    { orders_amount: 3_000_000, visits: 10, new_leads: 6 }, 'the goals are the targets; visits not overwritten');
  assert.equal(now.orders_amount.id, by.orders_amount.id);
  assert.equal(now.new_leads.id, by.new_leads.id);
  // Targets like any other: the author reads them, the metrics see them, the audit log has them.
  expectStatus(await get(fx.author.as, `/api/targets/${by.orders_amount.id}`), 200);
  assert.equal(await metricValue('target:orders_amount', scope, fx.following.period), 3_000_000);
  const audit = expectStatus(await get('admin', `/api/audit-entries?entity=target&entity_id=${by.new_leads.id}`), 200);
  assert.ok(audit.items.some((x) => x.action === 'create' && x.user_id === fx.managerId),
    `audited as the manager's: ${JSON.stringify(audit.items[0])}`);
  const after = await readReport(fx.author.as, r.id);
  assert.equal(after.goals_accepted_at, res.report.goals_accepted_at);
});
