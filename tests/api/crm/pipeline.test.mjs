// The sales pipeline: the default pipeline, opportunities moving through stages with their
// history, status and close time, the board (kanban) within the data scope, admin-only pipeline
// changes, the activity rules, and the to-do list (overdue follow-ups, stalled opportunities).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  del, discover, expectError, expectStatus, get, patch, post, todayShanghai, unique,
} from '../lib.mjs';

const DAY_MS = 24 * 3600 * 1000;
const SPEC_STAGES = [
  ['初步接触', 10, 'open'], ['需求确认', 30, 'open'], ['方案报价', 60, 'open'], ['谈判', 80, 'open'],
  ['赢单', 100, 'won'], ['输单', 0, 'lost'],
];

let rep; let manager; let otherRep; let pipeline; let customer;

// Returns the default pipeline as `as` sees it.
async function defaultPipeline(as = 'rep') {
  const body = expectStatus(await get(as, '/api/pipelines'), 200, 'list pipelines');
  const defaults = body.items.filter((p) => p.is_default);
  assert.equal(defaults.length, 1, 'exactly one default pipeline');
  return defaults[0];
}

// Returns the stage of `p` named `name`.
const stage = (p, name) => p.stages.find((s) => s.name === name);

// Returns `YYYY-MM-DD` that is `days` days before today in Asia/Shanghai.
function daysAgo(days) {
  const [y, m, d] = todayShanghai().split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - days * DAY_MS).toISOString().slice(0, 10);
}

async function createOpportunity(as, extra = {}) {
  return expectStatus(await post(as, '/api/opportunities', {
    name: unique('管道商机'), customer_id: customer.id, amount: 100000, expected_close: '2026-12-31', ...extra,
  }), 201, `create opportunity as ${as}`);
}

before(async () => {
  const d = await discover();
  rep = d.user('rep');
  manager = d.user('manager');
  otherRep = d.memberOf('上海一部', [rep.id, manager.id]);
  pipeline = await defaultPipeline();
  customer = expectStatus(await post('rep', '/api/customers', { name: unique('管道客户') }), 201);
});

test('every org has a default pipeline with the SPEC stages, readable by everyone signed in', async () => {
  assert.deepEqual(pipeline.stages.map((s) => [s.name, s.probability, s.kind]), SPEC_STAGES);
  assert.deepEqual(pipeline.stages.map((s) => s.position), [1, 2, 3, 4, 5, 6]);
  for (const role of ['manager', 'director', 'analyst', 'admin']) {
    assert.equal((await defaultPipeline(role)).id, pipeline.id, role);
  }
  expectError(await get('anonymous', '/api/pipelines'), 401, 'unauthenticated');
});

test('a new opportunity starts in the first stage of the default pipeline, with a history row', async () => {
  const o = await createOpportunity('rep');
  assert.equal(o.pipeline_id, pipeline.id);
  assert.equal(o.stage_id, stage(pipeline, '初步接触').id);
  assert.equal(o.stage_name, '初步接触');
  assert.equal(o.status, 'open');
  assert.equal(o.closed_at, null);
  assert.equal(o.probability, 10);
  assert.equal(o.stage_history.length, 1);
  assert.deepEqual(
    { ...o.stage_history[0], entered_at: undefined },
    { stage_id: o.stage_id, stage_name: '初步接触', entered_at: undefined, user_id: rep.id, user_name: rep.display_name },
  );
  assert.equal(o.stage_history[0].entered_at, o.created_at);
  assert.deepEqual(expectStatus(await get('rep', `/api/opportunities/${o.id}`), 200), o);
});

test('moving through stages adds history rows and sets status and closed_at', async () => {
  let o = await createOpportunity('rep');
  const path = `/api/opportunities/${o.id}`;
  o = expectStatus(await patch('manager', path, { version: o.version, stage_id: stage(pipeline, '方案报价').id }), 200);
  assert.equal(o.status, 'open');
  assert.equal(o.closed_at, null);
  assert.equal(o.probability, 60);
  assert.equal(o.stage_history.length, 2);
  assert.equal(o.stage_history[1].stage_name, '方案报价');
  assert.equal(o.stage_history[1].user_id, manager.id, 'the history names who moved it');

  // A change that is not a stage change adds no history row.
  o = expectStatus(await patch('rep', path, { version: o.version, competitor: '友商' }), 200);
  assert.equal(o.stage_history.length, 2);

  o = expectStatus(await patch('rep', path, { version: o.version, stage_id: stage(pipeline, '赢单').id }), 200);
  assert.equal(o.status, 'won');
  assert.ok(o.closed_at, 'closed when won');
  assert.equal(o.probability, 100);
  const wonAt = o.closed_at;

  // Staying won keeps the close time.
  o = expectStatus(await patch('rep', path, { version: o.version, notes: '已签约' }), 200);
  assert.equal(o.closed_at, wonAt);

  // Reopened: open again, no close time.
  o = expectStatus(await patch('rep', path, { version: o.version, stage_id: stage(pipeline, '谈判').id }), 200);
  assert.equal(o.status, 'open');
  assert.equal(o.closed_at, null);

  o = expectStatus(await patch('rep', path, {
    version: o.version, stage_id: stage(pipeline, '输单').id, lost_reason: '价格太高',
  }), 200);
  assert.equal(o.status, 'lost');
  assert.ok(o.closed_at);
  assert.equal(o.lost_reason, '价格太高');
  assert.deepEqual(o.stage_history.map((h) => h.stage_name), ['初步接触', '方案报价', '赢单', '谈判', '输单']);
  const times = o.stage_history.map((h) => h.entered_at);
  assert.deepEqual([...times].sort(), times, 'history oldest first');
});

test('lost without a lost reason is 400 missing_field lost_reason, and nothing changes', async () => {
  const o = await createOpportunity('rep');
  const path = `/api/opportunities/${o.id}`;
  expectError(await patch('rep', path, { version: o.version, stage_id: stage(pipeline, '输单').id }),
    400, 'missing_field', 'lost_reason');
  expectError(await patch('rep', path, { version: o.version, stage_id: stage(pipeline, '输单').id, lost_reason: ' ' }),
    400, 'missing_field', 'lost_reason');
  assert.deepEqual(expectStatus(await get('rep', path), 200), o);
  // Created straight into a lost stage needs a reason too.
  expectError(await post('rep', '/api/opportunities', {
    name: unique('输单商机'), customer_id: customer.id, amount: 1, expected_close: '2026-12-31',
    stage_id: stage(pipeline, '输单').id,
  }), 400, 'missing_field', 'lost_reason');
});

test('pipelines: admins create and change them; a stage of another pipeline is 400', async () => {
  const body = {
    name: unique('大客户流程'),
    stages: [
      { name: '立项', probability: 20 }, { name: '招标', probability: 50, kind: 'open' },
      { name: '中标', probability: 100, kind: 'won' }, { name: '落标', probability: 0, kind: 'lost' },
    ],
  };
  expectError(await post('manager', '/api/pipelines', body), 403, 'forbidden');
  expectError(await post('rep', '/api/pipelines', body), 403, 'forbidden');
  const p = expectStatus(await post('admin', '/api/pipelines', body), 201);
  assert.equal(p.is_default, false);
  assert.equal(p.version, 1);
  assert.deepEqual(p.stages.map((s) => [s.name, s.position, s.probability, s.kind]),
    [['立项', 1, 20, 'open'], ['招标', 2, 50, 'open'], ['中标', 3, 100, 'won'], ['落标', 4, 0, 'lost']]);
  expectError(await post('admin', '/api/pipelines', body), 409, 'already_exists', 'name');
  expectError(await post('admin', '/api/pipelines', { ...body, name: unique('坏流程'), stages: body.stages.slice(0, 2) }),
    400, 'invalid_field', 'stages');
  const audit = expectStatus(await get('admin', `/api/audit-entries?entity=pipeline&entity_id=${p.id}`), 200);
  assert.deepEqual(audit.items.map((a) => a.action), ['create']);

  // The stage must belong to the opportunity's pipeline.
  expectError(await post('rep', '/api/opportunities', {
    name: unique('错阶段'), customer_id: customer.id, amount: 1, expected_close: '2026-12-31',
    pipeline_id: pipeline.id, stage_id: p.stages[1].id,
  }), 400, 'invalid_field', 'stage_id');
  const o = await createOpportunity('rep');
  expectError(await patch('rep', `/api/opportunities/${o.id}`, { version: o.version, stage_id: p.stages[0].id }),
    400, 'invalid_field', 'stage_id');
  // Given only a stage, the opportunity goes into that stage's pipeline.
  const inP = await createOpportunity('rep', { stage_id: p.stages[1].id });
  assert.equal(inP.pipeline_id, p.id);
  assert.equal(inP.probability, 50);
  // Given only the pipeline: its first open stage.
  const first = await createOpportunity('rep', { pipeline_id: p.id });
  assert.equal(first.stage_id, p.stages[0].id);

  // Changes: manager 403; rename, reorder, add a stage; a stage in use cannot be removed.
  const path = `/api/pipelines/${p.id}`;
  expectError(await patch('manager', path, { version: 1, name: unique('改名') }), 403, 'forbidden');
  const stages = [
    { id: p.stages[0].id, name: '立项', probability: 20 },
    { name: '评估', probability: 40 },
    { id: p.stages[1].id, name: '招标', probability: 50 },
    { id: p.stages[2].id, name: '中标', probability: 100, kind: 'won' },
    { id: p.stages[3].id, name: '落标', probability: 0, kind: 'lost' },
  ];
  const changed = expectStatus(await patch('admin', path, { version: 1, name: `${body.name}改`, stages }), 200);
  assert.equal(changed.version, 2);
  assert.equal(changed.name, `${body.name}改`);
  assert.deepEqual(changed.stages.map((s) => [s.name, s.position]),
    [['立项', 1], ['评估', 2], ['招标', 3], ['中标', 4], ['落标', 5]]);
  assert.equal(changed.stages[2].id, p.stages[1].id, 'existing stages keep their ids');
  expectError(await patch('admin', path, { version: 1, name: unique('旧版本') }), 409, 'version_conflict');
  const withoutUsed = changed.stages.filter((s) => s.name !== '招标')
    .map(({ id, name, probability, kind }) => ({ id, name, probability, kind }));
  expectError(await patch('admin', path, { version: 2, stages: withoutUsed }), 409, 'in_use', 'stages');
  // An unused stage can go.
  const withoutNew = changed.stages.filter((s) => s.name !== '评估')
    .map(({ id, name, probability, kind }) => ({ id, name, probability, kind }));
  const smaller = expectStatus(await patch('admin', path, { version: 2, stages: withoutNew }), 200);
  assert.deepEqual(smaller.stages.map((s) => s.name), ['立项', '招标', '中标', '落标']);
  // A stage id of another pipeline is refused.
  expectError(await patch('admin', path, {
    version: 3, stages: [...withoutNew, { id: pipeline.stages[0].id, name: 'x', probability: 90 }],
  }), 400, 'invalid_field', 'stages');

  // The default moves, never disappears.
  expectError(await patch('admin', `/api/pipelines/${pipeline.id}`, { version: pipeline.version, is_default: false }),
    400, 'invalid_field', 'is_default');
  const moved = expectStatus(await patch('admin', path, { version: 3, is_default: true }), 200);
  assert.equal(moved.is_default, true);
  assert.equal((await defaultPipeline()).id, p.id);
  const old = (await get('admin', '/api/pipelines')).body.items.find((x) => x.id === pipeline.id);
  expectStatus(await patch('admin', `/api/pipelines/${pipeline.id}`, { version: old.version, is_default: true }), 200);
  pipeline = await defaultPipeline();
  assert.equal((await defaultPipeline()).stages[0].name, '初步接触');
});

test('a stale version is 409 with the current version', async () => {
  const o = await createOpportunity('rep');
  const path = `/api/opportunities/${o.id}`;
  const moved = expectStatus(await patch('rep', path, { version: o.version, stage_id: stage(pipeline, '需求确认').id }), 200);
  const e = expectError(await patch('rep', path, { version: o.version, stage_id: stage(pipeline, '谈判').id }),
    409, 'version_conflict');
  assert.equal(e.current_version, moved.version);
  assert.equal(expectStatus(await get('rep', path), 200).stage_history.length, 2);
});

test('the board groups by stage with counts and amounts; a rep sees only their own', async () => {
  const tag = unique('看板');
  const mk = (as, amount, stageName, extra = {}) => createOpportunity(as, {
    name: `${tag}-${amount}`, amount, stage_id: stage(pipeline, stageName).id, ...extra,
  });
  await mk('rep', 100000, '初步接触', { expected_close: '2026-12-01' });
  await mk('rep', 250000, '初步接触', { expected_close: '2027-01-15' });
  await mk('rep', 40001, '方案报价');
  const others = await createOpportunity('manager', {
    name: `${tag}-other`, amount: 70000, owner_id: otherRep.id, stage_id: stage(pipeline, '初步接触').id,
  });

  const board = expectStatus(await get('rep', `/api/opportunities/board?q=${encodeURIComponent(tag)}`), 200);
  assert.deepEqual(board.pipeline, { id: pipeline.id, name: pipeline.name });
  assert.deepEqual(board.stages.map((s) => [s.id, s.name, s.probability, s.kind]),
    pipeline.stages.map((s) => [s.id, s.name, s.probability, s.kind]));
  const col = (b, name) => b.stages.find((s) => s.name === name);
  const first = col(board, '初步接触');
  assert.equal(first.count, 2);
  assert.equal(first.amount, 350000);
  assert.equal(first.weighted_amount, 35000);
  assert.deepEqual(first.items.map((i) => i.amount), [250000, 100000], 'latest expected close first');
  assert.equal(first.items[0].owner_name, rep.display_name, 'items carry reference names like the list');
  const quote = col(board, '方案报价');
  assert.equal(quote.count, 1);
  assert.equal(quote.amount, 40001);
  assert.equal(quote.weighted_amount, 24001); // 24000.6 rounded
  assert.equal(col(board, '谈判').count, 0);
  assert.deepEqual(col(board, '谈判').items, []);
  assert.ok(!board.stages.some((s) => s.items.some((i) => i.id === others.id)), 'not another rep\'s');

  // The manager sees the team's, and can narrow to one owner.
  const team = expectStatus(await get('manager', `/api/opportunities/board?q=${encodeURIComponent(tag)}`), 200);
  assert.equal(col(team, '初步接触').count, 3);
  assert.equal(col(team, '初步接触').amount, 420000);
  const one = expectStatus(await get('manager',
    `/api/opportunities/board?q=${encodeURIComponent(tag)}&owner_id=${otherRep.id}`), 200);
  assert.deepEqual(col(one, '初步接触').items.map((i) => i.id), [others.id]);
  expectError(await get('rep', `/api/opportunities/board?owner_id=${otherRep.id}`), 400, 'invalid_query', 'owner_id');
  expectError(await get('rep', '/api/opportunities/board?pipeline_id=999999'), 400, 'invalid_query', 'pipeline_id');

  // Moving a card is an ordinary change.
  const card = first.items[0];
  expectStatus(await patch('rep', `/api/opportunities/${card.id}`,
    { version: card.version, stage_id: stage(pipeline, '谈判').id }), 200);
  const after = expectStatus(await get('rep', `/api/opportunities/board?q=${encodeURIComponent(tag)}`), 200);
  assert.equal(col(after, '初步接触').count, 1);
  assert.deepEqual(col(after, '谈判').items.map((i) => i.id), [card.id]);
  assert.equal(col(after, '谈判').weighted_amount, 200000);
});

test('activities: satisfaction only on a revisit; the opportunity must be the customer\'s', async () => {
  const started_at = '2026-11-20T10:00:00+08:00';
  expectError(await post('rep', '/api/activities', { type: 'visit', customer_id: customer.id, started_at, satisfaction: 4 }),
    400, 'invalid_field', 'satisfaction');
  const revisit = expectStatus(await post('rep', '/api/activities', {
    type: 'visit', customer_id: customer.id, started_at, is_revisit: true, satisfaction: 4,
  }), 201);
  assert.equal(revisit.satisfaction, 4);
  expectError(await patch('rep', `/api/activities/${revisit.id}`, { version: revisit.version, is_revisit: false }),
    400, 'invalid_field', 'satisfaction');

  const other = expectStatus(await post('rep', '/api/customers', { name: unique('别的客户') }), 201);
  const o = await createOpportunity('rep');
  expectError(await post('rep', '/api/activities', {
    type: 'call', customer_id: other.id, opportunity_id: o.id, started_at,
  }), 400, 'invalid_field', 'opportunity_id');

  // Logging an activity for a customer changes nothing else.
  const customerBefore = expectStatus(await get('rep', `/api/customers/${customer.id}`), 200);
  const oppBefore = expectStatus(await get('rep', `/api/opportunities/${o.id}`), 200);
  const a = expectStatus(await post('rep', '/api/activities', {
    type: 'call', customer_id: customer.id, opportunity_id: o.id, started_at,
  }), 201);
  assert.equal(a.opportunity_id, o.id);
  assert.deepEqual(expectStatus(await get('rep', `/api/customers/${customer.id}`), 200), customerBefore);
  assert.deepEqual(expectStatus(await get('rep', `/api/opportunities/${o.id}`), 200), oppBefore);

  // An opportunity an activity refers to cannot be deleted.
  expectError(await del('rep', `/api/opportunities/${o.id}?version=${o.version}`), 409, 'in_use');
  expectStatus(await del('rep', `/api/activities/${a.id}?version=${a.version}`), 204);
  expectStatus(await del('rep', `/api/opportunities/${o.id}?version=${o.version}`), 204);
});

test('todos: the rep\'s overdue follow-ups and stalled opportunities, nothing of other reps', async () => {
  const mine = expectStatus(await post('rep', '/api/customers', { name: unique('逾期客户'), next_follow_up: daysAgo(3) }), 201);
  const dueToday = expectStatus(await post('rep', '/api/customers', { name: unique('今日客户'), next_follow_up: daysAgo(0) }), 201);
  const theirs = expectStatus(await post('manager', '/api/customers', {
    name: unique('他人逾期客户'), owner_id: otherRep.id, next_follow_up: daysAgo(5),
  }), 201);

  const stalled = await createOpportunity('rep');
  const longAgo = new Date(Date.now() - 30 * DAY_MS - 60000).toISOString();
  expectStatus(await post('rep', '/api/activities', {
    type: 'call', customer_id: customer.id, opportunity_id: stalled.id, started_at: longAgo,
  }), 201);
  const fresh = await createOpportunity('rep');
  const theirCustomer = expectStatus(await post('manager', '/api/customers', {
    name: unique('他人客户'), owner_id: otherRep.id,
  }), 201);
  const theirStalled = expectStatus(await post('manager', '/api/opportunities', {
    name: unique('他人商机'), customer_id: theirCustomer.id, owner_id: otherRep.id, amount: 1, expected_close: '2026-12-31',
  }), 201);
  expectStatus(await post('manager', '/api/activities', {
    type: 'call', user_id: otherRep.id, customer_id: theirCustomer.id, opportunity_id: theirStalled.id, started_at: longAgo,
  }), 201);

  const todos = expectStatus(await get('rep', '/api/todos'), 200);
  assert.equal(todos.today, todayShanghai());
  assert.equal(todos.stall_days, 14);
  const overdue = todos.follow_ups.find((c) => c.id === mine.id);
  assert.ok(overdue, 'the overdue customer is listed');
  assert.equal(overdue.days_overdue, 3);
  assert.equal(overdue.name, mine.name);
  assert.ok(!todos.follow_ups.some((c) => c.id === dueToday.id), 'due today is not overdue');
  assert.ok(todos.follow_ups.every((c) => c.owner_id === rep.id), 'only the rep\'s own');
  const days = todos.follow_ups.map((c) => c.days_overdue);
  assert.deepEqual([...days].sort((x, y) => y - x), days, 'most overdue first');
  assert.ok(todos.follow_ups_total >= todos.follow_ups.length);

  const s = todos.stalled.find((x) => x.id === stalled.id);
  assert.ok(s, 'the stalled opportunity is listed');
  assert.equal(s.days_idle, 30);
  assert.equal(s.last_activity_at, longAgo);
  assert.ok(!todos.stalled.some((x) => x.id === fresh.id), 'a new opportunity is not stalled');
  assert.ok(todos.stalled.every((x) => x.owner_id === rep.id && x.status === 'open'));
  assert.ok(todos.stalled_total >= 1);

  // The manager's own list has neither; their team's has the other rep's.
  const own = expectStatus(await get('manager', '/api/todos'), 200);
  assert.ok(!own.follow_ups.some((c) => c.id === theirs.id));
  assert.ok(!own.stalled.some((x) => x.id === theirStalled.id));
  // The team's list may be longer than one page, however old the demo is: ask person by person.
  const team = expectStatus(await get('manager', '/api/todos?scope=team'), 200);
  const person = (id) => team.people.find((p) => p.user_id === id);
  assert.ok(person(otherRep.id)?.follow_ups >= 1 && person(otherRep.id)?.stalled >= 1, 'the other rep is counted');
  assert.ok(person(rep.id)?.follow_ups >= 1 && person(rep.id)?.stalled >= 1, 'the rep is counted');
  const theirTodos = expectStatus(await get('manager', `/api/todos?scope=team&owner_id=${otherRep.id}`), 200);
  assert.ok(theirTodos.follow_ups.some((c) => c.id === theirs.id));
  assert.ok(theirTodos.stalled.some((x) => x.id === theirStalled.id));
  assert.ok(theirTodos.follow_ups.every((c) => c.owner_id === otherRep.id));
  const repTodos = expectStatus(await get('manager', `/api/todos?scope=team&owner_id=${rep.id}`), 200);
  assert.ok(repTodos.follow_ups.some((c) => c.id === mine.id));
  // A rep's team scope is still only their own.
  const repTeam = expectStatus(await get('rep', '/api/todos?scope=team'), 200);
  assert.ok(!repTeam.follow_ups.some((c) => c.id === theirs.id));
  assert.ok(!repTeam.stalled.some((x) => x.id === theirStalled.id));
  expectError(await get('rep', '/api/todos?scope=all'), 400, 'invalid_query', 'scope');

  // A won opportunity is no longer stalled.
  const cur = expectStatus(await get('rep', `/api/opportunities/${stalled.id}`), 200);
  expectStatus(await patch('rep', `/api/opportunities/${stalled.id}`,
    { version: cur.version, stage_id: stage(pipeline, '赢单').id }), 200);
  assert.ok(!(await get('rep', '/api/todos')).body.stalled.some((x) => x.id === stalled.id));
});

test('org settings: stall_days and tier_rule, admin only and range-checked', async () => {
  const org = expectStatus(await get('admin', '/api/org'), 200);
  assert.equal(org.stall_days, 14);
  assert.equal(org.tier_rule, 'abc');
  expectError(await patch('manager', '/api/org', { version: org.version, stall_days: 7 }), 403, 'forbidden');
  expectError(await patch('admin', '/api/org', { version: org.version, stall_days: 0 }), 400, 'invalid_field', 'stall_days');
  expectError(await patch('admin', '/api/org', { version: org.version, stall_days: 366 }), 400, 'invalid_field', 'stall_days');
  expectError(await patch('admin', '/api/org', { version: org.version, tier_rule: 'xyz' }), 400, 'invalid_field', 'tier_rule');
  const changed = expectStatus(await patch('admin', '/api/org', { version: org.version, stall_days: 45, tier_rule: 'rfm' }), 200);
  assert.equal(changed.stall_days, 45);
  assert.equal(changed.tier_rule, 'rfm');
  assert.equal((await get('rep', '/api/todos')).body.stall_days, 45);
  const back = expectStatus(await patch('admin', '/api/org', { version: changed.version, stall_days: 14, tier_rule: 'abc' }), 200);
  assert.equal(back.stall_days, 14);
});

test('org settings: a time zone that moves dated records to another day needs confirm: true', async () => {
  const org = expectStatus(await get('admin', '/api/org'), 200);
  assert.equal(org.compare_basis, 'calendar_days');
  expectError(await patch('admin', '/api/org', { version: org.version, compare_basis: 'weeks' }), 400, 'invalid_field',
    'compare_basis');
  const asked = await patch('admin', '/api/org', { version: org.version, timezone: 'America/New_York' });
  const e = expectError(asked, 409, 'confirmation_required', 'timezone');
  assert.ok(e.affected > 0, 'says how many records move');
  assert.deepEqual(expectStatus(await get('admin', '/api/org'), 200), org, 'nothing changed');
  expectError(await patch('admin', '/api/org', { version: org.version, timezone: 'America/New_York', confirm: 'yes' }),
    400, 'invalid_field', 'confirm');
  const moved = expectStatus(await patch('admin', '/api/org', {
    version: org.version, timezone: 'America/New_York', confirm: true, compare_basis: 'working_days',
  }), 200);
  try {
    assert.deepEqual([moved.timezone, moved.compare_basis], ['America/New_York', 'working_days']);
    // The metrics follow the new calendar and basis at once: this month in New York (on 1 January
    // in Shanghai it is still December there) is compared to date by working days.
    const today = expectStatus(await get('admin', '/api/auth/me'), 200).today;
    const m = expectStatus(await get('admin', `/api/metrics?metric=visits&scope=org&period=${today.slice(0, 7)}`), 200);
    assert.deepEqual([m.compared, m.elapsed.basis, m.through], ['to_date', 'working_days', today]);
  } finally {
    // The rest of the suite runs in the demo's zone whatever happened above.
    const now = expectStatus(await get('admin', '/api/org'), 200);
    const back = expectStatus(await patch('admin', '/api/org', {
      version: now.version, timezone: 'Asia/Shanghai', confirm: true, compare_basis: 'calendar_days',
    }), 200);
    assert.deepEqual([back.timezone, back.compare_basis], ['Asia/Shanghai', 'calendar_days']);
  }
});
