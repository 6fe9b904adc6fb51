// The metric routes (docs/metrics.md): the answers for the demo org and their shape, null for a zero
// denominator, who may ask about which scope, batches and breakdowns that add up, and the
// differential check: after random writes through the API, GET /api/metrics (the in-memory engine)
// must answer exactly what `fupan metric --via sql` (plain SQL over the same store) answers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, test } from 'node:test';

import {
  BIN, DB, createUser, del, demoDay, discover, expectError, expectStatus, get, listAll, patch, post, todayShanghai, unique,
} from '../lib.mjs';
import { crmBase } from '../crm_fixtures.mjs';

// ---- calendar helpers (dates as YYYY-MM-DD, days as UTC midnights) ----

const DAY_MS = 86400000;
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const weekday = (day) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;  // Monday 0 .. Sunday 6
// The ISO week of `day`, labelled as the API does (2026-W48).
function isoWeek(day) {
  const thursday = addDays(day, 3 - weekday(day));
  const year = Number(thursday.slice(0, 4));
  const week = 1 + Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
const quarterOf = (day) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
const monthBefore = (month) => {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
const firstOfNextMonth = (month) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

// ---- asking ----

const qs = (params) => Object.entries(params).filter(([, v]) => v !== undefined)
  .map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
// Returns the answer to one question as `as` (200 expected).
async function ask(as, params) {
  return expectStatus(await get(as, `/api/metrics?${qs(params)}`), 200, `metric ${qs(params)} as ${as}`);
}
async function breakdown(as, params) {
  return expectStatus(await get(as, `/api/metrics/breakdown?${qs(params)}`), 200, `breakdown ${qs(params)}`);
}
const sum = (rows) => rows.reduce((s, r) => s + r.value, 0);

let fx;
before(async () => {
  const d = await discover();
  const catalog = expectStatus(await get('rep', '/api/metrics/catalog'), 200).items;
  const pipelines = expectStatus(await get('admin', '/api/pipelines'), 200).items;
  fx = {
    d,
    catalog,
    units: Object.fromEntries(catalog.map((m) => [m.name, m.unit])),
    today: todayShanghai(),
    east: d.region('华东区'),
    sh1: d.team('上海一部'),
    sh2: d.team('上海二部'),
    gz: d.team('广州团队'),
    rep: d.user('rep'),
    manager: d.user('manager'),
    stages: pipelines.find((p) => p.is_default).stages,
    crm: await crmBase(),
  };
  fx.month = fx.today.slice(0, 7);
  fx.lastMonth = monthBefore(fx.month);
  // The demo's history: the 365 days before the day it was made, and the 365 before those.
  fx.demoDay = await demoDay();
  fx.demoYear = `${addDays(fx.demoDay, -365)}..${addDays(fx.demoDay, -1)}`;
});

// ---- the demo org's answers ----

test('the catalog names every metric once, with Chinese and English names and a unit', async () => {
  const names = fx.catalog.map((m) => m.name);
  assert.equal(new Set(names).size, names.length);
  for (const expected of ['orders_amount', 'orders_count', 'aov', 'payments_amount', 'new_leads', 'new_buyers',
    'lead_conversion', 'win_rate', 'stage_conversion', 'sales_cycle_days', 'sales_cycle_days_mean', 'activities',
    'visits', 'calls', 'emails', 'meetings', 'activities_per_day', 'satisfaction', 'retention', 'cac', 'clv',
    'receivables']) {
    assert.ok(names.includes(expected), `${expected} is in the catalog`);
  }
  for (const m of fx.catalog) {
    assert.deepEqual(Object.keys(m), ['name', 'zh', 'en', 'unit', 'additive'], m.name);
    assert.ok(/[\u4e00-\u9fff]/.test(m.zh), m.name);
    assert.ok(['fen', 'count', 'ratio', 'days', 'per_day', 'score', 'stages'].includes(m.unit), m.name);
    assert.equal(typeof m.additive, 'boolean');
  }
  // Every role reads the same catalog.
  assert.deepEqual(expectStatus(await get('analyst', '/api/metrics/catalog'), 200).items, fx.catalog);
});

// Checks one value of `metric` for its type.
function checkValue(metric, v, what) {
  const unit = fx.units[metric.replace(/^(yoy_)?growth:/, '')];
  const additive = fx.catalog.find((m) => m.name === metric)?.additive;
  if (metric.includes('growth:')) {
    assert.ok(v === null || Number.isFinite(v), what);
  } else if (unit === 'stages') {
    assert.ok(Array.isArray(v), what);
    v.forEach((s, i) => {
      assert.deepEqual(Object.keys(s), ['stage_id', 'name', 'reached', 'conversion'], what);
      assert.ok(Number.isInteger(s.reached) && s.reached >= 0, what);
      if (i === 0) assert.equal(s.conversion, null, `${what}: the first stage has no conversion`);
      else {
        assert.ok(s.reached <= v[i - 1].reached, `${what}: reached never grows along the stages`);
        assert.equal(s.conversion, v[i - 1].reached === 0 ? null : s.reached / v[i - 1].reached, what);
      }
    });
  } else if (additive || metric === 'receivables') {
    assert.ok(Number.isInteger(v) && v >= 0, `${what}: a whole number, not ${v}`);
  } else if (unit === 'ratio') {
    assert.ok(v === null || (v >= 0 && v <= 1), `${what}: a share or null, not ${v}`);
  } else {
    assert.ok(v === null || (Number.isFinite(v) && v >= 0), `${what}: a number or null, not ${v}`);
  }
}

test('every metric answers in the documented shape for the demo org', async () => {
  for (const { name } of fx.catalog) {
    for (const metric of name === 'stage_conversion' ? [name] : [name, `growth:${name}`, `yoy_growth:${name}`]) {
      const a = await ask('analyst', { metric, scope: 'org', period: fx.month });
      const keys = ['metric', 'scope', 'period', 'range', 'value', 'previous', 'yoy'];
      if (metric === 'receivables') keys.push('aging');
      // This month is in progress: compared to date, with the days each figure counts.
      keys.push('previous_period', 'yoy_period', 'compared', 'through', 'elapsed', 'value_range', 'previous_range',
        'yoy_range');
      assert.deepEqual(Object.keys(a), keys, metric);
      assert.equal(a.metric, metric);
      assert.equal(a.scope, 'org');
      assert.equal(a.period, fx.month);
      assert.deepEqual(a.range, { start: `${fx.month}-01`, end: firstOfNextMonth(fx.month) });
      assert.equal(a.previous_period, fx.lastMonth);
      assert.equal(a.yoy_period, `${Number(fx.month.slice(0, 4)) - 1}${fx.month.slice(4)}`);
      for (const k of ['value', 'previous', 'yoy']) checkValue(metric, a[k], `${metric} ${k}`);
      if (metric === 'receivables') {
        assert.deepEqual(Object.keys(a.aging), ['d0_30', 'd31_60', 'd61_90', 'd90_plus', 'orders']);
        assert.equal(a.aging.d0_30 + a.aging.d31_60 + a.aging.d61_90 + a.aging.d90_plus, a.value);
      }
    }
  }
  // Two years of demo history: the numbers are there, and they agree with each other.
  const year = fx.demoYear;
  const amount = await ask('analyst', { metric: 'orders_amount', scope: 'org', period: year });
  const count = await ask('analyst', { metric: 'orders_count', scope: 'org', period: year });
  const aov = await ask('analyst', { metric: 'aov', scope: 'org', period: year });
  assert.ok(amount.value > 0 && count.value > 0 && amount.previous > 0, 'the demo org has orders');
  assert.ok(Math.abs(aov.value - amount.value / count.value) <= 1e-9 * aov.value);
  const growth = await ask('analyst', { metric: 'growth:orders_amount', scope: 'org', period: year });
  assert.ok(Math.abs(growth.value - (amount.value - amount.previous) / amount.previous) < 1e-9);
  const visits = await ask('analyst', { metric: 'visits', scope: 'org', period: year });
  const all = await ask('analyst', { metric: 'activities', scope: 'org', period: year });
  assert.ok(visits.value > 0 && visits.value <= all.value);
});

test('periods of every kind answer with their range, previous period and same period last year', async () => {
  const cases = [
    ['2026-11-22', '2026-11-22', '2026-11-23', '2026-11-21', '2025-11-22'],
    ['2026-W47', '2026-11-16', '2026-11-23', '2026-W46', '2025-W47'],
    ['2026-W01', '2025-12-29', '2026-01-05', '2025-W52', '2025-W01'],
    ['2026-11', '2026-11-01', '2026-12-01', '2026-10', '2025-11'],
    ['2026-Q1', '2026-01-01', '2026-04-01', '2025-Q4', '2025-Q1'],
    ['2026', '2026-01-01', '2027-01-01', '2025', '2025'],
    ['FY2026', '2026-01-01', '2027-01-01', 'FY2025', 'FY2025'],
    ['FY2026-Q2', '2026-04-01', '2026-07-01', 'FY2026-Q1', 'FY2025-Q2'],
    ['2026-11-01..2026-11-10', '2026-11-01', '2026-11-11', '2026-10-22..2026-10-31', '2025-11-01..2025-11-10'],
    ['2024-02-29', '2024-02-29', '2024-03-01', '2024-02-28', '2023-02-28'],
  ];
  for (const [period, start, end, previous, yoy] of cases) {
    const a = await ask('admin', { metric: 'orders_count', scope: 'org', period });
    assert.deepEqual([a.period, a.range.start, a.range.end, a.previous_period, a.yoy_period],
      [period, start, end, previous, yoy], period);
    // The previous period's value is that period's own answer: whole, or (for a period in
    // progress) its days to date.
    const asRange = (r) => `${r.start}..${addDays(r.end, -1)}`;
    const compared = a.compared === 'to_date';
    const prev = await ask('admin', { metric: 'orders_count', scope: 'org',
      period: compared ? asRange(a.previous_range) : previous });
    const last = await ask('admin', { metric: 'orders_count', scope: 'org', period: compared ? asRange(a.yoy_range) : yoy });
    assert.equal(a.previous, prev.value, `${period} previous`);
    assert.equal(a.yoy, last.value, `${period} yoy`);
    // Asked whole, every period is compared with the whole of the others.
    const whole = await ask('admin', { metric: 'orders_count', scope: 'org', period, compare: 'full' });
    assert.equal(whole.compared, 'full');
    assert.equal(whole.previous, (await ask('admin', { metric: 'orders_count', scope: 'org', period: previous,
      compare: 'full' })).value, `${period} previous, whole`);
  }
});

test('a ratio with a zero denominator is null, never 0 or infinity; hand-made numbers are exact', async () => {
  const person = await createUser({ display_name: unique('指标测试') });
  const scope = `user:${person.id}`;
  const month = fx.month;
  const empty = {};
  for (const { name } of fx.catalog) empty[name] = (await ask('admin', { metric: name, scope, period: month })).value;
  for (const m of ['aov', 'lead_conversion', 'win_rate', 'sales_cycle_days', 'sales_cycle_days_mean', 'satisfaction',
    'retention', 'cac', 'clv']) {
    assert.equal(empty[m], null, `${m} of a person with no data`);
  }
  for (const m of ['orders_amount', 'orders_count', 'payments_amount', 'new_leads', 'new_buyers', 'activities',
    'visits', 'receivables']) {
    assert.equal(empty[m], 0, `${m} of a person with no data`);
  }
  assert.ok(empty.stage_conversion.every((s) => s.reached === 0 && s.conversion === null));
  assert.equal((await ask('admin', { metric: 'growth:orders_amount', scope, period: month })).value, null,
    'growth over nothing');
  // No working day in a weekend: activities per day is null even where activities were logged.
  const saturday = addDays(fx.today, -((weekday(fx.today) + 2) % 7 || 7));
  assert.equal(weekday(saturday), 5);
  assert.equal((await ask('admin', { metric: 'activities_per_day', scope: 'org', period: saturday })).value, null);

  // Costs but no new buyer: cac is null, not infinity.
  expectStatus(await post('admin', '/api/costs', { spent_on: `${month}-01`, scope_type: 'user', scope_id: person.id,
    amount: 90000 }), 201);
  assert.equal((await ask('admin', { metric: 'cac', scope, period: month })).value, null);

  // Now a customer (created today), two orders and a cancelled one, two opportunities.
  const customer = expectStatus(await post('admin', '/api/customers', { name: unique('指标客户'), owner_id: person.id,
    industry: unique('行业') }), 201);
  const at = `${fx.today}T10:00:00+08:00`;
  for (const [total, status] of [[1000, 'confirmed'], [2001, 'completed'], [5000, 'cancelled']]) {
    expectStatus(await post('admin', '/api/orders', { customer_id: customer.id, owner_id: person.id, ordered_at: at,
      total, status }), 201);
  }
  const opp = async () => expectStatus(await post('admin', '/api/opportunities', { name: unique('指标商机'),
    customer_id: customer.id, owner_id: person.id, amount: 100, expected_close: fx.today }), 201);
  const lost = fx.stages.find((s) => s.kind === 'lost');
  const won = fx.stages.find((s) => s.kind === 'won');
  const o1 = await opp();
  expectStatus(await patch('admin', `/api/opportunities/${o1.id}`, { version: o1.version, stage_id: lost.id,
    lost_reason: '价格' }), 200);
  assert.equal((await ask('admin', { metric: 'win_rate', scope, period: month })).value, 0, 'lost only: 0, not null');
  const o2 = await opp();
  expectStatus(await patch('admin', `/api/opportunities/${o2.id}`, { version: o2.version, stage_id: won.id }), 200);

  const now = {};
  for (const m of ['orders_amount', 'orders_count', 'aov', 'new_leads', 'new_buyers', 'lead_conversion', 'win_rate',
    'cac']) {
    now[m] = (await ask('admin', { metric: m, scope, period: month })).value;
  }
  assert.deepEqual(now, {
    orders_amount: 3001, orders_count: 2, aov: 1500.5, new_leads: 1, new_buyers: 1, lead_conversion: 1, win_rate: 0.5,
    cac: 90000,
  });
  const stages = (await ask('admin', { metric: 'stage_conversion', scope, period: month })).value;
  assert.equal(stages[0].reached, 2, 'both opportunities reached the first stage');
  assert.equal(stages.at(-1).reached, 1, 'one reached the won stage');
  // By industry: the customer's own segment holds exactly these orders.
  const seg = await ask('admin', { metric: 'orders_amount', scope: 'org', period: month, segment: 'industry',
    segment_key: customer.industry });
  assert.equal(seg.value, 3001);
  assert.deepEqual(seg.segment, { by: 'industry', key: customer.industry });
});

test('a viewer asks only within their scope, and every viewer gets the same numbers', async () => {
  const q = { metric: 'orders_amount', period: fx.month };
  const rep = await ask('rep', { ...q, scope: `user:${fx.rep.id}` });
  assert.deepEqual(await ask('admin', { ...q, scope: `user:${fx.rep.id}` }), rep);
  assert.deepEqual(await ask('manager', { ...q, scope: `user:${fx.rep.id}` }), rep);
  const team = await ask('manager', { ...q, scope: `team:${fx.sh1.id}` });
  assert.deepEqual(await ask('director', { ...q, scope: `team:${fx.sh1.id}` }), team);
  assert.deepEqual(await ask('analyst', { ...q, scope: `team:${fx.sh1.id}` }), team);
  const region = await ask('director', { ...q, scope: `region:${fx.east.id}` });
  assert.deepEqual(await ask('analyst', { ...q, scope: `region:${fx.east.id}` }), region);

  const refused = async (as, scope, status) => {
    const path = `/api/metrics?${qs({ ...q, scope })}`;
    expectError(await get(as, path), status, status === 403 ? 'forbidden' : 'not_found', null, `${as} ${scope}`);
  };
  const teammate = fx.d.memberOf('上海一部', [fx.rep.id]);
  await refused('rep', `team:${fx.sh1.id}`, 404);  // his own team's total shows the others' work
  await refused('rep', `user:${teammate.id}`, 404);
  await refused('rep', `region:${fx.east.id}`, 404);
  await refused('rep', 'org', 403);
  await refused('manager', 'org', 403);
  await refused('manager', `team:${fx.d.team('杭州团队').id}`, 404);
  await refused('manager', `region:${fx.east.id}`, 404);
  await refused('director', 'org', 403);
  await refused('director', `region:${fx.d.region('华南区').id}`, 404);
  await refused('director', `team:${fx.gz.id}`, 404);
  await refused('director', `user:${fx.d.memberOf('广州团队').id}`, 404);
  expectStatus(await get('analyst', `/api/metrics?${qs({ ...q, scope: 'org' })}`), 200);
});

// ---- batch and breakdown ----

test('a batch answers every metric for every scope, metric-major, each as asked alone', async () => {
  const metrics = ['orders_amount', 'win_rate', 'stage_conversion', 'receivables'];
  const scopes = ['org', `region:${fx.east.id}`, `team:${fx.sh1.id}`, `user:${fx.rep.id},user:${fx.manager.id}`];
  const path = `/api/metrics/batch?${metrics.map((m) => `metric=${m}`).join('&')}&` +
    `${scopes.map((s) => `scope=${encodeURIComponent(s)}`).join('&')}&period=${fx.lastMonth}`;
  const body = expectStatus(await get('analyst', path), 200);
  assert.deepEqual(Object.keys(body), ['results']);
  assert.equal(body.results.length, metrics.length * scopes.length);
  let i = 0;
  for (const metric of metrics) {
    for (const scope of scopes) {
      assert.deepEqual(body.results[i], await ask('analyst', { metric, scope, period: fx.lastMonth }), `${metric} ${scope}`);
      i += 1;
    }
  }
  // 500 answers is the limit, not an error.
  const many = `/api/metrics/batch?${Array(20).fill('metric=visits').join('&')}&${Array(25).fill('scope=org').join('&')}` +
    `&period=${fx.lastMonth}`;
  assert.equal(expectStatus(await get('analyst', many), 200).results.length, 500);
});

test('a breakdown by week, day or month adds up to the whole period, the weeks clipped to it', async () => {
  const month = fx.lastMonth;
  for (const metric of ['orders_amount', 'orders_count', 'visits', 'payments_amount']) {
    const whole = await ask('analyst', { metric, scope: 'org', period: month });
    const b = await breakdown('analyst', { metric, scope: 'org', period: month, by: 'week' });
    assert.deepEqual(Object.keys(b), ['metric', 'scope', 'period', 'by', 'rows']);
    assert.deepEqual([b.metric, b.scope, b.period, b.by], [metric, 'org', month, 'week']);
    const weeks = [];
    for (let d = `${month}-01`; d < firstOfNextMonth(month); d = addDays(d, 1)) {
      if (!weeks.includes(isoWeek(d))) weeks.push(isoWeek(d));
    }
    assert.deepEqual(b.rows.map((r) => r.key), weeks, 'the ISO weeks that touch the month, in order');
    for (const r of b.rows) {
      assert.deepEqual(Object.keys(r), ['key', 'label', 'value', 'previous', 'yoy', 'previous_period', 'compared'],
        metric);
      assert.equal(r.compared, 'full', 'last month is over');
      assert.equal(r.label, r.key);
    }
    assert.equal(sum(b.rows), whole.value, `${metric}: the weeks of ${month} add up to the month`);
    const days = await breakdown('analyst', { metric, scope: `team:${fx.sh1.id}`, period: month, by: 'day' });
    const team = await ask('analyst', { metric, scope: `team:${fx.sh1.id}`, period: month });
    assert.equal(days.rows.length, (Date.parse(firstOfNextMonth(month)) - Date.parse(`${month}-01`)) / DAY_MS);
    assert.equal(sum(days.rows), team.value, `${metric}: the days add up to the month`);
  }
  const quarter = quarterOf(`${fx.lastMonth}-01`);
  const months = await breakdown('director', { metric: 'orders_amount', scope: `region:${fx.east.id}`, period: quarter,
    by: 'month' });
  assert.equal(months.rows.length, 3);
  assert.equal(sum(months.rows), (await ask('director', { metric: 'orders_amount', scope: `region:${fx.east.id}`,
    period: quarter })).value);
});

test('a breakdown by child lists the regions of the org, the teams of a region, the sub-teams and members of a team',
  async () => {
    const regions = await listAll('/api/regions');
    const org = await breakdown('analyst', { metric: 'orders_amount', scope: 'org', period: fx.lastMonth, by: 'child' });
    assert.deepEqual(org.rows.map((r) => r.key).sort(), regions.map((r) => `region:${r.id}`).sort());
    for (const r of org.rows) {
      assert.equal(r.label, regions.find((x) => `region:${x.id}` === r.key).name);
      assert.equal(r.value, (await ask('analyst', { metric: 'orders_amount', scope: r.key, period: fx.lastMonth })).value);
    }
    const values = org.rows.map((r) => r.value);
    assert.deepEqual(values, [...values].sort((a, b) => b - a), 'largest first');

    const teams = await listAll('/api/teams');
    const east = await breakdown('director', { metric: 'visits', scope: `region:${fx.east.id}`, period: fx.lastMonth,
      by: 'child' });
    const topLevel = teams.filter((t) => t.region_id === fx.east.id && (t.parent_id === null ||
      teams.find((p) => p.id === t.parent_id).region_id !== fx.east.id));
    assert.deepEqual(east.rows.map((r) => r.key).sort(), topLevel.map((t) => `team:${t.id}`).sort());

    // A team: its sub-teams and its own members, which together make the team.
    for (const metric of ['orders_amount', 'visits']) {
      const team = await ask('manager', { metric, scope: `team:${fx.sh1.id}`, period: fx.lastMonth });
      const child = await breakdown('manager', { metric, scope: `team:${fx.sh1.id}`, period: fx.lastMonth, by: 'child' });
      assert.ok(child.rows.some((r) => r.key === `team:${fx.sh2.id}`), '上海二部 is a child of 上海一部');
      assert.ok(child.rows.some((r) => r.key === `user:${fx.rep.id}`), 'the rep is a member of 上海一部');
      assert.equal(sum(child.rows), team.value, `${metric}: sub-teams and members add up to the team`);
    }
  });

test('a breakdown by user adds up to the team, each person counted for their days in it', async () => {
  for (const metric of ['orders_amount', 'orders_count', 'calls', 'new_leads']) {
    for (const team of [fx.sh1, fx.d.team('杭州团队'), fx.gz]) {
      for (const period of [fx.lastMonth, quarterOf(`${fx.lastMonth}-01`), fx.today.slice(0, 4)]) {
        const whole = await ask('analyst', { metric, scope: `team:${team.id}`, period });
        const b = await breakdown('analyst', { metric, scope: `team:${team.id}`, period, by: 'user' });
        assert.equal(sum(b.rows), whole.value, `${metric} ${team.name} ${period}: the people add up to the team`);
        const ids = new Set(fx.d.subtree(team.id));
        for (const r of b.rows) {
          assert.ok(fx.d.memberships.some((m) => ids.has(m.team_id) && `user:${m.user_id}` === r.key), r.key);
          assert.equal(r.label, fx.d.users.find((u) => `user:${u.id}` === r.key).display_name);
        }
      }
    }
  }
  // The rep who moved from 杭州团队 to 上海一部: in each team's rows with that team's part of his year.
  const moved = fx.d.users.find((u) => fx.d.memberships.filter((m) => m.user_id === u.id).length === 2 &&
    fx.d.memberships.some((m) => m.user_id === u.id && m.team_id === fx.d.team('杭州团队').id));
  assert.ok(moved, 'the demo has a rep who changed team');
  const year = fx.today.slice(0, 4);
  const own = await ask('analyst', { metric: 'orders_amount', scope: `user:${moved.id}`, period: year });
  let parts = 0;
  for (const team of [fx.sh1, fx.d.team('杭州团队')]) {
    const b = await breakdown('analyst', { metric: 'orders_amount', scope: `team:${team.id}`, period: year, by: 'user' });
    parts += b.rows.find((r) => r.key === `user:${moved.id}`)?.value ?? 0;
  }
  assert.equal(parts, own.value, 'his two teams\' parts make his year');
});

test('a breakdown by a customer field adds up to the whole; by product only for orders', async () => {
  for (const by of ['industry', 'channel', 'tier', 'region_of_customer']) {
    for (const metric of ['orders_amount', 'new_leads', 'visits']) {
      const whole = await ask('analyst', { metric, scope: 'org', period: fx.lastMonth });
      const b = await breakdown('analyst', { metric, scope: 'org', period: fx.lastMonth, by });
      assert.equal(sum(b.rows), whole.value, `${metric} by ${by}`);
      assert.equal(new Set(b.rows.map((r) => r.key)).size, b.rows.length);
      for (const r of b.rows) if (r.key === '') assert.equal(r.label, '（未填写）');
    }
  }
  const byRegion = await breakdown('analyst', { metric: 'orders_amount', scope: 'org', period: fx.lastMonth,
    by: 'region_of_customer' });
  for (const r of byRegion.rows.filter((x) => x.key !== '')) {
    assert.equal(r.label, fx.d.regions.find((x) => String(x.id) === r.key)?.name ?? r.label);
  }
  const products = await breakdown('analyst', { metric: 'orders_count', scope: 'org', period: fx.lastMonth,
    by: 'product' });
  assert.ok(products.rows.length > 0);
  const count = await ask('analyst', { metric: 'orders_count', scope: 'org', period: fx.lastMonth });
  for (const r of products.rows) assert.ok(r.value <= count.value, 'no product is on more orders than there are');
});

// ---- the differential check: engine (API) against plain SQL (`fupan metric --via sql`) ----

// A small seeded generator (mulberry32), so a failure can be replayed with FUPAN_TEST_SEED.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Returns the differences between two answers: integers must be equal, reals within 1e-9 relative.
function differences(a, b, path = '') {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) return a === b ? [] : [`${path}: ${a} ≠ ${b}`];
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} ≠ ${b}`];
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = Object.keys(a);
    if (keys.join() !== Object.keys(b).join()) return [`${path}: keys ${keys} ≠ ${Object.keys(b)}`];
    return keys.flatMap((k) => differences(a[k], b[k], `${path}.${k}`));
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}

// Answers the question with plain SQL over the store, through the command line.
function bySql(q) {
  const args = ['metric', '--db', DB, '--metric', q.metric, '--scope', q.scope, '--period', q.period, '--via', 'sql'];
  if (q.segment !== undefined) args.push('--segment', q.segment, '--segment-key', q.segment_key);
  return JSON.parse(execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}

test('after random writes through the API, every answer equals the plain-SQL reference', {
  skip: DB ? false : 'FUPAN_DB is not set (tests/api/run.sh sets it)',
}, async () => {
  const seed = Number(process.env.FUPAN_TEST_SEED ?? Date.now() % 1000000007);
  const rounds = Number(process.env.FUPAN_TEST_ROUNDS ?? 4);  // each: 10 writes, then 8 questions
  const rnd = generator(seed);
  const between = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const label = `seed ${seed} (FUPAN_TEST_SEED=${seed} replays it)`;
  const { d, today } = fx;

  // The demo org as `fupan demo` made it (other test files add empty regions, teams and people).
  const made = d.user('admin').created_at;
  const regions = d.regions.filter((r) => r.created_at === made);
  const teams = d.teams.filter((t) => t.created_at === made);
  // People who own things: everyone in a demo team (the rep who moved too) and the director (in none).
  const inTeams = [...new Set(d.memberships.filter((m) => teams.some((t) => t.id === m.team_id))
    .map((m) => m.user_id))].filter((id) => d.users.find((u) => u.id === id).created_at === made);
  const owners = [...inTeams, d.user('director').id];
  assert.ok(regions.length === 3 && teams.length === 8 && inTeams.length > 20, 'the demo org is there');
  const industries = ['制造', '零售', '金融', '', unique('行业')];
  const days = [];  // the days the writes touched
  const randomDay = () => (days.length && rnd() < 0.5 ? pick(days) : addDays(today, -between(0, 420)));
  // An instant on `day` in the org's zone, now and then at the edges of the local day.
  const instant = (day) => {
    days.push(day);
    const r = rnd();
    if (r < 0.1) return `${day}T00:00:00+08:00`;
    if (r < 0.2) return `${day}T23:59:59+08:00`;
    if (r < 0.3) return `${addDays(day, -1)}T16:00:00Z`;  // midnight in Shanghai, the day before in UTC
    return `${day}T${String(between(8, 20)).padStart(2, '0')}:${String(between(0, 59)).padStart(2, '0')}:00+08:00`;
  };
  const touched = new Set();  // owners written for
  const mine = { customers: [fx.crm.customer.id], orders: [], payments: [], activities: [], opportunities: [],
    costs: [] };
  const read = async (kind, id) => expectStatus(await get('admin', `/api/${kind}/${id}`), 200, `${kind} ${id}`);
  const created = (kind, res, what) => {
    const body = expectStatus(res, 201, `${what} (${label})`);
    mine[kind].push(body.id);
    return body;
  };
  const drop = (kind, id) => mine[kind].splice(mine[kind].indexOf(id), 1);

  const WRITES = [
    [6, 'create an order', async () => {
      const asRep = rnd() < 0.25;
      const owner = asRep ? fx.rep.id : pick(owners);
      touched.add(owner);
      const body = { customer_id: asRep ? fx.crm.customer.id : pick(mine.customers), ordered_at: instant(randomDay()),
        total: between(1, 5000000), status: pick(['confirmed', 'delivered', 'completed', 'confirmed', 'cancelled']) };
      if (!asRep) body.owner_id = owner;
      created('orders', await post(asRep ? 'rep' : 'admin', '/api/orders', body), 'create an order');
    }],
    [4, 'change an order', async () => {
      if (!mine.orders.length) return false;
      const o = await read('orders', pick(mine.orders));
      const change = pick(['total', 'ordered_at', 'status', 'owner_id']);
      const body = { version: o.version };
      if (change === 'total') body.total = between(o.paid, o.paid + 3000000);
      if (change === 'ordered_at') body.ordered_at = instant(randomDay());
      if (change === 'status') {
        body.status = o.paid > 0 ? pick(['confirmed', 'delivered', 'completed'])
          : pick(['confirmed', 'delivered', 'completed', 'cancelled']);
      }
      if (change === 'owner_id') touched.add(body.owner_id = pick(owners));
      expectStatus(await patch('admin', `/api/orders/${o.id}`, body), 200, `change an order's ${change} (${label})`);
      return true;
    }],
    [1, 'delete an order', async () => {
      const o = mine.orders.length ? await read('orders', pick(mine.orders)) : null;
      if (!o || o.paid > 0) return false;
      expectStatus(await del('admin', `/api/orders/${o.id}?version=${o.version}`), 204, `delete an order (${label})`);
      drop('orders', o.id);
      return true;
    }],
    [4, 'record a payment', async () => {
      const open = [];
      for (const id of mine.orders) {
        const o = await read('orders', id);
        if (o.status !== 'cancelled' && o.total > o.paid) open.push(o);
      }
      if (!open.length) return false;
      const o = pick(open);
      touched.add(o.owner_id);
      created('payments', await post('admin', '/api/payments', { order_id: o.id, amount: between(1, o.total - o.paid),
        received_at: instant(randomDay()) }), 'record a payment');
      return true;
    }],
    [2, 'change a payment', async () => {
      if (!mine.payments.length) return false;
      const p = await read('payments', pick(mine.payments));
      const body = rnd() < 0.5 ? { received_at: instant(randomDay()) } : { amount: between(1, p.amount) };
      expectStatus(await patch('admin', `/api/payments/${p.id}`, { version: p.version, ...body }), 200,
        `change a payment (${label})`);
      return true;
    }],
    [1, 'delete a payment', async () => {
      if (!mine.payments.length) return false;
      const p = await read('payments', pick(mine.payments));
      expectStatus(await del('admin', `/api/payments/${p.id}?version=${p.version}`), 204, `delete a payment (${label})`);
      drop('payments', p.id);
      return true;
    }],
    [4, 'log an activity', async () => {
      const asRep = rnd() < 0.25;
      const user = asRep ? fx.rep.id : pick(owners);
      touched.add(user);
      const revisit = rnd() < 0.3;
      const body = { type: pick(['visit', 'call', 'email', 'meeting', 'other']),
        customer_id: asRep ? fx.crm.customer.id : pick(mine.customers), started_at: instant(randomDay()),
        duration_minutes: between(5, 90), ...(revisit ? { is_revisit: true, satisfaction: between(1, 5) } : {}) };
      if (!asRep) body.user_id = user;
      created('activities', await post(asRep ? 'rep' : 'admin', '/api/activities', body), 'log an activity');
    }],
    [2, 'change an activity', async () => {
      if (!mine.activities.length) return false;
      const a = await read('activities', pick(mine.activities));
      const change = pick(['type', 'started_at', 'user_id', 'satisfaction']);
      const body = { version: a.version };
      if (change === 'type') body.type = pick(['visit', 'call', 'email', 'meeting', 'other']);
      if (change === 'started_at') body.started_at = instant(randomDay());
      if (change === 'user_id') touched.add(body.user_id = pick(owners));
      if (change === 'satisfaction') Object.assign(body, { is_revisit: true, satisfaction: between(1, 5) });
      expectStatus(await patch('admin', `/api/activities/${a.id}`, body), 200, `change an activity (${label})`);
      return true;
    }],
    [1, 'delete an activity', async () => {
      if (!mine.activities.length) return false;
      const a = await read('activities', pick(mine.activities));
      expectStatus(await del('admin', `/api/activities/${a.id}?version=${a.version}`), 204,
        `delete an activity (${label})`);
      drop('activities', a.id);
      return true;
    }],
    [3, 'add a customer', async () => {
      const owner = pick(owners);
      touched.add(owner);
      const industry = pick(industries);
      created('customers', await post('admin', '/api/customers', { name: unique('差分客户'), owner_id: owner,
        ...(industry ? { industry } : {}), channel: pick(['展会', '转介绍', '官网']) }), 'add a customer');
    }],
    [2, 'change a customer', async () => {
      const others = mine.customers.filter((id) => id !== fx.crm.customer.id);  // the rep keeps his own
      if (!others.length) return false;
      const c = await read('customers', pick(others));
      const body = rnd() < 0.5 ? { industry: pick(industries.filter(Boolean)) } : { owner_id: pick(owners) };
      if (body.owner_id) touched.add(body.owner_id);
      expectStatus(await patch('admin', `/api/customers/${c.id}`, { version: c.version, ...body }), 200,
        `change a customer (${label})`);
      return true;
    }],
    [3, 'open an opportunity', async () => {
      const owner = pick(owners);
      touched.add(owner);
      const stage = pick(fx.stages.filter((s) => s.kind === 'open'));
      created('opportunities', await post('admin', '/api/opportunities', { name: unique('差分商机'),
        customer_id: pick(mine.customers), owner_id: owner, amount: between(1000, 9000000), expected_close: today,
        stage_id: stage.id }), 'open an opportunity');
    }],
    [5, 'move an opportunity', async () => {
      if (!mine.opportunities.length) return false;
      const o = await read('opportunities', pick(mine.opportunities));
      const stage = pick(fx.stages.filter((s) => s.id !== o.stage_id));
      const body = { version: o.version, stage_id: stage.id, ...(stage.kind === 'lost' ? { lost_reason: '价格' } : {}) };
      expectStatus(await patch('admin', `/api/opportunities/${o.id}`, body), 200,
        `move an opportunity to ${stage.name} (${label})`);
      return true;
    }],
    [1, 'delete an opportunity', async () => {
      if (!mine.opportunities.length) return false;
      const o = await read('opportunities', pick(mine.opportunities));
      expectStatus(await del('admin', `/api/opportunities/${o.id}?version=${o.version}`), 204,
        `delete an opportunity (${label})`);
      drop('opportunities', o.id);
      return true;
    }],
    [3, 'book a cost', async () => {
      const kind = pick(['org', 'region', 'team', 'user', 'user']);
      const id = { org: undefined, region: pick(regions).id, team: pick(teams).id, user: pick(owners) }[kind];
      const day = randomDay();
      days.push(day);
      created('costs', await post('admin', '/api/costs', { spent_on: day, scope_type: kind,
        ...(id ? { scope_id: id } : {}), channel: pick(['展会', '广告']), amount: between(100, 900000) }),
      'book a cost');
    }],
    [1, 'change a cost', async () => {
      if (!mine.costs.length) return false;
      const c = await read('costs', pick(mine.costs));
      const body = rnd() < 0.5 ? { amount: between(100, 900000) } : { spent_on: randomDay() };
      expectStatus(await patch('admin', `/api/costs/${c.id}`, { version: c.version, ...body }), 200,
        `change a cost (${label})`);
      return true;
    }],
    [1, 'delete a cost', async () => {
      if (!mine.costs.length) return false;
      const c = await read('costs', pick(mine.costs));
      expectStatus(await del('admin', `/api/costs/${c.id}?version=${c.version}`), 204, `delete a cost (${label})`);
      drop('costs', c.id);
      return true;
    }],
  ];
  const weights = WRITES.flatMap(([w, name, act]) => Array(w).fill([name, act]));

  // Questions: each metric of the catalog once (in a random order), then growth of random ones.
  const names = fx.catalog.map((m) => m.name);
  const queue = names.map((n) => [rnd(), n]).sort((a, b) => a[0] - b[0]).map(([, n]) => n);
  const randomScope = () => {
    const r = rnd();
    if (r < 0.2) return 'org';
    if (r < 0.35) return `region:${pick(regions).id}`;
    if (r < 0.6) return `team:${pick(teams).id}`;
    if (r < 0.9) return `user:${touched.size ? pick([...touched]) : pick(owners)}`;
    return `team:${pick(teams).id},user:${pick(owners)}`;
  };
  const randomPeriod = () => {
    const r = rnd();
    const day = randomDay();
    if (r < 0.1) return today;
    if (r < 0.2) return isoWeek(today);
    if (r < 0.32) return today.slice(0, 7);
    if (r < 0.4) return quarterOf(today);
    if (r < 0.45) return today.slice(0, 4);
    if (r < 0.5) return `FY${today.slice(0, 4)}`;
    if (r < 0.6) return day;
    if (r < 0.7) return isoWeek(day);
    if (r < 0.82) return day.slice(0, 7);
    if (r < 0.88) return quarterOf(day);
    const start = addDays(day, -between(0, 60));
    return `${start}..${addDays(start, between(0, 120))}`;
  };
  const question = () => {
    const plain = queue.length > 0;
    const base = plain ? queue.shift() : pick(names.filter((n) => n !== 'stage_conversion'));
    const metric = plain ? base : `${pick(['growth:', 'yoy_growth:'])}${base}`;
    const q = { metric, scope: randomScope(), period: randomPeriod() };
    if (rnd() < 0.15 && !['cac', 'clv'].includes(base)) {
      q.segment = ['orders_amount', 'orders_count'].includes(base) && rnd() < 0.3 ? 'product' : pick(['industry', 'tier']);
      q.segment_key = q.segment === 'industry' ? pick(industries) : q.segment === 'tier' ? pick(['A', 'B', 'C', '']) : '';
    }
    return q;
  };

  const log = [];
  const mismatches = [];
  let writes = 0;
  let questions = 0;
  let informative = 0;  // answers with some number that is not 0
  for (let round = 0; round < rounds; round += 1) {
    for (let done = 0; done < 10;) {
      const [name, act] = pick(weights);
      if ((await act()) === false) continue;  // nothing to change yet
      log.push(name);
      done += 1;
      writes += 1;
    }
    for (let i = 0; i < 8; i += 1) {
      const q = question();
      const api = await ask('admin', q);
      const sql = bySql(q);
      questions += 1;
      if (JSON.stringify([api.value, api.previous, api.yoy]).match(/[1-9]/)) informative += 1;
      const diff = differences(api, sql);
      if (diff.length) mismatches.push(`${qs(q)} after ${writes} writes:\n    ${diff.join('\n    ')}`);
    }
  }
  assert.equal(writes, 10 * rounds);
  assert.equal(questions, 8 * rounds);
  assert.ok(informative >= questions / 4, `enough questions have numbers to compare (${informative} of ${questions}), ` +
    label);
  assert.deepEqual(mismatches, [], `engine ≠ SQL, ${label}; writes: ${log.join(', ')}`);
});
