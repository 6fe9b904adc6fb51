// 一键分解 (SPEC §3): a target decomposed all the way down in one step — down the organisation to
// every person, then each person's part down the calendar — every level adding up to the one
// above; previewed per level, saved all at once (or not at all), audited once.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { assertNothingWritten, discover, expectError, expectStatus, get, post } from '../lib.mjs';

// A year no other test sets a target for.
const YEAR = '2032';

let fx;
before(async () => {
  const d = await discover();
  const rep = d.user('rep');
  fx = { d, rep, sh1: d.team('上海一部') };
});

const targetsOf = async (as, scope, metric, period) =>
  expectStatus(await get(as, `/api/targets?scope=${scope}&metric=${metric}&period=${period}`), 200).items;

test('a team\'s year reaches every member\'s months in one step, adding up at every level', async () => {
  const root = expectStatus(await post('manager', '/api/targets', {
    metric: 'calls', scope: `team:${fx.sh1.id}`, period: YEAR, value: 100_003,
  }), 201);
  const path = `/api/targets/${root.id}/decompose`;
  const preview = expectStatus(await post('manager', path, { into: 'month' }), 200);
  assert.equal(preview.root.id, root.id);
  assert.equal(preview.saved, 0);
  assert.equal(preview.existing, 0);
  assert.equal(preview.count, preview.levels.reduce((n, l) => n + l.count, 0));
  // The members (and any sub-teams) first; every member's year in months below them.
  const people = preview.levels.find((l) => l.kind === 'user');
  const months = preview.levels.find((l) => l.kind === 'month');
  assert.ok(people.count >= 2, 'the demo team has members');
  assert.equal(months.count, 12 * people.count);
  assert.equal(months.depth, people.depth + 1);
  assert.equal(months.sum, people.sum, 'the months add up to the people');
  const first = preview.levels.filter((l) => l.depth === 1).reduce((n, l) => n + l.sum, 0);
  assert.equal(first, 100_003, 'the first level adds up to the target, to the unit');
  // A preview writes nothing.
  assert.deepEqual(await targetsOf('manager', `user:${fx.rep.id}`, 'calls', YEAR), []);

  const saved = expectStatus(await post('manager', path, { into: 'month', save: true }), 201);
  assert.equal(saved.saved, preview.count);
  const year = (await targetsOf('manager', `user:${fx.rep.id}`, 'calls', YEAR)).filter((t) => t.period === YEAR);
  assert.equal(year.length, 1, 'the rep has their part of the year');
  const own = (await targetsOf('rep', `user:${fx.rep.id}`, 'calls', YEAR)).filter((t) => /^\d{4}-\d{2}$/.test(t.period));
  assert.equal(own.length, 12);
  assert.equal(own.reduce((n, t) => n + t.value, 0), year[0].value, 'the rep\'s months add up to their year');
  // The tree shows no gap under the team.
  const tree = expectStatus(await get('manager', `/api/targets/${root.id}/tree`), 200);
  assert.equal(tree.root.gap, 0);
  assert.equal(tree.root.missing, 0);
  // One change, one audit entry on the target it started from.
  const audit = expectStatus(await get('admin', `/api/audit-entries?entity=target&entity_id=${root.id}`), 200).items;
  const entry = audit.find((x) => x.action === 'decompose');
  assert.equal(entry.after.count, preview.count);
  assert.equal(entry.after.into, 'month');

  // Again: every part exists now — the preview says so, a save is refused and changes nothing.
  const again = expectStatus(await post('manager', path, { into: 'month' }), 200);
  assert.equal(again.existing, again.count);
  await assertNothingWritten([`/api/targets?metric=calls&period=${YEAR}`], async () => {
    expectError(await post('manager', path, { into: 'month', save: true }), 409, 'already_exists', 'parts');
  }, 'a second decomposition');
});

test('bad requests name their field; only those who may set every part save', async () => {
  const root = expectStatus(await post('manager', '/api/targets', {
    metric: 'visits', scope: `team:${fx.sh1.id}`, period: YEAR, value: 5_000,
  }), 201);
  const path = `/api/targets/${root.id}/decompose`;
  const own = expectStatus(await post('manager', '/api/targets', {
    metric: 'visits', scope: `user:${fx.rep.id}`, period: `${YEAR}-03`, value: 40,
  }), 201);
  const other = fx.d.teams.find((t) => t.id !== fx.sh1.id && t.parent_id !== fx.sh1.id);
  const theirs = expectStatus(await post('admin', '/api/targets', {
    metric: 'new_leads', scope: `team:${other.id}`, period: YEAR, value: 10,
  }), 201);
  await assertNothingWritten([`/api/targets?metric=visits&period=${YEAR}`], async () => {
    expectError(await post('manager', path, { method: 'by_magic' }), 400, 'invalid_field', 'method');
    expectError(await post('manager', path, { into: 'year' }), 400, 'invalid_field', 'into');
    expectError(await post('manager', path, { into: 'week', calendar_method: 'seasonality' }),
      400, 'invalid_field', 'calendar_method');
    expectError(await post('manager', path, { into: 'day', calendar_method: 'moon' }), 400, 'invalid_field', 'calendar_method');
    expectError(await post('manager', path, { save: 'yes' }), 400, 'invalid_field', 'save');
    // A rep sees neither the team's target nor may set their own.
    expectError(await post('rep', path, { into: 'month' }), 404, 'not_found');
    expectError(await post('rep', `/api/targets/${own.id}/decompose`, { into: 'day', save: true }), 403, 'forbidden');
    // A person's target has nothing below it but the calendar.
    expectError(await post('manager', `/api/targets/${own.id}/decompose`, {}), 400, 'invalid_field', 'into');
    // Another team's target is not the manager's to read.
    expectError(await post('manager', `/api/targets/${theirs.id}/decompose`, {}), 404, 'not_found');
  }, 'refused decompositions');
  // The rep may preview their own month into days (as with a split).
  const days = expectStatus(await post('rep', `/api/targets/${own.id}/decompose`, { into: 'day' }), 200);
  assert.equal(days.levels.length, 1);
  assert.equal(days.levels[0].kind, 'day');
  assert.equal(days.levels[0].sum, 40);
});
