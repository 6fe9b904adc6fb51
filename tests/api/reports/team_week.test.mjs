// The manager's week (docs/reports.md "The manager's week" and "Statistics"): everyone expected in
// a team and its sub-teams with a state that follows their report, counts that add up, one-click
// reminders, the team's roll-up, and the on-time statistics per week and per person. A fresh
// sub-team of 上海一部 gives exact answers; 上海一部 itself (the demo's reports) is checked for
// consistency. Every period comes from the server's today.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  addDays, createTeam, demoDay, discover, expectError, expectStatus, get, post, unique,
} from '../lib.mjs';
import {
  checkKpis, compareBasis, createDraft, deadlineMs, newMember, readReport, serverToday, submitted, weekAfter, weekOf,
  weekOfLabel,
} from './report_fixtures.mjs';

const STATES = ['on_time', 'late', 'missing', 'draft', 'pending', 'reviewed', 'returned'];

let fx;
before(async () => {
  const d = await discover();
  const today = await serverToday();
  const sh1 = d.team('上海一部');
  const east = d.region('华东区');
  const team = await createTeam(east.id, { parent_id: sh1.id, name: unique('周报小组') });
  const since = addDays(today, -100);
  const past = weekAfter(today, -3);
  const next = weekAfter(today, 1);
  const m = {};
  for (const k of ['a', 'b', 'c', 'd', 'e']) m[k] = await newMember(team.id, { validFrom: since });
  // f left the team before the past week; g is in it but holds no rep role.
  m.f = await newMember(team.id, { validFrom: since, validTo: past.from });
  m.g = await newMember(team.id, { validFrom: since, roles: ['analyst'] });
  fx = {
    today, sh1, east, team, past, next, m,
    gz: d.team('广州团队'),
    managerId: expectStatus(await get('manager', '/api/auth/me'), 200).user.id,
    basis: await compareBasis(),
    demoWeek: weekAfter(await demoDay(), -1),
  };

  // The past week: a submitted (late), b a draft, c nothing, d reviewed, e returned; a sold.
  const customer = expectStatus(await post('admin', '/api/customers', { name: unique('小组客户'), owner_id: m.a.user.id }),
    201);
  expectStatus(await post('admin', '/api/orders', {
    customer_id: customer.id, owner_id: m.a.user.id, ordered_at: `${addDays(past.from, 1)}T10:00:00+08:00`, total: 50_000,
  }), 201);
  fx.reports = { past: {}, next: {} };
  fx.reports.past.a = await submitted(m.a.as, past.period);
  fx.reports.past.b = await createDraft(m.b.as, past.period);
  const d1 = await submitted(m.d.as, past.period);
  fx.reports.past.d = expectStatus(await post('manager', `/api/reports/${d1.id}/review`,
    { rating: 3, comment: '按时提交更好', version: d1.version }), 200);
  const e1 = await submitted(m.e.as, past.period);
  fx.reports.past.e = expectStatus(await post('manager', `/api/reports/${e1.id}/return`,
    { reason: '请补充数据说明', version: e1.version }), 200);
  // Next week: a submitted (on time), b a draft.
  fx.reports.next.a = await submitted(m.a.as, next.period);
  fx.reports.next.b = await createDraft(m.b.as, next.period);
});

const teamWeek = async (as, team, period) => expectStatus(await get(as,
  `/api/reports/team-week?team=${team}&period=${period}`), 200, `team-week ${team} ${period} as ${as}`);

// The state a member's report gives (the contract's rule).
function stateOf(report, deadlinePassed) {
  if (!report) return deadlinePassed ? 'missing' : 'pending';
  if (report.status === 'draft') return 'draft';
  if (report.status === 'submitted') return report.late ? 'late' : 'on_time';
  return report.status;
}

// Asserts the counts are the members' states, adding up to the expected.
function checkCounts(tw, what) {
  checkStates(tw, what);
  assert.deepEqual(countProblems(tw, what), [], `${what}: counts are the members in each state`);
}

// Asserts each member's state follows their report.
function checkStates(tw, what) {
  for (const x of tw.members) {
    // A draft is its author's own: the manager may be shown only that one exists.
    if (x.state === 'draft') assert.ok(x.report === null || x.report.status === 'draft', `${what}: ${x.name}'s draft`);
    else assert.equal(x.state, stateOf(x.report, tw.deadline_passed), `${what}: ${x.name}'s state follows the report`);
  }
}

// The counts that are not the number of members in their state (or do not add up to expected).
function countProblems(tw, what) {
  const want = { expected: tw.members.length,
    ...Object.fromEntries(STATES.map((s) => [s, tw.members.filter((x) => x.state === s).length])) };
  const out = [];
  for (const [k, v] of Object.entries(want)) {
    if (tw.counts[k] !== v) out.push(`${what} ${k}: ${v} members, counts say ${tw.counts[k]}`);
  }
  const sum = STATES.reduce((n, s) => n + tw.counts[s], 0);
  if (sum !== tw.counts.expected) out.push(`${what}: the states' counts add up to ${sum}, not ${tw.counts.expected}`);
  return out;
}

// The user ids with the rep role and a membership of `teamIds` during [from, to].
function expectedIds(d, teamIds, from, to) {
  const reps = new Set(d.users.filter((u) => (u.roles ?? []).includes('rep') && u.active !== false).map((u) => u.id));
  return new Set(d.memberships.filter((x) => teamIds.includes(x.team_id) && reps.has(x.user_id) &&
    x.valid_from <= to && (x.valid_to === null || x.valid_to > from)).map((x) => x.user_id));
}

test('the team\'s past week: everyone expected, each state from their report, counts that add up', async () => {
  const tw = await teamWeek('manager', fx.team.id, fx.past.period);
  assert.deepEqual([tw.period, tw.from, tw.to], [fx.past.period, fx.past.from, fx.past.to]);
  assert.deepEqual(tw.team, { id: fx.team.id, name: fx.team.name });
  const template = expectStatus(await get('admin', `/api/report-templates/effective?kind=week&user=${fx.m.a.user.id}`),
    200);
  assert.equal(Date.parse(tw.deadline), deadlineMs(tw.to, template.deadline));
  assert.equal(tw.deadline_passed, true);
  const byUser = Object.fromEntries(tw.members.map((x) => [x.user_id, x]));
  const { m } = fx;
  assert.deepEqual(new Set(Object.keys(byUser).map(Number)),
    new Set(['a', 'b', 'c', 'd', 'e'].map((k) => m[k].user.id)), 'the reps of the week; not f (left), not g (no rep role)');
  const states = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((k) => [k, byUser[m[k].user.id].state]));
  assert.deepEqual(states, { a: 'late', b: 'draft', c: 'missing', d: 'reviewed', e: 'returned' });

  const a = byUser[m.a.user.id];
  assert.equal(a.name, m.a.user.display_name);
  assert.equal(a.team_name, fx.team.name);
  assert.deepEqual([a.report.id, a.report.status, a.report.late, a.report.rating],
    [fx.reports.past.a.id, 'submitted', true, null]);
  assert.ok(Number.isFinite(Date.parse(a.report.submitted_at)));
  assert.ok(Number.isInteger(a.report.comments) || Array.isArray(a.report.comments));
  assert.equal(byUser[m.d.user.id].report.rating, 3);
  assert.equal(byUser[m.c.user.id].report, null);
  const b = byUser[m.b.user.id].report;
  assert.ok(b === null || (b.status === 'draft' && b.submitted_at === null), 'a draft shows as no more than a draft');

  // Read receipts: the manager opens a's report.
  assert.equal(a.report.read_by_me, false, 'not yet opened');
  await readReport('manager', a.report.id);
  const again = await teamWeek('manager', fx.team.id, fx.past.period);
  assert.equal(again.members.find((x) => x.user_id === m.a.user.id).report.read_by_me, true);

  // The counts: one state each, adding up to those expected.
  assert.deepEqual(tw.counts, { expected: 5, on_time: 0, late: 1, missing: 1, draft: 1, pending: 0, reviewed: 1,
    returned: 1 });
  checkCounts(tw, 'the sub-team\'s past week');
});

test('the team\'s roll-up is its own data block', async () => {
  const tw = await teamWeek('manager', fx.team.id, fx.past.period);
  assert.deepEqual([tw.rollup.period, tw.rollup.from, tw.rollup.to], [fx.past.period, fx.past.from, fx.past.to]);
  assert.equal(tw.rollup.kpis.find((k) => k.metric === 'orders_amount').actual, 50_000);
  await checkKpis(tw.rollup, `team:${fx.team.id}`, fx.basis, 'roll-up');
});

test('a coming week: submitted is on time, the rest pending, a draft a draft', async () => {
  const tw = await teamWeek('manager', fx.team.id, fx.next.period);
  assert.equal(tw.deadline_passed, false);
  const { m } = fx;
  const state = (k) => tw.members.find((x) => x.user_id === m[k].user.id)?.state;
  assert.deepEqual(['a', 'b', 'c', 'd', 'e'].map(state), ['on_time', 'draft', 'pending', 'pending', 'pending']);
  assert.equal(tw.members.length, 5);
  assert.deepEqual(tw.counts, { expected: 5, on_time: 1, late: 0, missing: 0, draft: 1, pending: 3, reviewed: 0,
    returned: 0 });
  checkCounts(tw, 'the sub-team\'s next week');
});

test('membership history: a rep who left before the week is not expected in it, but is in a week before', async () => {
  const { m } = fx;
  const before = weekAfter(fx.past.from, -1);
  assert.ok(m.f.membership.valid_from <= before.from && m.f.membership.valid_to > before.to, 'f was in the team then');
  const then = await teamWeek('manager', fx.team.id, before.period);
  assert.ok(then.members.some((x) => x.user_id === m.f.user.id), `f is expected in ${before.period}, the week before leaving`);
  assert.equal(then.members.length, 6);
  const now = await teamWeek('manager', fx.team.id, fx.past.period);
  assert.ok(!now.members.some((x) => x.user_id === m.f.user.id), 'f is not expected after leaving');
});

test('上海一部 and its sub-teams: every rep expected, states consistent with the reports the manager reads', async () => {
  const d = await discover();
  const teams = d.subtree(fx.sh1.id);
  const problems = [];
  for (const week of [fx.past, fx.demoWeek, weekOf(fx.today)]) {
    const tw = await teamWeek('manager', fx.sh1.id, week.period);
    assert.deepEqual(new Set(tw.members.map((x) => x.user_id)), expectedIds(d, teams, week.from, week.to),
      `${week.period}: the reps with a membership in the week`);
    if (week === fx.past) assert.ok(tw.members.some((x) => x.user_id === fx.m.a.user.id), 'the sub-team\'s members');
    assert.equal(tw.deadline_passed, Date.now() > Date.parse(tw.deadline));
    for (const x of tw.members) {
      const listed = expectStatus(await get('manager', `/api/reports?user=${x.user_id}&kind=week&period=${week.period}`),
        200).items;
      if (x.report === null || x.report.status === 'draft') {
        assert.deepEqual(listed, [], `${week.period} ${x.name}: nothing submitted the manager could read`);
      } else {
        assert.equal(listed.length, 1, `${week.period} ${x.name}`);
        assert.deepEqual([listed[0].id, listed[0].status, listed[0].late, listed[0].rating],
          [x.report.id, x.report.status, x.report.late, x.report.rating], `${week.period} ${x.name}`);
      }
    }
    checkStates(tw, `上海一部 ${week.period}`);
    problems.push(...countProblems(tw, `上海一部 ${week.period}`));
  }
  // Without a team: the caller's first visible team; without a period: this week.
  // (today read again: the suite may cross midnight, as it does under faketime at Sunday 23:30)
  const plain = expectStatus(await get('manager', '/api/reports/team-week'), 200);
  assert.equal(plain.period, weekOf(await serverToday()).period);
  assert.ok(teams.includes(plain.team.id), 'a team the manager leads');
  assert.deepEqual(problems, [], 'counts are the members in each state');
});

test('remind: one click reminds the chosen people in the app; a rep may not', async (t) => {
  const { m } = fx;
  const ids = [m.b.user.id, m.c.user.id];
  const before = (await get(m.c.as, '/api/todos')).body.reminders.length;
  const sent = expectStatus(await post('manager', '/api/reports/remind', { period: fx.past.period, user_ids: ids }), 200);
  assert.deepEqual(sent, { sent: ids.length });
  const tw = await teamWeek('manager', fx.team.id, fx.past.period);
  for (const x of tw.members) {
    if (ids.includes(x.user_id)) assert.ok(Number.isFinite(Date.parse(x.reminded_at)), `${x.name} reminded`);
    else assert.equal(x.reminded_at, null, `${x.name} not reminded`);
  }
  const got = expectStatus(await get(m.c.as, '/api/todos'), 200).reminders;
  assert.equal(got.length, before + 1, 'c has one more reminder');
  assert.ok(got.some((x) => x.kind === 'report'), `an in-app reminder of kind report: ${JSON.stringify(got[0])}`);

  const refused = async (as, body, what) => {
    const res = await post(as, '/api/reports/remind', body);
    t.diagnostic(`remind ${what}: ${res.status} ${res.body?.error?.code}`);
    assert.ok([403, 404].includes(res.status), `${what}: ${res.status} ${res.text}`);
    expectError(res, res.status, res.status === 403 ? 'forbidden' : 'not_found');
  };
  await refused(m.a.as, { period: fx.past.period, user_ids: [m.c.user.id] }, 'by a rep');
  await refused('analyst', { period: fx.past.period, user_ids: [m.c.user.id] }, 'by the analyst');
  const outsider = (await discover()).memberOf('广州团队');
  await refused('manager', { period: fx.past.period, user_ids: [outsider.id] }, 'of someone outside the manager\'s teams');
  const after = await teamWeek('manager', fx.team.id, fx.past.period);
  assert.equal(after.members.find((x) => x.user_id === m.a.user.id).reminded_at, null, 'a rep\'s remind sent nothing');
  // The reminder is about that week: another week does not show it.
  const other = await teamWeek('manager', fx.team.id, weekAfter(fx.past.from, -1).period);
  for (const x of other.members) assert.equal(x.reminded_at, null, `${x.name} was not reminded about the week before`);
});

test('who may see a team\'s week: out of scope is refused, the analyst reads any', async (t) => {
  const status = async (as, team, what) => {
    const res = await get(as, `/api/reports/team-week?team=${team}&period=${fx.past.period}`);
    t.diagnostic(`team-week ${what}: ${res.status} ${res.body?.error?.code ?? ''}`);
    return res;
  };
  const rep = fx.m.a.as;
  const far = await status(rep, fx.gz.id, 'a rep, another team');
  assert.ok([403, 404].includes(far.status), `a rep, another team: ${far.status}`);
  expectError(far, far.status, far.status === 403 ? 'forbidden' : 'not_found', null, 'a rep, another team');
  expectError(await status('manager', fx.gz.id, 'the manager, 广州团队'), 404, 'not_found');
  expectError(await status('director', fx.gz.id, 'the 华东 director, 广州团队'), 404, 'not_found');
  expectError(await status('manager', 99999999, 'an unknown team'), 404, 'not_found');
  expectStatus(await status('director', fx.team.id, 'the 华东 director, the sub-team'), 200);
  expectStatus(await status('analyst', fx.gz.id, 'the analyst, 广州团队'), 200);
  // A rep's statistics of their own team, if given at all, are their own.
  const stats = await get(rep, `/api/reports/stats?team=${fx.team.id}&to=${fx.next.period}&count=4`);
  t.diagnostic(`stats by a rep, their own team: ${stats.status}`);
  if (stats.status === 200) {
    assert.deepEqual(stats.body.people.map((p) => p.user_id), [fx.m.a.user.id], 'only themselves');
    assert.ok(stats.body.periods.every((w) => w.expected <= 1));
  } else {
    assert.ok([403, 404].includes(stats.status), `stats by a rep: ${stats.status}`);
  }
  const farStats = await get(rep, `/api/reports/stats?team=${fx.gz.id}&to=${fx.next.period}&count=4`);
  t.diagnostic(`stats by a rep, another team: ${farStats.status}`);
  assert.ok([403, 404].includes(farStats.status), `stats by a rep of another team: ${farStats.status}`);

  // A rep's own team: the manager's view is not theirs (its roll-up is the team's totals, which a
  // rep may not see: /api/metrics answers 404 for their team).
  expectError(await get('rep', `/api/metrics?metric=orders_amount&scope=team:${fx.sh1.id}&period=${fx.past.period}`),
    404, 'not_found', null, 'the metrics refuse a rep their team');
  for (const [as, team, what] of [['rep', fx.sh1.id, 'the demo rep, their own team'],
    [rep, fx.team.id, 'a rep, their own team']]) {
    const res = await status(as, team, what);
    if (res.status === 200) {
      const total = res.body.rollup.kpis.find((k) => k.metric === 'orders_amount').actual;
      t.diagnostic(`${what}: 200, members ${res.body.members.map((x) => x.user_id)}, roll-up orders_amount ${total}`);
    }
    assert.ok([403, 404].includes(res.status), `${what}: ${res.status}`);
    expectError(res, res.status, res.status === 403 ? 'forbidden' : 'not_found', null, what);
  }
});

// Per week and per person, what the team's weeks say (a week not past its deadline: pending).
async function fromTeamWeeks(team, periods) {
  const weeks = [];
  const people = new Map();
  for (const period of periods) {
    const tw = await teamWeek('manager', team, period);
    const w = { period, expected: 0, on_time: 0, late: 0, missing: 0, pending: 0 };
    for (const x of tw.members) {
      const submittedAt = x.report && x.report.status !== 'draft' && x.report.submitted_at;
      const kind = submittedAt ? (x.report.late ? 'late' : 'on_time') : (tw.deadline_passed ? 'missing' : 'pending');
      w.expected += 1;
      w[kind] += 1;
      const p = people.get(x.user_id) ??
        { user_id: x.user_id, name: x.name, expected: 0, on_time: 0, late: 0, missing: 0, pending: 0 };
      p.expected += 1;
      p[kind] += 1;
      people.set(x.user_id, p);
    }
    w.on_time_rate = rateOf(w);
    weeks.push(w);
  }
  for (const p of people.values()) p.on_time_rate = rateOf(p);
  return { weeks, people: [...people.values()] };
}

// The on-time rate compared to date (docs/reports.md): on time ÷ the reports already due
// (expected − pending), null when none is due.
const rateOf = (x) => (x.expected - x.pending === 0 ? null : x.on_time / (x.expected - x.pending));

// The weeks' and people's rates that are not on time ÷ the reports due.
function wrongRates(stats) {
  const out = [];
  for (const x of [...stats.periods, ...stats.people]) {
    const want = rateOf(x);
    if (x.on_time_rate !== want) {
      out.push(`${x.period ?? x.name}: ${x.on_time}/${x.expected} (pending ${x.pending}) gave ${x.on_time_rate}`);
    }
  }
  return out;
}

const counts = (x) => ({ expected: x.expected, on_time: x.on_time, late: x.late, missing: x.missing,
  pending: x.pending });

test('stats: per week and per person, on-time rate = on time ÷ the reports due, null when none is due', async () => {
  const n = 6;
  const periods = [];
  for (let i = n - 1; i >= 0; i -= 1) periods.push(weekAfter(weekOfLabel(fx.next.period).from, -i).period);
  const stats = expectStatus(await get('manager',
    `/api/reports/stats?team=${fx.team.id}&to=${fx.next.period}&count=${n}`), 200);
  assert.equal(stats.to, fx.next.period);
  assert.deepEqual(new Set(stats.periods.map((w) => w.period)), new Set(periods), 'the weeks up to `to`');
  assert.equal(stats.periods.length, n);
  const want = await fromTeamWeeks(fx.team.id, periods);
  for (const w of want.weeks) {
    assert.deepEqual(counts(stats.periods.find((x) => x.period === w.period)), counts(w), `week ${w.period}`);
  }
  const byPeriod = Object.fromEntries(stats.periods.map((w) => [w.period, w]));
  assert.deepEqual(counts(byPeriod[fx.past.period]), { expected: 5, on_time: 0, late: 3, missing: 2, pending: 0 },
    'a, d and e handed in after the deadline; b (a draft) and c did not');
  assert.deepEqual(counts(byPeriod[fx.next.period]), { expected: 5, on_time: 1, late: 0, missing: 0, pending: 4 });
  const m = fx.m;
  const people = Object.fromEntries(stats.people.map((p) => [p.user_id, p]));
  assert.deepEqual(new Set(Object.keys(people).map(Number)), new Set(want.people.map((p) => p.user_id)));
  assert.ok(!(m.g.user.id in people), 'no rep role, not counted');
  for (const p of want.people) {
    const got = people[p.user_id];
    assert.equal(got.name, p.name);
    assert.deepEqual(counts(got), counts(p), `person ${p.name}`);
  }
  assert.equal(people[m.a.user.id].on_time, 1);
  assert.equal(people[m.a.user.id].late, 1);

  // A team nobody is in: every week expects nobody, and its rate is null, not 0.
  const empty = await createTeam(fx.east.id, { parent_id: fx.sh1.id, name: unique('空小组') });
  const none = expectStatus(await get('manager', `/api/reports/stats?team=${empty.id}&to=${fx.next.period}&count=3`),
    200);
  assert.equal(none.periods.length, 3);
  for (const w of none.periods) {
    assert.deepEqual([w.expected, w.on_time, w.late, w.missing, w.pending, w.on_time_rate], [0, 0, 0, 0, 0, null]);
  }
  assert.deepEqual(none.people, []);

  // The rates: on time ÷ the reports due; the coming week, compared to date, counts the one
  // handed in so far (on time), not the four still pending.
  assert.equal(byPeriod[fx.past.period].on_time_rate, 0);
  assert.deepEqual(wrongRates(stats), [], 'on_time_rate = on_time / (expected - pending)');
  assert.equal(byPeriod[fx.next.period].on_time_rate, 1);
});

test('stats of 上海一部 over twelve weeks: each rate is on time ÷ the reports due, and people add up to the weeks', async () => {
  const to = weekOf(fx.today).period;
  const stats = expectStatus(await get('director', `/api/reports/stats?team=${fx.sh1.id}&to=${to}&count=12`), 200);
  assert.equal(stats.periods.length, 12);
  assert.ok(stats.periods.some((w) => w.expected > 0));
  for (const w of stats.periods) {
    assert.equal(w.on_time + w.late + w.missing + w.pending, w.expected, `${w.period} adds up`);
  }
  for (const p of stats.people) assert.ok(p.on_time + p.late + p.missing <= p.expected, p.name);
  for (const k of ['on_time', 'late', 'missing', 'expected']) {
    assert.equal(stats.people.reduce((s, p) => s + p[k], 0), stats.periods.reduce((s, w) => s + w[k], 0), k);
  }
  // The demo's last week: the numbers of the team's own week.
  const demo = stats.periods.find((w) => w.period === fx.demoWeek.period);
  if (demo) {
    const want = await fromTeamWeeks(fx.sh1.id, [demo.period]);
    assert.deepEqual(counts(demo), counts(want.weeks[0]), `the demo's week ${demo.period}`);
    assert.ok(demo.on_time + demo.late > 0, 'the demo handed reports in that week');
  }
  assert.deepEqual(wrongRates(stats), [], 'on_time_rate = on_time / (expected - pending)');
});
