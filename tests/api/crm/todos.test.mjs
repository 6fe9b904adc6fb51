// The to-do list beyond one's own (SPEC §1 data scope, issue 11 §3): a manager's team view grouped
// by person with counts, one person's items on request, 催办 (a reminder) down the data scope, and
// to-dos marked done or snoozed by whoever may change the record. Every expectation is derived
// from records this file makes, never from how old the demo is.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  DAY_MS, addDays, discover, expectError, expectStatus, get, post, todayShanghai, unique,
} from '../lib.mjs';


let fx;
before(async () => {
  const d = await discover();
  const rep = d.user('rep');
  const manager = d.user('manager');
  fx = {
    rep,
    manager,
    teammate: d.memberOf('上海一部', [rep.id, manager.id]),
    outsider: d.memberOf('广州团队'),
    today: todayShanghai(),
  };
});

// A customer of `owner` whose next follow-up was `days` days ago, made by the manager.
async function overdueCustomer(owner, days = 4) {
  return expectStatus(await post('admin', '/api/customers', {
    name: unique('待办客户'), owner_id: owner.id, next_follow_up: addDays(fx.today, -days),
  }), 201);
}

// An open opportunity of `owner` whose only activity was 40 days ago.
async function stalledOpportunity(owner) {
  const customer = expectStatus(await post('admin', '/api/customers', { name: unique('停滞客户'), owner_id: owner.id }), 201);
  const o = expectStatus(await post('admin', '/api/opportunities', {
    name: unique('停滞商机'), customer_id: customer.id, owner_id: owner.id, amount: 100000,
    expected_close: addDays(fx.today, 30),
  }), 201);
  expectStatus(await post('admin', '/api/activities', {
    type: 'call', user_id: owner.id, customer_id: customer.id, opportunity_id: o.id,
    started_at: new Date(Date.now() - 40 * DAY_MS).toISOString(),
  }), 201);
  return o;
}

const todos = async (as, query = '') => expectStatus(await get(as, `/api/todos${query}`), 200, `todos ${query} as ${as}`);

test('the team view counts each person\'s to-dos within the data scope, and lists one person\'s on request', async () => {
  const c = await overdueCustomer(fx.teammate);
  const o = await stalledOpportunity(fx.teammate);

  const team = await todos('manager', '?scope=team');
  assert.ok(team.people.length >= 1);
  const mate = team.people.find((p) => p.user_id === fx.teammate.id);
  assert.ok(mate && mate.follow_ups >= 1 && mate.stalled >= 1, 'the teammate is counted');
  assert.equal(mate.name, fx.teammate.display_name);
  assert.ok(!team.people.some((p) => p.user_id === fx.outsider.id), 'nobody outside the manager\'s teams');
  const totals = team.people.reduce((s, p) => [s[0] + p.follow_ups, s[1] + p.stalled], [0, 0]);
  assert.deepEqual(totals, [team.follow_ups_total, team.stalled_total], 'the counts add up to the totals');
  const sorted = team.people.map((p) => p.follow_ups + p.stalled);
  assert.deepEqual([...sorted].sort((a, b) => b - a), sorted, 'most first');

  const one = await todos('manager', `?scope=team&owner_id=${fx.teammate.id}`);
  assert.ok(one.follow_ups.some((x) => x.id === c.id));
  assert.ok(one.stalled.some((x) => x.id === o.id));
  assert.ok(one.follow_ups.every((x) => x.owner_id === fx.teammate.id));
  assert.equal(one.follow_ups_total, mate.follow_ups);
  assert.equal(one.stalled_total, mate.stalled);

  // A person outside the scope, and owner_id without scope=team, are refused.
  expectError(await get('manager', `/api/todos?scope=team&owner_id=${fx.outsider.id}`), 400, 'invalid_query', 'owner_id');
  expectError(await get('manager', `/api/todos?owner_id=${fx.teammate.id}`), 400, 'invalid_query', 'owner_id');
  // The director of the region sees the same person; a rep's team view is only their own.
  assert.ok((await todos('director', '?scope=team')).people.some((p) => p.user_id === fx.teammate.id));
  assert.ok((await todos('rep', '?scope=team')).people.every((p) => p.user_id === fx.rep.id));
});

test('催办: a manager reminds a member about an item or the whole list; the member sees it', async () => {
  const c = await overdueCustomer(fx.rep, 6);
  const note = unique('请今天跟进');
  const one = expectStatus(await post('manager', '/api/todos/reminders', {
    user_id: fx.rep.id, kind: 'follow_up', record_id: c.id, note,
  }), 201);
  assert.deepEqual([one.from_user_id, one.to_user_id, one.kind, one.record_id, one.note],
    [fx.manager.id, fx.rep.id, 'follow_up', c.id, note]);
  expectStatus(await post('manager', '/api/todos/reminders', { user_id: fx.rep.id }), 201);

  const mine = await todos('rep');
  const got = mine.reminders.find((r) => r.id === one.id);
  assert.ok(got, 'the rep sees the reminder');
  assert.deepEqual([got.from_name, got.record_name, got.read], [fx.manager.display_name, c.name, false]);
  assert.equal(mine.reminders[0].kind, 'all', 'newest first');
  assert.ok(mine.follow_ups.find((x) => x.id === c.id)?.reminded_at, 'the item says it was reminded');
  assert.deepEqual(mine.people, []);

  const team = await todos('manager', '?scope=team');
  assert.ok(team.people.find((p) => p.user_id === fx.rep.id)?.last_reminded_at, 'the team view shows when');

  // Read: the reminders stay listed, read.
  const read = expectStatus(await post('rep', '/api/todos/reminders/read'), 200);
  assert.ok(read.read >= 2);
  assert.ok((await todos('rep')).reminders.every((r) => r.read));

  // Refused: someone outside the scope, oneself, a record of someone else, a rep, an analyst.
  expectError(await post('manager', '/api/todos/reminders', { user_id: fx.outsider.id }), 403, 'forbidden');
  expectError(await post('manager', '/api/todos/reminders', { user_id: fx.manager.id }), 400, 'invalid_field', 'user_id');
  expectError(await post('manager', '/api/todos/reminders', {
    user_id: fx.teammate.id, kind: 'follow_up', record_id: c.id,
  }), 400, 'invalid_field', 'record_id');
  expectError(await post('manager', '/api/todos/reminders', { user_id: fx.rep.id, kind: 'follow_up' }), 400,
    'missing_field', 'record_id');
  expectError(await post('manager', '/api/todos/reminders', { user_id: fx.rep.id, kind: 'call' }), 400,
    'invalid_field', 'kind');
  expectError(await post('rep', '/api/todos/reminders', { user_id: fx.teammate.id }), 403, 'forbidden');
  expectError(await post('analyst', '/api/todos/reminders', { user_id: fx.rep.id }), 403, 'forbidden');
});

test('a follow-up marked done clears the next follow-up; snoozed, it moves; a stale version is 409', async () => {
  const c = await overdueCustomer(fx.rep);
  const snoozed = expectStatus(await post('rep', '/api/todos/snooze', {
    kind: 'follow_up', record_id: c.id, version: c.version, until: addDays(fx.today, 7),
  }), 200);
  assert.deepEqual([snoozed.until, snoozed.version], [addDays(fx.today, 7), c.version + 1]);
  let now = expectStatus(await get('rep', `/api/customers/${c.id}`), 200);
  assert.equal(now.next_follow_up, addDays(fx.today, 7));
  assert.ok(!(await todos('rep')).follow_ups.some((x) => x.id === c.id), 'no longer overdue');

  // The old version is refused and changes nothing.
  expectError(await post('rep', '/api/todos/done', { kind: 'follow_up', record_id: c.id, version: c.version }), 409,
    'version_conflict');
  assert.deepEqual(expectStatus(await get('rep', `/api/customers/${c.id}`), 200), now);

  const done = expectStatus(await post('rep', '/api/todos/done', { kind: 'follow_up', record_id: c.id, version: now.version }), 200);
  assert.equal(done.until, null);
  now = expectStatus(await get('rep', `/api/customers/${c.id}`), 200);
  assert.equal(now.next_follow_up, null);

  // Bad days, kinds and records.
  for (const until of [fx.today, addDays(fx.today, -1), addDays(fx.today, 400), '2026-02-30']) {
    expectError(await post('rep', '/api/todos/snooze', { kind: 'follow_up', record_id: c.id, version: now.version, until }),
      400, 'invalid_field', 'until');
  }
  expectError(await post('rep', '/api/todos/done', { kind: 'visit', record_id: c.id, version: now.version }), 400,
    'invalid_field', 'kind');
  const theirs = await overdueCustomer(fx.outsider);
  expectError(await post('manager', '/api/todos/done', { kind: 'follow_up', record_id: theirs.id, version: theirs.version }),
    404, 'not_found');
  expectError(await post('analyst', '/api/todos/done', { kind: 'follow_up', record_id: c.id, version: now.version }),
    403, 'forbidden');
});

test('a stalled opportunity snoozed or done leaves the list until its day', async () => {
  const a = await stalledOpportunity(fx.rep);
  const b = await stalledOpportunity(fx.rep);
  const before = await todos('rep');
  assert.ok(before.stalled.some((x) => x.id === a.id) && before.stalled.some((x) => x.id === b.id));

  const s = expectStatus(await post('rep', '/api/todos/snooze', { kind: 'stalled', record_id: a.id, until: addDays(fx.today, 3) }), 200);
  assert.equal(s.until, addDays(fx.today, 3));
  const d = expectStatus(await post('manager', '/api/todos/done', { kind: 'stalled', record_id: b.id }), 200);
  assert.equal(d.until, addDays(fx.today, before.stall_days), 'done hides it for the org\'s stall_days');
  const after = await todos('rep');
  assert.ok(!after.stalled.some((x) => x.id === a.id || x.id === b.id));
  assert.equal(after.stalled_total, before.stalled_total - 2);

  // The risk list (the same stalled opportunities) follows.
  const risks = expectStatus(await get('manager', '/api/analysis/risks'), 200);
  assert.ok(!risks.stalled.some((x) => x.id === a.id || x.id === b.id));

  // Someone who cannot see it gets 404.
  expectError(await post('rep', '/api/todos/snooze', { kind: 'stalled', record_id: (await stalledOpportunity(fx.outsider)).id,
    until: addDays(fx.today, 3) }), 404, 'not_found');
});
