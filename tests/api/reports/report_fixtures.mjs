// Shared helpers of the weekly-report tests (docs/reports.md): the calendar of ISO weeks, every
// period derived from the server's today (GET /api/auth/me), fresh reps in a team, reports written
// and submitted, and the numbers the data block must hold, computed here from /api/metrics and
// /api/targets.
import assert from 'node:assert/strict';

import {
  TEST_PASSWORD, addDays, assertErrorShape, createMembership, createUser, expectStatus, freshSession, get, post,
} from '../lib.mjs';

export const DAY_MS = 86400000;
// The data block's KPIs, in the order the contract gives them.
export const KPI_METRICS = ['orders_amount', 'payments_amount', 'new_buyers', 'new_leads', 'activities', 'visits',
  'calls'];
export const MONEY = new Set(['orders_amount', 'payments_amount']);

// ---- calendar (days as YYYY-MM-DD, UTC midnights) ----

export const weekday = (day) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;  // Monday 0 .. Sunday 6
// The ISO week of `day` as the API labels it (2026-W49).
export function isoWeek(day) {
  const thursday = addDays(day, 3 - weekday(day));
  const year = Number(thursday.slice(0, 4));
  const week = 1 + Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
// The week holding `day`: {period, from (Monday), to (Sunday, inclusive)}.
export function weekOf(day) {
  const from = addDays(day, -weekday(day));
  return { period: isoWeek(day), from, to: addDays(from, 6) };
}
// The week `n` weeks after the week holding `day` (n may be negative).
export const weekAfter = (day, n) => weekOf(addDays(day, 7 * n));
// The Monday of an ISO week label.
export function mondayOf(label) {
  const [y, w] = label.split('-W').map(Number);
  const jan4 = `${y}-01-04`;
  return addDays(addDays(jan4, -weekday(jan4)), 7 * (w - 1));
}
export const weekOfLabel = (label) => weekOf(mondayOf(label));
// Days from `from` to `to`, both included.
export function daysBetween(from, to) {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
// Working days (Monday to Friday; the demo org keeps no holidays) from `from` to `to`, both included.
export const workingDays = (from, to) => daysBetween(from, to).filter((d) => weekday(d) < 5).length;
export const lastDayOfMonth = (month) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

// Rounds half to even (banker's rounding), as the server rounds money it divides.
export function roundHalfEven(x) {
  const f = Math.floor(x);
  const diff = x - f;
  if (Math.abs(diff - 0.5) < 1e-9) return f % 2 === 0 ? f : f + 1;
  return Math.round(x);
}

// ---- the server's today and the org ----

// The org's today as the server sees it (GET /api/auth/me), never the test machine's calendar.
export async function serverToday() {
  return expectStatus(await get('admin', '/api/auth/me'), 200, 'me').today;
}

// The instant (ms) of a report's deadline: `deadline.time` local time on the period's last day
// shifted by `deadline.day_offset` days, in Asia/Shanghai (UTC+8 all year: no DST).
export function deadlineMs(to, deadline) {
  return Date.parse(`${addDays(to, deadline.day_offset)}T${deadline.time}:00+08:00`);
}

// ---- people ----

// A fresh rep (or `roles`) with a membership of `teamId` from `validFrom` (to `validTo`), and a
// session of theirs: {user, as, membership}.
export async function newMember(teamId, { validFrom, validTo, roles = ['rep'], role = 'member' } = {}) {
  const user = await createUser({ roles });
  const membership = await createMembership(user.id, teamId, {
    role, ...(validFrom ? { valid_from: validFrom } : {}), ...(validTo ? { valid_to: validTo } : {}),
  });
  const s = await freshSession(user.username, TEST_PASSWORD);
  return { user, membership, as: { token: s.token } };
}

// ---- reports ----

// Text for every text section of `template` (what a rep writes).
export function fullContent(template, tag = '') {
  const out = {};
  for (const s of template.sections) if (s.type === 'text') out[s.key] = `${s.title}：本周内容${tag}`;
  return out;
}

// The keys of the required text sections of `template`.
export const requiredTextKeys = (template) => template.sections.filter((s) => s.type === 'text' && s.required)
  .map((s) => s.key);

// Creates `as`'s draft for week `period` (201), with content for every text section unless told.
export async function createDraft(as, period, extra = {}) {
  const effective = expectStatus(await get(as, `/api/reports/mine?kind=week&period=${period}`), 200, 'mine');
  const body = { kind: 'week', period, content: fullContent(effective.template), ...extra };
  return expectStatus(await post(as, '/api/reports', body), 201, `create the report of ${period}`);
}

// Submits report `r` as `as` (200); returns the submitted report.
export async function submit(as, r) {
  return expectStatus(await post(as, `/api/reports/${r.id}/submit`, { version: r.version }), 200, 'submit');
}

// A draft written and submitted.
export async function submitted(as, period, extra = {}) {
  return submit(as, await createDraft(as, period, extra));
}

// Reads report `id` as `as` (200).
export async function readReport(as, id) {
  return expectStatus(await get(as, `/api/reports/${id}`), 200, `report ${id}`);
}

// ---- what the data block must hold ----

const qs = (params) => Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

// The value of `metric` for `scope` over `period` (a label or a from..to range), from /api/metrics.
export async function metricValue(metric, scope, period, as = 'admin') {
  return expectStatus(await get(as, `/api/metrics?${qs({ metric, scope, period })}`), 200,
    `metric ${metric} ${scope} ${period}`).value;
}

// The target of `metric` for `scope` and `period` [from, to] (label `label`), computed from the
// targets listed by /api/targets as SPEC §6 defines it: the target set for exactly that period,
// else the smallest target period enclosing it prorated by working days (money rounded half to
// even); null when there is none.
export async function targetFor(metric, scope, label, from, to, as = 'admin') {
  const items = expectStatus(await get(as, `/api/targets?${qs({ scope, metric, period: label })}`), 200,
    `targets ${metric} ${scope} ${label}`).items.filter((t) => t.metric === metric && t.scope === scope);
  const exact = items.find((t) => t.period === label);
  if (exact) return exact.value;
  const enclosing = items.filter((t) => t.start <= from && t.end >= to)
    .sort((a, b) => daysBetween(a.start, a.end).length - daysBetween(b.start, b.end).length);
  if (enclosing.length === 0) return null;
  const t = enclosing[0];
  const total = workingDays(t.start, t.end);
  if (total === 0) return null;
  const share = (t.value * workingDays(from, to)) / total;
  return MONEY.has(metric) ? roundHalfEven(share) : share;
}

// Asserts two numbers are equal (counts prorated unrounded: up to a rounding error).
export function near(actual, expected, what) {
  if (expected === null || actual === null) {
    assert.equal(actual, expected, what);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
    `${what}: expected ${expected}, got ${actual}`);
}

// The org's compare basis (calendar_days or working_days): the pace month to date is expected at.
export async function compareBasis() {
  return expectStatus(await get('admin', '/api/org'), 200).compare_basis;
}

// Asserts the KPIs of data block `block` for `scope` are the metrics and targets of its period:
// each actual is /api/metrics for the week, the target computed from /api/targets (and the same
// as target:M), attainment = actual / target; month to date from the first of the month of the
// block's last day to that day, against the month's target and the pace expected by that day (at
// the org's compare basis). Every difference is collected, then reported at once.
export async function checkKpis(block, scope, basis, what = '') {
  assert.deepEqual(block.kpis.map((k) => k.metric), KPI_METRICS, `${what}: the KPIs in order`);
  const problems = [];
  const same = (got, want, label, tolerance = 0) => {
    const ok = got === want || (got !== null && want !== null && typeof got === 'number' && typeof want === 'number' &&
      Math.abs(got - want) <= Math.max(tolerance, 1e-9 * Math.max(1, Math.abs(want))));
    if (!ok) problems.push(`${label}: expected ${want}, got ${got}`);
  };
  const month = block.to.slice(0, 7);
  const monthFrom = `${month}-01`;
  const monthTo = lastDayOfMonth(month);
  const mtdRange = monthFrom === block.to ? block.to : `${monthFrom}..${block.to}`;
  for (const k of block.kpis) {
    const w = `${k.metric}`;
    same(k.unit, MONEY.has(k.metric) ? 'fen' : 'count', `${w} unit`);
    same(k.actual, await metricValue(k.metric, scope, block.period), `${w} actual`);
    const target = await targetFor(k.metric, scope, block.period, block.from, block.to);
    same(target, await metricValue(`target:${k.metric}`, scope, block.period), `${w} target (this test's) vs target:M`);
    same(k.target, target, `${w} target`);
    same(k.attainment, target ? k.actual / target : null, `${w} attainment`);

    const m = k.mtd;
    same(`${m.period} ${m.from} ${m.to}`, `${month} ${monthFrom} ${block.to}`, `${w} mtd period`);
    same(m.actual, await metricValue(k.metric, scope, mtdRange), `${w} mtd actual`);
    const mt = await targetFor(k.metric, scope, month, monthFrom, monthTo);
    same(m.target, mt, `${w} mtd target`);
    same(m.attainment, mt ? m.actual / mt : null, `${w} mtd attainment`);
    let expected = null;
    if (mt !== null) {
      const count = basis === 'working_days' ? workingDays : (a, b) => daysBetween(a, b).length;
      const total = count(monthFrom, monthTo);
      // Paced to the day the block was assembled (as_of, never after the period's end): a week
      // handed in on Friday was compared to date then.
      const paceTo = block.as_of < block.to ? block.as_of : block.to;
      expected = total === 0 ? null : (mt * count(monthFrom, paceTo)) / total;
    }
    // Money is rounded to the 分 or not: either is within a 分.
    same(m.expected, expected, `${w} mtd expected (${basis})`, MONEY.has(k.metric) ? 1 : 0);
  }
  assert.deepEqual(problems, [], `${what} ${scope} ${block.period}: the data block disagrees with the metrics`);
}

// Asserts the opportunities of data block `block` are `owner`'s as the CRM lists them: won and
// lost closed in the period, with their amounts, and the pipeline change adds up.
export async function checkOpportunities(block, ownerId, what = '') {
  const o = block.opportunities;
  const closed = async (status) => {
    const q = `owner_id=${ownerId}&status=${status}&closed_at_from=${block.from}&closed_at_to=${block.to}`;
    const items = [];
    for (let page = 1; ; page += 1) {
      const body = expectStatus(await get('admin', `/api/opportunities?${q}&page=${page}&page_size=500`), 200, q);
      items.push(...body.items);
      if (items.length >= body.total || body.items.length === 0) return items;
    }
  };
  for (const [status, list, amount] of [['won', o.won, o.won_amount], ['lost', o.lost, o.lost_amount]]) {
    const expected = await closed(status);
    assert.deepEqual(list.map((x) => x.id).sort((a, b) => a - b), expected.map((x) => x.id).sort((a, b) => a - b),
      `${what} ${status} opportunities`);
    assert.equal(amount, expected.reduce((s, x) => s + x.amount, 0), `${what} ${status} amount`);
    for (const x of list) {
      const e = expected.find((y) => y.id === x.id);
      assert.equal(x.amount, e.amount);
      assert.equal(x.name, e.name);
      assert.ok(x.closed_on >= block.from && x.closed_on <= block.to, `${what} ${status} closed in the period`);
      if (status === 'lost') assert.deepEqual([x.reason ?? '', x.competitor ?? ''], [e.lost_reason ?? '', e.competitor ?? '']);
    }
  }
  assert.ok(Number.isInteger(o.created_count) && o.created_count >= 0);
  assert.equal(o.pipeline_change, o.created_amount - o.won_amount - o.lost_amount, `${what} pipeline change`);
  assert.ok(Array.isArray(o.advanced));
  assert.ok(Number.isInteger(block.overdue_follow_ups) && block.overdue_follow_ups >= 0);
  assert.ok(Array.isArray(block.action_items));
}

// Checks `res` is a 400 (the codebase's answer to a bad value) naming `field` (a prefix when `prefix`), with a code of
// `codes`; a difference is added to `problems` (reported at the end of the test, so the rest of the
// flow still runs). A refused request must still be a well-formed error.
export function unprocessable(problems, res, field, what, { codes = ['invalid', 'invalid_field'], prefix = false } = {}) {
  if (res.status < 400) {
    problems.push(`${what}: accepted with ${res.status}`);
    return;
  }
  assertErrorShape(res, what);
  const e = res.body.error;
  const fieldOk = prefix ? String(e.field ?? '').startsWith(field) : e.field === field;
  if (res.status !== 400 || !fieldOk || !codes.includes(e.code)) {
    problems.push(`${what}: expected 400 ${codes.join('|')} on ${field}${prefix ? '…' : ''}, got ${res.status} ` +
      `${e.code} on ${e.field}`);
  }
}
