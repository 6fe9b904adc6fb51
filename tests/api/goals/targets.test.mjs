// Targets (SPEC §3): set within the data scope (never one's own), SMART-checked against the
// scope's history, changed only with a reason (the original and every change kept), version-checked,
// and read by the metrics as target:M.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  assertNothingWritten, demoDay, discover, expectError, expectStatus, get, patch, post, todayShanghai,
} from '../lib.mjs';

let fx;
before(async () => {
  const d = await discover();
  const rep = d.user('rep');
  fx = { d, rep, teammate: d.memberOf('上海一部', [rep.id]), sh1: d.team('上海一部'), demoDay: await demoDay() };
});

// A month far enough ahead that no other test sets a target for it.
const FUTURE = ['2031-01', '2031-02', '2031-03', '2031-04', '2031-05', '2031-06', '2031-07'];

test('a manager sets a rep\'s monthly target; the rep and the metrics read it', async () => {
  const t = expectStatus(await post('manager', '/api/targets', {
    metric: 'orders_amount', scope: `user:${fx.rep.id}`, period: FUTURE[0], value: 50_000_000,
  }), 201);
  assert.equal(t.metric, 'orders_amount');
  assert.equal(t.scope, `user:${fx.rep.id}`);
  assert.equal(t.period, FUTURE[0]);
  assert.equal(t.start, '2031-01-01');
  assert.equal(t.end, '2031-01-31');
  assert.equal(t.value, 50_000_000);
  assert.equal(t.original_value, 50_000_000);
  assert.ok(Array.isArray(t.warnings));
  const own = expectStatus(await get('rep', `/api/targets/${t.id}`), 200);
  assert.equal(own.value, 50_000_000);
  assert.deepEqual(own.adjustments, []);
  const listed = expectStatus(await get('rep', `/api/targets?period=${FUTURE[0]}`), 200).items;
  assert.ok(listed.some((x) => x.id === t.id));
  const m = expectStatus(await get('manager',
    `/api/metrics?metric=target:orders_amount&scope=user:${fx.rep.id}&period=${FUTURE[0]}&compare=full`), 200);
  assert.equal(m.value, 50_000_000);
  // A week of it is prorated by working days (2031-W03: 5 of January's 23).
  const w = expectStatus(await get('manager',
    `/api/metrics?metric=target:orders_amount&scope=user:${fx.rep.id}&period=2031-W03&compare=full`), 200);
  assert.equal(w.value, Math.round(50_000_000 * 5 / 23));
});

test('nobody sets their own target, a rep none at all, and nobody outside their scope', async () => {
  const body = { metric: 'visits', scope: `user:${fx.rep.id}`, period: FUTURE[1], value: 40 };
  await assertNothingWritten(['/api/targets'], async () => {
    expectError(await post('rep', '/api/targets', body), 403, 'forbidden');
    expectError(await post('rep', '/api/targets', { ...body, scope: `user:${fx.teammate.id}` }), 404, 'not_found');
    expectError(await post('analyst', '/api/targets', body), 403, 'forbidden');
    expectError(await post('rep', '/api/targets', { ...body, scope: `team:${fx.sh1.id}` }), 404, 'not_found');
  }, 'refused targets');
  const mine = expectStatus(await post('manager', '/api/targets', body), 201);
  // The teammate's own list does not show the rep's target.
  const theirs = expectStatus(await get('rep', `/api/targets?period=${FUTURE[1]}`), 200).items;
  assert.ok(theirs.some((x) => x.id === mine.id));
  expectError(await get('analyst', '/api/targets/999999999'), 404, 'not_found');
});

test('bad targets are refused with the field at fault and change nothing', async () => {
  const ok = { metric: 'orders_amount', scope: `user:${fx.rep.id}`, period: FUTURE[2], value: 1 };
  await assertNothingWritten(['/api/targets'], async () => {
    expectError(await post('manager', '/api/targets', { ...ok, metric: 'win_rate' }), 400, 'invalid_field', 'metric');
    expectError(await post('manager', '/api/targets', { ...ok, period: '2031-03-01..2031-03-10' }), 400, 'invalid_field', 'period');
    expectError(await post('manager', '/api/targets', { ...ok, value: -5 }), 400, 'invalid_field', 'value');
    expectError(await post('manager', '/api/targets', { ...ok, scope: 'org,team:1' }), 400, 'invalid_field', 'scope');
    expectError(await post('manager', '/api/targets', { metric: 'visits', scope: `user:${fx.rep.id}`, value: 3 }),
      400, 'missing_field', 'period');
  }, 'bad targets');
  expectStatus(await post('manager', '/api/targets', ok), 201);
  expectError(await post('manager', '/api/targets', ok), 409, 'already_exists', 'period');
});

test('a change needs a reason, keeps the original and every change, and a stale one is 409', async () => {
  const t = expectStatus(await post('manager', '/api/targets', {
    metric: 'new_leads', scope: `user:${fx.rep.id}`, period: FUTURE[3], value: 40,
  }), 201);
  const path = `/api/targets/${t.id}`;
  await assertNothingWritten([path], async () => {
    expectError(await patch('manager', path, { value: 30, version: t.version }), 400, 'missing_field', 'reason');
    expectError(await patch('manager', path, { value: 30, reason: '', version: t.version }), 400, 'missing_field', 'reason');
  }, 'no reason');
  const changed = expectStatus(await patch('manager', path, { value: 30, reason: '大客户延期到下季度', version: t.version }), 200);
  assert.equal(changed.value, 30);
  assert.equal(changed.original_value, 40);
  assert.equal(changed.version, t.version + 1);
  const read = expectStatus(await get('rep', path), 200);
  assert.equal(read.adjustments.length, 1);
  const a = read.adjustments[0];
  assert.equal(a.old_value, 40);
  assert.equal(a.new_value, 30);
  assert.equal(a.reason, '大客户延期到下季度');
  assert.ok(a.user_name);
  // Two managers from the same version: the second is told who won.
  const e = expectError(await patch('director', path, { value: 35, reason: '重新评估', version: t.version }), 409, 'version_conflict');
  assert.equal(e.current_version, changed.version);
  expectError(await patch('rep', path, { value: 99, reason: '我想改', version: changed.version }), 403, 'forbidden');
  const audit = expectStatus(await get('admin', `/api/audit-entries?entity=target&entity_id=${t.id}`), 200);
  assert.deepEqual(audit.items.map((x) => x.action).sort(), ['create', 'update']);
});

test('the SMART check warns from the scope\'s own history, and saves anyway', async () => {
  // The demo's month a year before (this year's months have the demo's targets): a year of
  // history before it.
  const month = `${Number(fx.demoDay.slice(0, 4)) - 1}${fx.demoDay.slice(4, 7)}`;
  const low = expectStatus(await post('manager', '/api/targets', {
    metric: 'orders_amount', scope: `user:${fx.rep.id}`, period: month, value: 1,
  }), 201);
  assert.equal(low.warnings.length, 1);
  assert.equal(low.warnings[0].warning, 'not_challenging');
  assert.ok(low.warnings[0].trailing_average > 1);
  const high = expectStatus(await post('manager', '/api/targets', {
    metric: 'orders_count', scope: `user:${fx.rep.id}`, period: month, value: 1_000_000,
  }), 201);
  assert.equal(high.warnings.length, 1);
  assert.equal(high.warnings[0].warning, 'not_achievable');
  assert.ok(high.warnings[0].best < 1_000_000);
});

test('a director\'s team target splits to its members, adding up to the 分, and is saved once', async () => {
  const t = expectStatus(await post('director', '/api/targets', {
    metric: 'orders_amount', scope: `team:${fx.sh1.id}`, period: FUTURE[4], value: 1_000_001,
  }), 201);
  const path = `/api/targets/${t.id}/split`;
  const preview = expectStatus(await post('manager', path, { down: 'org' }), 200);
  // The parts: the team's sub-teams, then its members today (not its leader).
  const today = todayShanghai();
  const expected = [
    ...fx.d.teams.filter((x) => x.parent_id === fx.sh1.id).map((x) => `team:${x.id}`),
    ...fx.d.memberships.filter((m) => m.team_id === fx.sh1.id && m.role === 'member' && m.valid_from <= today &&
      (m.valid_to === null || today < m.valid_to)).map((m) => `user:${m.user_id}`),
  ];
  assert.ok(expected.length >= 2);
  assert.deepEqual(preview.parts.map((p) => p.scope).sort(), expected.sort());
  assert.ok(preview.parts.every((p) => p.period === FUTURE[4]));
  assert.equal(preview.sum, 1_000_001);
  assert.equal(preview.parts.reduce((n, p) => n + p.value, 0), 1_000_001);
  const values = preview.parts.map((p) => p.value);
  assert.ok(Math.max(...values) - Math.min(...values) <= 1, 'equal shares, one 分 apart at most');
  assert.deepEqual(preview.saved, []);
  // A preview writes nothing; a save makes every part's target at once.
  const saved = expectStatus(await post('manager', path, { down: 'org', save: true }), 201);
  assert.equal(saved.saved.length, preview.parts.length);
  // One change, one audit entry on the parent, listing every part it made.
  const audit = expectStatus(await get('admin', `/api/audit-entries?entity=target&entity_id=${t.id}`), 200).items;
  const split = audit.filter((x) => x.action === 'split');
  assert.equal(split.length, 1);
  assert.deepEqual(split[0].after.parts.map((p) => [p.id, p.scope, p.value]).sort(),
    saved.saved.map((p) => [p.id, p.scope, p.value]).sort());
  assert.equal(split[0].after.down, 'org');
  const rep = saved.saved.find((x) => x.scope === `user:${fx.rep.id}`);
  if (rep) assert.equal(expectStatus(await get('rep', `/api/targets/${rep.id}`), 200).set_by !== null, true);
  const again = expectStatus(await post('manager', path, { down: 'org' }), 200);
  assert.ok(again.parts.every((p) => p.existing_id !== null));
  await assertNothingWritten(['/api/targets'], async () => {
    expectError(await post('manager', path, { down: 'org', save: true }), 409, 'already_exists', 'parts');
    expectError(await post('manager', path, { down: 'org', method: 'weights', weights: [1], save: true }), 400, 'invalid_field', 'weights');
    expectError(await post('manager', path, { down: 'sideways' }), 400, 'invalid_field', 'down');
  }, 'refused splits');
});

test('a rep\'s month splits to working days; seasonality only splits a year', async () => {
  const t = expectStatus(await post('manager', '/api/targets', {
    metric: 'visits', scope: `user:${fx.rep.id}`, period: FUTURE[5], value: 100,
  }), 201);
  const path = `/api/targets/${t.id}/split`;
  const days = expectStatus(await post('rep', path, { down: 'calendar', into: 'day' }), 200);
  // June 2031's 21 working days (no part for a weekend: no target of 0 for every Saturday).
  assert.equal(days.parts.length, 21);
  assert.equal(days.sum, 100);
  for (const p of days.parts) {
    const weekday = new Date(`${p.period}T00:00:00Z`).getUTCDay();
    assert.ok(weekday !== 0 && weekday !== 6, `${p.period} is a working day`);
    assert.ok(p.value === 4 || p.value === 5, `${p.period}: 100 over 21 days`);
  }
  // The rep may look, not save: nobody sets their own targets.
  expectError(await post('rep', path, { down: 'calendar', into: 'day', save: true }), 403, 'forbidden');
  expectError(await post('manager', path, { down: 'calendar', into: 'month', method: 'seasonality' }), 400, 'invalid_field', 'method');
  expectError(await post('manager', path, { down: 'calendar', into: 'year' }), 400, 'invalid_field', 'into');
  expectError(await post('manager', path, { down: 'calendar', into: 'day', weights: ['a'] }), 400, 'invalid_field', 'weights');
  const year = expectStatus(await post('director', '/api/targets', {
    metric: 'new_buyers', scope: `team:${fx.sh1.id}`, period: '2031', value: 1200,
  }), 201);
  const season = [5, 6, 8, 8, 8, 9, 8, 8, 9, 9, 10, 12];
  const months = expectStatus(await post('director', `/api/targets/${year.id}/split`,
    { down: 'calendar', into: 'month', method: 'seasonality', weights: season }), 200);
  assert.deepEqual(months.parts.map((p) => p.value), season.map((w) => w * 12));
  assert.equal(months.parts[9].period, '2031-10');
});

test('the org keeps a seasonality and the SMART factor; a split and a check use them', async () => {
  const org = expectStatus(await get('admin', '/api/org'), 200);
  assert.equal(org.smart_factor_pct, 150);
  const season = [7, 5, 8, 8, 8, 9, 8, 8, 9, 8, 9, 13];
  await assertNothingWritten(['/api/org'], async () => {
    expectError(await patch('admin', '/api/org', { version: org.version, seasonality: season.slice(1) }),
      400, 'invalid_field', 'seasonality');
    expectError(await patch('admin', '/api/org', { version: org.version, seasonality: Array(12).fill(0) }),
      400, 'invalid_field', 'seasonality');
    expectError(await patch('admin', '/api/org', { version: org.version, smart_factor_pct: 100 }),
      400, 'invalid_field', 'smart_factor_pct');
    expectError(await patch('manager', '/api/org', { version: org.version, smart_factor_pct: 200 }), 403, 'forbidden');
  }, 'refused settings');
  let saved = expectStatus(await patch('admin', '/api/org', { version: org.version, seasonality: season }), 200);
  assert.deepEqual(saved.seasonality, season);

  // A year split by seasonality without weights takes the org's: 10,000 × 7 % = 700 …
  const year = expectStatus(await post('manager', '/api/targets', {
    metric: 'calls', scope: `user:${fx.rep.id}`, period: '2036', value: 10_000,
  }), 201);
  const split = expectStatus(await post('manager', `/api/targets/${year.id}/split`,
    { down: 'calendar', into: 'month', method: 'seasonality' }), 200);
  assert.deepEqual(split.parts.map((p) => p.value), season.map((w) => w * 100));

  // The SMART factor: a target 3 × the best month warns at 150 %, not at 1000 %.
  const month = `${Number(fx.demoDay.slice(0, 4)) - 1}${fx.demoDay.slice(4, 7)}`;
  const probe = expectStatus(await post('manager', '/api/targets', {
    metric: 'orders_count', scope: `user:${fx.teammate.id}`, period: month, value: 1_000_000,
  }), 201);
  const best = probe.warnings.find((w) => w.warning === 'not_achievable').best;
  assert.ok(best > 0);
  const high = expectStatus(await patch('manager', `/api/targets/${probe.id}`,
    { value: best * 3, reason: '按历史最好的三倍', version: probe.version }), 200);
  assert.ok(high.warnings.some((w) => w.warning === 'not_achievable'));
  saved = expectStatus(await patch('admin', '/api/org', { version: saved.version, smart_factor_pct: 1000 }), 200);
  const again = expectStatus(await patch('manager', `/api/targets/${probe.id}`,
    { value: best * 3 + 1, reason: '上限放宽后', version: high.version }), 200);
  assert.ok(!again.warnings.some((w) => w.warning === 'not_achievable'), JSON.stringify(again.warnings));
  // Back as the other tests expect it.
  expectStatus(await patch('admin', '/api/org', { version: saved.version, smart_factor_pct: 150, seasonality: org.seasonality }), 200);
});

test('a week cut at a year\'s edge is a target of each year\'s split; by hand its label is taken once', async () => {
  // ISO week 2037-W53 runs from Monday 28 December 2037 to Sunday 3 January 2038: 2037's weeks
  // end with its first four days and 2038's begin with its last three.
  const weeks = [];
  for (const year of ['2037', '2038']) {
    const t = expectStatus(await post('manager', '/api/targets', {
      metric: 'emails', scope: `user:${fx.rep.id}`, period: year, value: 5_200,
    }), 201);
    const split = expectStatus(await post('manager', `/api/targets/${t.id}/split`,
      { down: 'calendar', into: 'week', save: true }), 201);
    assert.equal(split.sum, 5_200);
    weeks.push(split.parts);
  }
  const last = weeks[0].at(-1);
  const first = weeks[1][0];
  assert.equal(last.period, first.period);
  assert.deepEqual([last.start, last.end, first.start, first.end],
    ['2037-12-28', '2037-12-31', '2038-01-01', '2038-01-03']);
  // The week set by hand is the whole ISO week: its label is already a target of this scope.
  await assertNothingWritten(['/api/targets'], async () => {
    expectError(await post('manager', '/api/targets', {
      metric: 'emails', scope: `user:${fx.rep.id}`, period: first.period, value: 100,
    }), 409, 'already_exists', 'period');
  }, 'a second target for the label');
});
