// Daily and monthly reports, and a team's own deadline (docs/reports.md "Kinds" and "Reminders"):
// a team of the test's own gets a weekly template due the Monday after the week and a daily one
// due at 20:00. Its rep writes daily reports only from then on, on working days only; the team's
// day screen, the statistics and the export follow; `fupan remind` at pinned instants reminds the
// team at its own deadlines, not the org's, through a webhook this test receives.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import {
  BIN, DB, TEST_PASSWORD, addDays, createMembership, createRegion, createTeam, createUser, expectError, expectStatus,
  freshSession, get, patch, post, unique,
} from '../lib.mjs';
import { fullContent, serverToday, submit, weekday, weekOf } from './report_fixtures.mjs';

const skip = DB ? false : 'FUPAN_DB is not set (tests/api/run.sh sets it)';
const WEEK_DEADLINE = { day_offset: 1, time: '10:00' };
const DAY_DEADLINE = { day_offset: 0, time: '20:00' };
const HOUR = 60 * 60 * 1000;

// The demo org's zone is Asia/Shanghai (UTC+8 all year).
const at = (day, time) => Date.parse(`${day}T${time}:00+08:00`);
const run = promisify(execFile);
const remind = async (ms) => {
  const { stdout } = await run(BIN, ['remind', '--db', DB, '--at', new Date(ms).toISOString()], { encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').pop());
};

function startReceiver() {
  const got = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      got.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, got, port: server.address().port })));
}

let fx;
before(async () => {
  if (skip) return;
  const receiver = await startReceiver();
  const today = await serverToday();
  const region = await createRegion();
  const team = await createTeam(region.id, { name: unique('日报团队') });
  const user = await createUser({ email: `daily.${Date.now()}@example.com` });
  await createMembership(user.id, team.id, { valid_from: addDays(today, -30) });
  const s = await freshSession(user.username, TEST_PASSWORD);
  const sections = [
    { key: 'data', title: '今日数据', type: 'data', required: false },
    { key: 'summary', title: '今日总结', type: 'text', required: true },
    { key: 'plan', title: '明日计划', type: 'text', required: false },
  ];
  const week = weekOf(addDays(today, 35));  // far from the other tests' weeks
  // A working day of the week after, and its Saturday.
  const next = weekOf(addDays(week.from, 7));
  fx = {
    receiver, today, team, user, as: { token: s.token }, sections, week,
    day: addDays(next.from, 2), saturday: addDays(next.from, 5),
  };
  fx.channel = expectStatus(await post('admin', '/api/notification-channels', {
    kind: 'webhook', name: unique('日报Webhook'), url: `http://127.0.0.1:${receiver.port}/hook`, team_id: team.id,
  }), 201);
});

after(async () => {
  if (skip || !fx) return;
  fx.receiver.server.close();
  // Later rounds of other tests must not remind this team's rep (its channel is gone with them).
  const u = expectStatus(await get('admin', `/api/users/${fx.user.id}`), 200);
  expectStatus(await patch('admin', `/api/users/${fx.user.id}`, { version: u.version, active: false }), 200);
  const ch = expectStatus(await get('admin', `/api/notification-channels/${fx.channel.id}`), 200);
  expectStatus(await patch('admin', `/api/notification-channels/${fx.channel.id}`, { version: ch.version, active: false }),
    200);
});

const mine = async (as, kind, period) => expectStatus(await get(as, `/api/reports/mine?kind=${kind}&period=${period}`),
  200, `mine ${kind} ${period}`);

test('daily reports are written once a template of the kind exists, on working days only', { skip }, async () => {
  const before = await mine(fx.as, 'day', fx.day);
  assert.deepEqual(before.kinds, ['week'], 'no daily reports before a template');
  assert.equal(before.expected, false);
  assert.equal((await mine(fx.as, 'week', fx.week.period)).expected, true);

  fx.dayTemplate = expectStatus(await post('admin', '/api/report-templates', {
    team_id: fx.team.id, kind: 'day', name: unique('销售日报'), deadline: DAY_DEADLINE, sections: fx.sections,
  }), 201);
  expectStatus(await post('admin', '/api/report-templates', {
    team_id: fx.team.id, kind: 'week', name: unique('周一交的周报'), deadline: WEEK_DEADLINE,
    sections: [fx.sections[0], { key: 'summary', title: '本周总结', type: 'text', required: true }],
  }), 201);

  // A template applies from its first day, the org's today unless the admin says otherwise: the
  // working days before it are not expected, so introducing daily reports makes nobody late.
  assert.equal(fx.dayTemplate.effective_from, fx.today);
  let past = addDays(fx.today, -1);
  while (weekday(past) > 4) past = addDays(past, -1);
  assert.equal((await mine(fx.as, 'day', past)).expected, false, `${past}: before the template`);
  const moved = expectStatus(await patch('admin', `/api/report-templates/${fx.dayTemplate.id}`, {
    version: fx.dayTemplate.version, effective_from: addDays(past, -7),
  }), 200);
  assert.equal(moved.effective_from, addDays(past, -7));
  assert.equal((await mine(fx.as, 'day', past)).expected, true, `${past}: the template moved back`);
  expectError(await patch('admin', `/api/report-templates/${fx.dayTemplate.id}`, {
    version: moved.version, effective_from: '2026-02-30',
  }), 400, 'invalid_field', 'effective_from');

  const day = await mine(fx.as, 'day', fx.day);
  assert.deepEqual(day.kinds, ['day', 'week']);
  assert.equal(day.kind, 'day');
  assert.equal(day.expected, true);
  assert.equal(day.period, fx.day);
  assert.deepEqual([day.from, day.to], [fx.day, fx.day]);
  assert.equal(Date.parse(day.deadline), at(fx.day, '20:00'));
  assert.equal(day.template.name, fx.dayTemplate.name);
  assert.equal((await mine(fx.as, 'day', fx.saturday)).expected, false, 'no daily report on a Saturday');
  assert.equal((await mine(fx.as, 'month', fx.day.slice(0, 7))).expected, false, 'no monthly reports');
  // The demo rep's teams have no daily template.
  const demo = await mine('rep', 'day', fx.day);
  assert.deepEqual(demo.kinds, ['week']);
  assert.equal(demo.expected, false);
  // The week is due on the team's Monday.
  const week = await mine(fx.as, 'week', fx.week.period);
  assert.equal(Date.parse(week.deadline), at(addDays(fx.week.to, 1), '10:00'));
});

test('the team\'s day: its rep expected on a working day, nobody on a Saturday; stats and export by day',
  { skip }, async () => {
    const empty = expectStatus(await get('admin', `/api/reports/team-week?team=${fx.team.id}&kind=day&period=${fx.day}`),
      200);
    assert.equal(empty.kind, 'day');
    assert.ok(empty.kinds.includes('day') && empty.kinds.includes('week'));
    assert.deepEqual(empty.members.map((m) => [m.user_id, m.state]), [[fx.user.id, 'pending']]);
    assert.equal(Date.parse(empty.deadline), at(fx.day, '20:00'));

    const draft = expectStatus(await post(fx.as, '/api/reports', {
      kind: 'day', period: fx.day, content: fullContent({ sections: fx.sections }, '（日）'),
    }), 201);
    assert.equal(draft.kind, 'day');
    fx.report = await submit(fx.as, draft);
    assert.equal(fx.report.late, false);

    const day = expectStatus(await get('admin', `/api/reports/team-week?team=${fx.team.id}&kind=day&period=${fx.day}`),
      200);
    assert.deepEqual(day.members.map((m) => [m.user_id, m.state, m.report?.id]), [[fx.user.id, 'on_time', fx.report.id]]);
    assert.equal(day.counts.expected, 1);
    assert.equal(day.counts.on_time, 1);
    const sat = expectStatus(await get('admin',
      `/api/reports/team-week?team=${fx.team.id}&kind=day&period=${fx.saturday}`), 200);
    assert.deepEqual(sat.members, [], 'nobody writes on a Saturday');
    // The weekly screen is unchanged by the kind: the rep is expected there as always.
    const week = expectStatus(await get('admin', `/api/reports/team-week?team=${fx.team.id}&period=${fx.week.period}`),
      200);
    assert.equal(week.kind, 'week');
    assert.deepEqual(week.members.map((m) => m.user_id), [fx.user.id]);

    // A week of days up to the Sunday after the report: five expected, one on time, the Saturday
    // and Sunday with nobody.
    const sunday = addDays(fx.saturday, 1);
    const stats = expectStatus(await get('admin',
      `/api/reports/stats?team=${fx.team.id}&kind=day&to=${sunday}&count=7`), 200);
    assert.equal(stats.kind, 'day');
    assert.deepEqual(stats.periods.map((p) => p.period), Array.from({ length: 7 }, (_, i) => addDays(sunday, i - 6)));
    for (const p of stats.periods) {
      const working = weekday(p.period) < 5;
      assert.equal(p.expected, working ? 1 : 0, p.period);
      if (p.period === fx.day) assert.deepEqual([p.on_time, p.on_time_rate], [1, 1]);
      if (!working) assert.equal(p.on_time_rate, null, `${p.period}: nobody expected, no rate`);
    }
    const person = stats.people.find((p) => p.user_id === fx.user.id);
    assert.deepEqual([person.expected, person.on_time], [5, 1]);

    const xlsx = await get('admin', `/api/reports/team-week/export?team=${fx.team.id}&kind=day&period=${fx.day}`);
    assert.equal(xlsx.status, 200);
    assert.match(decodeURIComponent(xlsx.headers.get('content-disposition')), /日报/);

    // One-click reminders name the day; a kind that is not one is refused.
    const sent = expectStatus(await post('admin', '/api/reports/remind',
      { kind: 'day', period: fx.saturday, user_ids: [fx.user.id] }), 200);
    assert.equal(sent.sent, 1);
    expectError(await post('admin', '/api/reports/remind', { kind: 'year', period: '2026', user_ids: [fx.user.id] }),
      400, 'invalid_field', 'kind');
    expectError(await post('admin', '/api/reports/remind', { kind: 'day', period: fx.week.period,
      user_ids: [fx.user.id] }), 400, 'invalid_field', 'period');
  });

test('reminders go out at the team\'s own deadlines: the week on Monday, the day at 20:00', { skip }, async () => {
  // Friday 17:00, an hour before the org's deadline: not this team's (its week is due Monday).
  await remind(at(addDays(fx.week.to, -2), '17:00'));
  assert.deepEqual(fx.receiver.got.filter((m) => m.data.period === fx.week.period), [], 'nothing on Friday');
  // Monday 09:00, an hour before the team's deadline.
  const monday = addDays(fx.week.to, 1);
  await remind(at(monday, '09:00'));
  const week = fx.receiver.got.filter((m) => m.data.period === fx.week.period);
  assert.equal(week.length, 1, 'one message for the week');
  assert.deepEqual([week[0].data.kind, week[0].data.stage], ['week', 'before']);
  assert.equal(Date.parse(week[0].data.deadline), at(monday, '10:00'));
  assert.deepEqual(week[0].data.users.map((u) => u.id), [fx.user.id]);
  assert.ok(week[0].text.startsWith('【周报提醒】'), week[0].text);

  // The working day before the reported one, 19:00: its daily report is due at 20:00.
  const dayBefore = addDays(fx.day, -1);
  await remind(at(dayBefore, '19:00'));
  const daily = fx.receiver.got.filter((m) => m.data.period === dayBefore);
  assert.equal(daily.length, 1, 'one message for the day');
  assert.deepEqual([daily[0].data.kind, daily[0].data.stage], ['day', 'before']);
  assert.equal(Date.parse(daily[0].data.deadline), at(dayBefore, '20:00'));
  assert.ok(daily[0].text.startsWith('【日报提醒】'), daily[0].text);
  // The reported day, after its deadline: handed in, so nothing; the Saturday has no report.
  await remind(at(fx.day, '21:30'));
  await remind(at(fx.saturday, '21:30'));
  assert.deepEqual(fx.receiver.got.filter((m) => m.data.period === fx.day || m.data.period === fx.saturday), []);
  // In the app, the rep's reminders name the periods.
  const notes = expectStatus(await get(fx.as, '/api/todos'), 200).reminders
    .filter((r) => r.kind === 'report').map((r) => r.note);
  for (const note of [`${fx.week.period} before`, `${dayBefore} before`, fx.saturday]) {
    assert.ok(notes.includes(note), `${note} in ${JSON.stringify(notes)}`);
  }
});
