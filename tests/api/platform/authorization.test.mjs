// Who may call what: every route × every caller in one table, then the data scope of each role
// (SPEC section 1). A refused write must change nothing and add nothing to the audit log.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  CALLERS, DEMO_PASSWORD, ROLES, TEST_PASSWORD, assertNothingWritten, auditTotal, createMembership, createRegion,
  createTeam, createUser, discover, expectError, expectStatus, forget, freshSession, get, listAll, loginAll,
  patch, post, request, serverRoutes, todayShanghai, unique,
} from '../lib.mjs';
import { CHANGE, CRM_KINDS, createOwned, crmBase, validBody, writers } from '../crm_fixtures.mjs';
import { createDraft, isoWeek, submit } from '../reports/report_fixtures.mjs';
import { closedDeal, newReview } from '../reviews/review_fixtures.mjs';

// Expected statuses by caller.
const everyone = (s) => Object.fromEntries(CALLERS.map((c) => [c, s]));
const signedIn = (s) => ({ ...everyone(s), anonymous: 401 });
const adminOnly = (s) => ({ anonymous: 401, rep: 403, manager: 403, director: 403, analyst: 403, admin: s });

let fx;  // the demo records the table aims at, found as admin
before(async () => {
  await loginAll();
  const d = await discover();
  const rep = d.user('rep');
  const sh1 = d.team('上海一部');
  const today = todayShanghai();
  fx = {
    d,
    east: d.region('华东区'),
    sh1,
    rep,
    repMembership: d.memberships.find((m) => m.user_id === rep.id && m.team_id === sh1.id &&
      m.valid_from <= today && (m.valid_to === null || today < m.valid_to)),
    loginUser: await createUser({ username: unique('authz') }),
    crm: await crmBase(),
    teammate: d.memberOf('上海一部', [rep.id]),
  };
  fx.crm.ids = {};
  for (const c of ['manager', 'director', 'admin']) {
    fx.crm.ids[c] = expectStatus(await get(c, '/api/auth/me'), 200).user.id;
  }
  fx.crm.ids.rep = fx.crm.repId;
  assert.ok(fx.repMembership, 'the demo rep belongs to 上海一部');
  fx.reviewDeal = await closedDeal('won');
});

// The day after today in Shanghai.
function tomorrow() {
  const d = new Date(Date.parse(`${todayShanghai()}T00:00:00Z`) + 86400000);
  return d.toISOString().slice(0, 10);
}

// Returns the current version of the record at `path`, read as admin.
async function versionOf(path) {
  return expectStatus(await get('admin', path), 200, path).version;
}

// A target for the demo rep on a day (or an ISO week) no other call has used.
let targetDays = 0;
let targetWeeks = 0;
function newTarget(kind = 'day') {
  if (kind === 'week') {
    targetWeeks += 1;
    return { metric: 'emails', scope: `user:${fx.rep.id}`, period: `2042-W${String(targetWeeks).padStart(2, '0')}`, value: 10 };
  }
  targetDays += 1;
  const day = new Date(Date.UTC(2041, 0, 1) + targetDays * 86400000).toISOString().slice(0, 10);
  return { metric: 'calls', scope: `user:${fx.rep.id}`, period: day, value: 10 };
}

// A revenue target for the demo rep on a day of 2044 no other call has used.
let revenueDays = 0;
function newRevenueTarget() {
  revenueDays += 1;
  const day = new Date(Date.UTC(2044, 0, 1) + revenueDays * 86400000).toISOString().slice(0, 10);
  return { metric: 'orders_amount', scope: `user:${fx.rep.id}`, period: day, value: 1_000_000 };
}

// A task in `caller`'s own day plan (the rep's for those who have none to write).
async function newTask(caller) {
  const owner = ['anonymous', 'analyst'].includes(caller) ? 'rep' : caller;
  return expectStatus(await post(owner, '/api/plans/tasks', { title: unique('任务') }), 201);
}

// Expected statuses: `ok` for the roles in `allowed`, `refused` for the other roles.
const byRole = (allowed, ok, refused = 403) => ({
  anonymous: 401, ...Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? ok : refused])),
});

// A week of 2046 onwards no other call has used, for the demo rep's (and each caller's own) reports.
let reportWeeks = 0;
function newReportWeek() {
  reportWeeks += 1;
  return `${2046 + Math.floor((reportWeeks - 1) / 52)}-W${String(((reportWeeks - 1) % 52) + 1).padStart(2, '0')}`;
}

// A report of the demo rep for a fresh week, `submitted` or `returned` (by the manager).
async function repReport(state = 'submitted', extra = {}) {
  const s = await submit('rep', await createDraft('rep', newReportWeek(), extra));
  if (state === 'submitted') return s;
  return expectStatus(await post('manager', `/api/reports/${s.id}/return`, { reason: '请补充', version: s.version }), 200);
}
const repReports = (r) => [`/api/reports?user=${fx.rep.id}&kind=week&period=${r.period}`];

// 复盘: a fresh review of 上海一部 for the month of a deal the demo rep won (the manager owns it, the
// rep takes part), and what the meeting adds to it.
const freshReview = () => newReview(fx.reviewDeal.month);
const reviewOf = (r) => [`/api/reviews/${r.id}`];
const joiners = (ok) => ({ anonymous: 401, rep: ok, manager: ok, director: 403, analyst: 403, admin: 403 });
const runners = (ok) => ({ anonymous: 401, rep: 403, manager: ok, director: 403, analyst: 403, admin: ok });
async function repCard() {
  const r = await freshReview();
  return { r, card: expectStatus(await post('rep', `/api/reviews/${r.id}/cards`,
    { tone: 'went_wrong', text: '方案阶段转化低', section: 'funnel' }), 201) };
}
async function reviewCase() {
  const r = await freshReview();
  return { r, c: expectStatus(await post('manager', `/api/reviews/${r.id}/cases`,
    { opportunity_id: fx.reviewDeal.deal.id, root_cause: 'relationship' }), 201) };
}
async function repItem() {
  const r = await freshReview();
  return { r, item: expectStatus(await post('manager', `/api/reviews/${r.id}/action-items`,
    { owner_id: fx.rep.id, title: '每周拜访三家重点客户', due_date: `${fx.reviewDeal.month}-28` }), 201) };
}

// A webhook channel to nowhere (no round runs in the API tests: nothing is sent).
const newChannelBody = () => ({ kind: 'webhook', name: unique('渠道'), url: 'http://127.0.0.1:9/hook' });
const newChannel = async () =>
  expectStatus(await post('admin', '/api/notification-channels', newChannelBody()), 201);

// A template of a fresh team (admins only).
async function newTemplateBody() {
  return {
    team_id: (await createTeam(fx.east.id)).id, kind: 'week', name: unique('模板'),
    sections: [{ key: 'summary', title: '本周总结', type: 'text', required: true }],
  };
}

// Who writes a report's part: its author (the demo rep) edits and resubmits it; whoever sees the
// author and writes (not the author, not the analyst) reviews, returns and accepts its goals.
const authorOnly = (ok) => ({ anonymous: 401, rep: ok, manager: 403, director: 403, analyst: 403, admin: 403 });
const reviewers = (ok) => ({ anonymous: 401, rep: 403, manager: ok, director: ok, analyst: 403, admin: ok });

// Commissions: one plan for 1995 (the statements' year), made once; each other plan in a year of
// its own, so no two overlap.
const COMMISSION_BANDS = [{ from_bp: 0, to_bp: 10000, rate_bp: 200 }, { from_bp: 10000, to_bp: null, rate_bp: 400 }];
const planOfYear = (year) => ({
  name: unique('提成方案'), effective_from: `${year}-01-01`, effective_to: `${year}-12-31`, base: 'orders',
  mode: 'retroactive', bands: COMMISSION_BANDS,
});
let commissionYears = 0;
const nextPlanYear = () => 1960 + (commissionYears += 1);
let yearPlan = null;
const plan1995 = () => (yearPlan ??= post('admin', '/api/commissions/plans', planOfYear(1995))
  .then((res) => expectStatus(res, 201, 'the 1995 plan')));
const statementsOf = (period) => [`/api/commissions/statements/${fx.rep.id}?period=${period}`];

// One row per route: who gets which status, and how to aim the call for a caller. Refused callers
// aim at a demo record they can see (so the answer is 403, not 404); admin aims at a fresh record.
// `reads` are the admin reads that must not change when the call is refused.
const TABLE = {
  'GET /api/health': { expect: everyone(200), aim: () => ({ path: '/api/health' }) },
  'GET /metrics': { expect: everyone(200), aim: () => ({ path: '/metrics' }) },
  'POST /api/auth/login': {
    expect: everyone(200),
    aim: () => ({ path: '/api/auth/login', body: { username: fx.loginUser.username, password: TEST_PASSWORD } }),
  },
  'POST /api/auth/logout': { expect: signedIn(204), fresh: true, aim: () => ({ path: '/api/auth/logout' }) },
  'GET /api/auth/me': { expect: signedIn(200), aim: () => ({ path: '/api/auth/me' }) },
  'POST /api/auth/password': {
    expect: signedIn(204),
    fresh: true,
    aim: () => ({ path: '/api/auth/password', body: { old_password: DEMO_PASSWORD, new_password: DEMO_PASSWORD } }),
  },

  'GET /api/users': { expect: signedIn(200), aim: () => ({ path: '/api/users' }) },
  'POST /api/users': {
    expect: adminOnly(201),
    aim: () => ({
      path: '/api/users',
      body: { username: unique('authz'), display_name: '新用户', password: TEST_PASSWORD, roles: ['rep'] },
      reads: ['/api/users?page_size=500'],
    }),
  },
  'GET /api/users/{id}': { expect: signedIn(200), aim: () => ({ path: `/api/users/${fx.rep.id}` }) },
  'PATCH /api/users/{id}': {
    expect: adminOnly(200),
    aim: async (caller) => {
      const id = caller === 'admin' ? (await createUser()).id : fx.rep.id;
      return {
        path: `/api/users/${id}`,
        body: { version: await versionOf(`/api/users/${id}`), display_name: '被改名', roles: ['admin'] },
        reads: [`/api/users/${id}`],
      };
    },
  },
  'DELETE /api/users/{id}': {
    expect: adminOnly(200),
    aim: async (caller) => {
      const id = caller === 'admin' ? (await createUser()).id : fx.rep.id;
      return { path: `/api/users/${id}?version=${await versionOf(`/api/users/${id}`)}`, reads: [`/api/users/${id}`] };
    },
  },
  'POST /api/users/{id}/password': {
    expect: adminOnly(204),
    aim: async (caller) => {
      const id = caller === 'admin' ? (await createUser()).id : fx.rep.id;
      return { path: `/api/users/${id}/password`, body: { password: 'taken-over-1' }, reads: [`/api/users/${id}`] };
    },
    // A refused reset must leave the password alone: the demo rep still logs in.
    check: async () => expectStatus(await request('POST', '/api/auth/login',
      { body: { username: 'rep', password: DEMO_PASSWORD } }), 200),
  },

  'GET /api/org': { expect: signedIn(200), aim: () => ({ path: '/api/org' }) },
  'PATCH /api/org': {
    expect: adminOnly(200),
    aim: async () => {
      const org = expectStatus(await get('admin', '/api/org'), 200);
      return { path: '/api/org', body: { version: org.version, name: org.name }, reads: ['/api/org'] };
    },
  },

  'GET /api/regions': { expect: signedIn(200), aim: () => ({ path: '/api/regions' }) },
  'POST /api/regions': {
    expect: adminOnly(201),
    aim: () => ({ path: '/api/regions', body: { name: unique('越权区域') }, reads: ['/api/regions?page_size=500'] }),
  },
  'GET /api/regions/{id}': { expect: signedIn(200), aim: () => ({ path: `/api/regions/${fx.east.id}` }) },
  'PATCH /api/regions/{id}': {
    expect: adminOnly(200),
    aim: async (caller) => {
      const id = caller === 'admin' ? (await createRegion()).id : fx.east.id;
      const path = `/api/regions/${id}`;
      return { path, body: { version: await versionOf(path), name: unique('改名区域') }, reads: [path] };
    },
  },
  'DELETE /api/regions/{id}': {
    expect: adminOnly(204),
    aim: async (caller) => {
      const id = caller === 'admin' ? (await createRegion()).id : fx.east.id;
      const path = `/api/regions/${id}`;
      return { path: `${path}?version=${await versionOf(path)}`, reads: [path, '/api/teams?page_size=500'] };
    },
  },

  'GET /api/teams': { expect: signedIn(200), aim: () => ({ path: '/api/teams' }) },
  'POST /api/teams': {
    expect: adminOnly(201),
    aim: () => ({
      path: '/api/teams',
      body: { name: unique('越权团队'), region_id: fx.east.id, parent_id: fx.sh1.id },
      reads: ['/api/teams?page_size=500'],
    }),
  },
  'GET /api/teams/{id}': { expect: signedIn(200), aim: () => ({ path: `/api/teams/${fx.sh1.id}` }) },
  'PATCH /api/teams/{id}': {
    expect: adminOnly(200),
    aim: async (caller) => {
      const id = caller === 'admin' ? (await createTeam(fx.east.id)).id : fx.sh1.id;
      const path = `/api/teams/${id}`;
      return { path, body: { version: await versionOf(path), name: unique('改名团队') }, reads: [path] };
    },
  },
  'DELETE /api/teams/{id}': {
    expect: adminOnly(204),
    aim: async (caller) => {
      const id = caller === 'admin' ? (await createTeam(fx.east.id)).id : fx.sh1.id;
      const path = `/api/teams/${id}`;
      return { path: `${path}?version=${await versionOf(path)}`, reads: [path] };
    },
  },

  'GET /api/memberships': { expect: signedIn(200), aim: () => ({ path: '/api/memberships' }) },
  'POST /api/memberships': {
    expect: adminOnly(201),
    aim: async () => ({
      path: '/api/memberships',
      body: { user_id: (await createUser()).id, team_id: fx.sh1.id, role: 'leader' },
      reads: ['/api/memberships?page_size=500'],
    }),
  },
  'GET /api/memberships/{id}': {
    expect: signedIn(200), aim: () => ({ path: `/api/memberships/${fx.repMembership.id}` }),
  },
  'PATCH /api/memberships/{id}': {
    expect: adminOnly(200),
    aim: async (caller) => {
      const id = caller === 'admin'
        ? (await createMembership((await createUser()).id, fx.sh1.id)).id : fx.repMembership.id;
      const path = `/api/memberships/${id}`;
      return { path, body: { version: await versionOf(path), role: 'leader' }, reads: [path] };
    },
  },
  'DELETE /api/memberships/{id}': {
    expect: adminOnly(204),
    aim: async (caller) => {
      const id = caller === 'admin'
        ? (await createMembership((await createUser()).id, fx.sh1.id)).id : fx.repMembership.id;
      const path = `/api/memberships/${id}`;
      return { path: `${path}?version=${await versionOf(path)}`, reads: [path] };
    },
  },

  'GET /api/audit-entries': { expect: adminOnly(200), aim: () => ({ path: '/api/audit-entries' }) },

  'GET /api/schema': { expect: signedIn(200), aim: () => ({ path: '/api/schema' }) },

  // Handing a customer over: a rep sees no other owner to give it to (400 on to_user_id).
  'POST /api/customers/{id}/transfer': {
    expect: { anonymous: 401, rep: 400, manager: 200, director: 200, analyst: 403, admin: 200 },
    aim: async () => {
      const path = `/api/customers/${(await createOwned('customers', fx.crm)).id}`;
      return {
        path: `${path}/transfer`, reads: [path],
        body: { version: await versionOf(path), to_user_id: fx.teammate.id, reason: '岗位调整' },
      };
    },
  },
  'POST /api/customers/transfer': {
    expect: { anonymous: 401, rep: 400, manager: 200, director: 200, analyst: 403, admin: 200 },
    aim: async () => {
      const id = (await createOwned('customers', fx.crm)).id;
      return {
        path: '/api/customers/transfer', reads: [`/api/customers/${id}`],
        body: { ids: [id], to_user_id: fx.teammate.id, reason: '离职交接' },
      };
    },
  },
  'GET /api/customers/{id}/timeline': {
    expect: signedIn(200), aim: async () => ({ path: `/api/customers/${(await createOwned('customers', fx.crm)).id}/timeline` }),
  },
  'GET /api/customers/duplicates': {
    expect: signedIn(200), aim: () => ({ path: `/api/customers/duplicates?name=${encodeURIComponent('上海某公司')}` }),
  },
  'POST /api/customers/tiers/recompute': {
    expect: adminOnly(200), aim: () => ({ path: '/api/customers/tiers/recompute', reads: ['/api/customers?page_size=500'] }),
  },

  'GET /api/pipelines': { expect: signedIn(200), aim: () => ({ path: '/api/pipelines' }) },
  'POST /api/pipelines': {
    expect: adminOnly(201),
    aim: () => ({ path: '/api/pipelines', body: newPipeline(), reads: ['/api/pipelines'] }),
  },
  'PATCH /api/pipelines/{id}': {
    expect: adminOnly(200),
    aim: async () => {
      const p = expectStatus(await post('admin', '/api/pipelines', newPipeline()), 201);
      return { path: `/api/pipelines/${p.id}`, body: { version: p.version, name: unique('改名流程') }, reads: ['/api/pipelines'] };
    },
  },
  // Targets: set within the scope by those who lead it, never one's own (the rep's here).
  'GET /api/targets': { expect: signedIn(200), aim: () => ({ path: '/api/targets' }) },
  'POST /api/targets': {
    expect: { anonymous: 401, rep: 403, manager: 201, director: 201, analyst: 403, admin: 201 },
    aim: () => ({ path: '/api/targets', body: newTarget(), reads: ['/api/targets'] }),
  },
  'GET /api/targets/{id}': {
    expect: signedIn(200),
    aim: async () => ({ path: `/api/targets/${expectStatus(await post('admin', '/api/targets', newTarget()), 201).id}` }),
  },
  'POST /api/targets/{id}/split': {
    expect: { anonymous: 401, rep: 403, manager: 201, director: 201, analyst: 403, admin: 201 },
    aim: async () => {
      const t = expectStatus(await post('admin', '/api/targets', newTarget('week')), 201);
      return { path: `/api/targets/${t.id}/split`, body: { down: 'calendar', into: 'day', save: true }, reads: ['/api/targets'] };
    },
  },
  'POST /api/targets/{id}/decompose': {
    expect: { anonymous: 401, rep: 403, manager: 201, director: 201, analyst: 403, admin: 201 },
    aim: async () => {
      const t = expectStatus(await post('admin', '/api/targets', newTarget('week')), 201);
      return { path: `/api/targets/${t.id}/decompose`, body: { into: 'day', save: true }, reads: ['/api/targets'] };
    },
  },
  'PATCH /api/targets/{id}': {
    expect: { anonymous: 401, rep: 403, manager: 200, director: 200, analyst: 403, admin: 200 },
    aim: async () => {
      const t = expectStatus(await post('admin', '/api/targets', newTarget()), 201);
      const path = `/api/targets/${t.id}`;
      return { path, body: { value: 7, reason: '调整', version: t.version }, reads: [path] };
    },
  },
  'GET /api/targets/{id}/tree': {
    expect: signedIn(200),
    aim: async () => ({ path: `/api/targets/${expectStatus(await post('admin', '/api/targets', newTarget()), 201).id}/tree` }),
  },
  // A commitment is made by whoever answers for the scope: the rep for their own target.
  'PUT /api/targets/{id}/commit': {
    expect: { anonymous: 401, rep: 200, manager: 403, director: 403, analyst: 403, admin: 403 },
    aim: async () => {
      const t = expectStatus(await post('admin', '/api/targets', newTarget()), 201);
      return { path: `/api/targets/${t.id}/commit`, body: { value: 9 }, reads: [`/api/targets/${t.id}/tree`] };
    },
  },
  'GET /api/targets/progress': { expect: signedIn(200), aim: () => ({ path: '/api/targets/progress' }) },
  'GET /api/targets/export': { expect: signedIn(200), aim: () => ({ path: '/api/targets/export?period=2041' }) },
  'GET /api/plans/day': { expect: signedIn(200), aim: () => ({ path: '/api/plans/day' }) },
  'GET /api/plans/reverse-funnel': {
    expect: signedIn(200),
    aim: async () => ({
      path: `/api/plans/reverse-funnel?target=${expectStatus(await post('admin', '/api/targets', newRevenueTarget()), 201).id}`,
    }),
  },
  // A day plan's tasks are their owner's; an analyst only reads.
  'POST /api/plans/tasks': {
    expect: { anonymous: 401, rep: 201, manager: 201, director: 201, analyst: 403, admin: 201 },
    aim: () => ({ path: '/api/plans/tasks', body: { title: unique('任务') }, reads: [`/api/plans/day?user=${fx.rep.id}`] }),
  },
  'GET /api/plans/tasks/{id}': {
    expect: signedIn(200),
    aim: async (caller) => ({ path: `/api/plans/tasks/${(await newTask(caller)).id}` }),
  },
  'PATCH /api/plans/tasks/{id}': {
    expect: { anonymous: 401, rep: 200, manager: 200, director: 200, analyst: 403, admin: 200 },
    aim: async (caller) => {
      const t = await newTask(caller);
      const path = `/api/plans/tasks/${t.id}`;
      return { path, body: { version: t.version, done: true }, reads: [path] };
    },
  },
  'DELETE /api/plans/tasks/{id}': {
    expect: { anonymous: 401, rep: 204, manager: 204, director: 204, analyst: 403, admin: 204 },
    aim: async (caller) => {
      const t = await newTask(caller);
      const path = `/api/plans/tasks/${t.id}`;
      return { path: `${path}?version=${t.version}`, reads: [path] };
    },
  },
  'GET /api/opportunities/board': { expect: signedIn(200), aim: () => ({ path: '/api/opportunities/board' }) },
  'GET /api/todos': { expect: signedIn(200), aim: () => ({ path: '/api/todos' }) },
  // 催办 goes down the data scope: a rep sees no teammate to remind; an analyst only reads.
  'POST /api/todos/reminders': {
    expect: { anonymous: 401, rep: 403, manager: 201, director: 201, analyst: 403, admin: 201 },
    aim: () => ({ path: '/api/todos/reminders', body: { user_id: fx.teammate.id, kind: 'all', note: '请尽快跟进' } }),
  },
  'POST /api/todos/reminders/read': { expect: signedIn(200), aim: () => ({ path: '/api/todos/reminders/read' }) },
  'POST /api/todos/snooze': {
    expect: byRole(writers('opportunities'), 200),
    aim: async () => ({
      path: '/api/todos/snooze',
      body: { kind: 'stalled', record_id: (await createOwned('opportunities', fx.crm)).id, until: tomorrow() },
    }),
  },
  'POST /api/todos/done': {
    expect: byRole(writers('customers'), 200),
    aim: async () => {
      const path = `/api/customers/${(await createOwned('customers', fx.crm)).id}`;
      return { path: '/api/todos/done', body: { kind: 'follow_up', record_id: Number(path.split('/').pop()),
        version: await versionOf(path) }, reads: [path] };
    },
  },

  'GET /api/products/{id}/price': {
    expect: signedIn(200), aim: () => ({ path: `/api/products/${fx.crm.product.id}/price?customer_id=${fx.crm.customer.id}` }),
  },
  'POST /api/quotes/{id}/order': {
    expect: byRole(writers('quotes'), 201),
    aim: async () => {
      const path = `/api/quotes/${(await createOwned('quotes', fx.crm)).id}`;
      return { path: `${path}/order`, body: { version: await versionOf(path) }, reads: [path, '/api/orders?page_size=500'] };
    },
  },
  'GET /api/receivables': { expect: signedIn(200), aim: () => ({ path: '/api/receivables?group_by=customer' }) },
  'POST /api/imports': {
    expect: byRole(writers('customers'), 202),
    aim: () => ({
      path: '/api/imports?kind=customers', raw: `客户名称,外部编号\n${unique('导入客户')},${unique('IMP')}\n`, type: 'text/csv',
      reads: ['/api/customers?page_size=500'],
    }),
    settle: (res, as) => importDone(res.body.id, as),
  },
  'GET /api/imports/{id}': {
    expect: { anonymous: 401, rep: 200, manager: 200, director: 200, analyst: 404, admin: 200 },
    aim: async (caller) => {
      const owner = caller === 'analyst' || caller === 'anonymous' ? 'admin' : caller;
      const res = await request('POST', '/api/imports?kind=customers', {
        as: owner, raw: `客户名称\n${unique('导入客户')}\n`, type: 'text/csv',
      });
      expectStatus(res, 202, 'start an import');
      await importDone(res.body.id, owner);
      return { path: `/api/imports/${res.body.id}` };
    },
  },
  'GET /api/receivables/orders': {
    expect: signedIn(200), aim: () => ({ path: `/api/receivables/orders?customer_id=${fx.crm.customer.id}` }),
  },

  // Metrics: every role may ask about a scope in its view (below: which scopes, and the refusals).
  'GET /api/metrics/catalog': { expect: signedIn(200), aim: () => ({ path: '/api/metrics/catalog' }) },
  'GET /api/metrics': {
    expect: signedIn(200),
    aim: (caller) => ({ path: `/api/metrics?metric=orders_amount&scope=${ownScope(caller)}&period=2026-11` }),
  },
  'GET /api/metrics/batch': {
    expect: signedIn(200),
    aim: (caller) => ({
      path: `/api/metrics/batch?metric=orders_amount&metric=visits&scope=${ownScope(caller)}&period=2026-11`,
    }),
  },
  'GET /api/metrics/breakdown': {
    expect: signedIn(200),
    aim: (caller) => ({
      path: `/api/metrics/breakdown?metric=orders_amount&scope=${ownScope(caller)}&period=2026-Q4&by=month`,
    }),
  },
  // Analyses: the same scope rules as the metrics; the risk lists are of the caller's data scope.
  'GET /api/analysis/funnel': {
    expect: signedIn(200), aim: (caller) => ({ path: `/api/analysis/funnel?scope=${ownScope(caller)}&period=2026-Q4` }),
  },
  'GET /api/analysis/quadrant': {
    expect: signedIn(200),
    aim: (caller) => ({ path: `/api/analysis/quadrant?scope=${ownScope(caller)}&period=2026-11&by=user` }),
  },
  'GET /api/analysis/forecast': {
    expect: signedIn(200), aim: (caller) => ({ path: `/api/analysis/forecast?scope=${ownScope(caller)}` }),
  },
  'GET /api/analysis/risks': { expect: signedIn(200), aim: () => ({ path: '/api/analysis/risks' }) },

  // Weekly reports: templates (admins write), the lifecycle, the manager's week and statistics.
  'GET /api/report-templates': { expect: signedIn(200), aim: () => ({ path: '/api/report-templates' }) },
  'GET /api/report-templates/effective': {
    expect: signedIn(200), aim: () => ({ path: '/api/report-templates/effective?kind=week' }),
  },
  'POST /api/report-templates': {
    expect: adminOnly(201),
    aim: async () => ({ path: '/api/report-templates', body: await newTemplateBody(), reads: ['/api/report-templates'] }),
  },
  'PATCH /api/report-templates/{id}': {
    expect: adminOnly(200),
    aim: async () => {
      const t = expectStatus(await post('admin', '/api/report-templates', await newTemplateBody()), 201);
      return {
        path: `/api/report-templates/${t.id}`, body: { version: t.version, name: unique('改名模板') },
        reads: ['/api/report-templates'],
      };
    },
  },
  'GET /api/reports/mine': { expect: signedIn(200), aim: () => ({ path: '/api/reports/mine' }) },
  'GET /api/reports': { expect: signedIn(200), aim: () => ({ path: '/api/reports' }) },
  'POST /api/reports': {
    expect: { anonymous: 401, rep: 201, manager: 201, director: 201, analyst: 403, admin: 201 },
    aim: () => {
      const period = newReportWeek();
      return { path: '/api/reports', body: { kind: 'week', period }, reads: repReports({ period }) };
    },
  },
  'GET /api/reports/{id}': { expect: signedIn(200), aim: async () => ({ path: `/api/reports/${(await repReport()).id}` }) },
  'PATCH /api/reports/{id}': {
    expect: authorOnly(200),
    aim: async () => {
      const r = await repReport('returned');
      return { path: `/api/reports/${r.id}`, body: { version: r.version, content: { summary: '按退回意见修改' } },
        reads: repReports(r) };
    },
  },
  'POST /api/reports/{id}/submit': {
    expect: authorOnly(200),
    aim: async () => {
      const r = await repReport('returned');
      return { path: `/api/reports/${r.id}/submit`, body: { version: r.version }, reads: repReports(r) };
    },
  },
  'POST /api/reports/{id}/review': {
    expect: reviewers(200),
    aim: async () => {
      const r = await repReport();
      return { path: `/api/reports/${r.id}/review`, body: { rating: 4, comment: '不错', version: r.version },
        reads: repReports(r) };
    },
  },
  'POST /api/reports/{id}/return': {
    expect: reviewers(200),
    aim: async () => {
      const r = await repReport();
      return { path: `/api/reports/${r.id}/return`, body: { reason: '请补充', version: r.version }, reads: repReports(r) };
    },
  },
  'POST /api/reports/{id}/accept-goals': {
    expect: reviewers(200),
    aim: async () => {
      const r = await repReport('submitted', { next_goals: [{ metric: 'emails', value: 20 }] });
      return { path: `/api/reports/${r.id}/accept-goals`, body: { version: r.version }, reads: repReports(r) };
    },
  },
  'GET /api/reports/{id}/versions': {
    expect: signedIn(200), aim: async () => ({ path: `/api/reports/${(await repReport()).id}/versions` }),
  },
  'POST /api/reports/{id}/comments': {
    expect: { anonymous: 401, rep: 201, manager: 201, director: 201, analyst: 403, admin: 201 },
    aim: async () => ({ path: `/api/reports/${(await repReport()).id}/comments`, body: { body: '收到' } }),
  },
  // The manager's week is not a rep's: its roll-up is the team's totals (as /api/metrics, 404).
  'GET /api/reports/team-week': {
    expect: { ...signedIn(200), rep: 404 }, aim: () => ({ path: `/api/reports/team-week?team=${fx.sh1.id}` }),
  },
  'GET /api/reports/team-week/export': {
    expect: { ...signedIn(200), rep: 404 },
    aim: () => ({ path: `/api/reports/team-week/export?team=${fx.sh1.id}` }),
  },
  'GET /api/reports/{id}/export': {
    expect: signedIn(200), aim: async () => ({ path: `/api/reports/${(await repReport()).id}/export` }),
  },
  'POST /api/reports/remind': {
    expect: reviewers(200),
    // A rep sees no teammate to remind (and reminding oneself is no reminder).
    aim: (caller) => ({
      path: '/api/reports/remind',
      body: { period: isoWeek(todayShanghai()), user_ids: [caller === 'rep' ? fx.teammate.id : fx.rep.id] },
    }),
  },
  // Statistics of a team are its manager's, like its week (404 to a rep).
  'GET /api/reports/stats': {
    expect: { ...signedIn(200), rep: 404 }, aim: () => ({ path: `/api/reports/stats?team=${fx.sh1.id}` }),
  },

  // Notification channels: an admin's; a secret is never read back (reports/notifications.test.mjs).
  'GET /api/notification-channels': { expect: adminOnly(200), aim: () => ({ path: '/api/notification-channels' }) },
  'POST /api/notification-channels': {
    expect: adminOnly(201),
    aim: () => ({
      path: '/api/notification-channels', body: newChannelBody(), reads: ['/api/notification-channels'],
    }),
  },
  'GET /api/notification-channels/deliveries': {
    expect: adminOnly(200), aim: () => ({ path: '/api/notification-channels/deliveries' }),
  },
  'GET /api/notification-channels/{id}': {
    expect: adminOnly(200), aim: async () => ({ path: `/api/notification-channels/${(await newChannel()).id}` }),
  },
  'PATCH /api/notification-channels/{id}': {
    expect: adminOnly(200),
    aim: async () => {
      const c = await newChannel();
      return {
        path: `/api/notification-channels/${c.id}`, body: { name: unique('改名'), version: c.version },
        reads: ['/api/notification-channels'],
      };
    },
  },
  'POST /api/notification-channels/{id}/test': {
    expect: adminOnly(202),
    aim: async () => ({
      path: `/api/notification-channels/${(await newChannel()).id}/test`, body: {},
      reads: ['/api/notification-channels/deliveries'],
    }),
  },

  // 复盘 (reviews/*.test.mjs): a review is seen by its scope's managers, its participants, analysts
  // and admins; its owner (or an admin) runs it; its owner and participants add to it.
  'GET /api/reviews': { expect: signedIn(200), aim: () => ({ path: '/api/reviews' }) },
  'POST /api/reviews': {
    // A rep may not see the team's numbers (404); an analyst writes nothing.
    expect: { anonymous: 401, rep: 404, manager: 201, director: 201, analyst: 403, admin: 201 },
    aim: () => ({
      path: '/api/reviews', body: { scope: `team:${fx.sh1.id}`, period: fx.reviewDeal.month, title: unique('复盘') },
      reads: ['/api/reviews'],
    }),
  },
  'GET /api/reviews/{id}': { expect: signedIn(200), aim: async () => ({ path: `/api/reviews/${(await freshReview()).id}` }) },
  'GET /api/reviews/{id}/export': {
    expect: signedIn(200), aim: async () => ({ path: `/api/reviews/${(await freshReview()).id}/export` }),
  },
  'PATCH /api/reviews/{id}': {
    expect: runners(200),
    aim: async () => {
      const r = await freshReview();
      return { path: `/api/reviews/${r.id}`, body: { summary: '本月复盘总结', version: r.version }, reads: reviewOf(r) };
    },
  },
  'POST /api/reviews/{id}/start': {
    expect: runners(200),
    aim: async () => {
      const r = await freshReview();
      return { path: `/api/reviews/${r.id}/start`, body: { version: r.version }, reads: reviewOf(r) };
    },
  },
  'POST /api/reviews/{id}/close': {
    expect: runners(200),
    aim: async () => {
      const r = await freshReview();
      return { path: `/api/reviews/${r.id}/close`, body: { version: r.version }, reads: reviewOf(r) };
    },
  },
  'POST /api/reviews/{id}/cards': {
    expect: joiners(201),
    aim: async () => {
      const r = await freshReview();
      return { path: `/api/reviews/${r.id}/cards`, body: { tone: 'went_well', text: '新客户增长快' }, reads: reviewOf(r) };
    },
  },
  // A card is its author's (the demo rep's here) to change.
  'PATCH /api/reviews/cards/{id}': {
    expect: { anonymous: 401, rep: 200, manager: 403, director: 403, analyst: 403, admin: 403 },
    aim: async () => {
      const { r, card } = await repCard();
      return { path: `/api/reviews/cards/${card.id}`, body: { text: '改写', version: card.version }, reads: reviewOf(r) };
    },
  },
  'DELETE /api/reviews/cards/{id}': {
    expect: { anonymous: 401, rep: 204, manager: 204, director: 403, analyst: 403, admin: 204 },
    aim: async () => {
      const { r, card } = await repCard();
      return { path: `/api/reviews/cards/${card.id}?version=${card.version}`, reads: reviewOf(r) };
    },
  },
  'POST /api/reviews/{id}/cases': {
    expect: joiners(201),
    aim: async () => {
      const r = await freshReview();
      return {
        path: `/api/reviews/${r.id}/cases`, body: { opportunity_id: fx.reviewDeal.deal.id, root_cause: 'price' },
        reads: reviewOf(r),
      };
    },
  },
  'PATCH /api/reviews/cases/{id}': {
    expect: joiners(200),
    aim: async () => {
      const { r, c } = await reviewCase();
      return { path: `/api/reviews/cases/${c.id}`, body: { note: '决策链摸得清', version: c.version }, reads: reviewOf(r) };
    },
  },
  'DELETE /api/reviews/cases/{id}': {
    expect: joiners(204),
    aim: async () => {
      const { r, c } = await reviewCase();
      return { path: `/api/reviews/cases/${c.id}?version=${c.version}`, reads: reviewOf(r) };
    },
  },
  'GET /api/commissions/plans': { expect: signedIn(200), aim: () => ({ path: '/api/commissions/plans' }) },
  'POST /api/commissions/plans': {
    expect: adminOnly(201),
    aim: () => ({ path: '/api/commissions/plans', body: planOfYear(nextPlanYear()), reads: ['/api/commissions/plans'] }),
  },
  'PATCH /api/commissions/plans/{id}': {
    expect: adminOnly(200),
    aim: async () => {
      const year = nextPlanYear();
      const p = expectStatus(await post('admin', '/api/commissions/plans', planOfYear(year)), 201);
      return { path: `/api/commissions/plans/${p.id}`, body: { ...planOfYear(year), version: p.version },
        reads: ['/api/commissions/plans'] };
    },
  },
  'GET /api/commissions/statements': {
    expect: signedIn(200),
    aim: async () => (await plan1995(), { path: '/api/commissions/statements?period=1995-06' }),
  },
  'GET /api/commissions/statements/{id}': {
    expect: signedIn(200),
    aim: async () => (await plan1995(), { path: `/api/commissions/statements/${fx.rep.id}?period=1995-06` }),
  },
  'GET /api/commissions/export': {
    expect: signedIn(200),
    aim: async () => (await plan1995(), { path: '/api/commissions/export?period=1995-06' }),
  },
  'POST /api/commissions/adjustments': {
    expect: byRole(['manager', 'director', 'admin'], 201),
    aim: async () => (await plan1995(), {
      path: '/api/commissions/adjustments', reads: statementsOf('1995-07'),
      body: { user_id: fx.rep.id, period: '1995-07', amount: 10000, reason: '季度冲刺奖' },
    }),
  },
  'POST /api/commissions/approve': {
    expect: byRole(['director', 'admin'], 200),
    aim: async () => (await plan1995(), {
      path: '/api/commissions/approve', body: { period: '1995-05' }, reads: statementsOf('1995-05'),
    }),
  },
  'GET /api/reviews/cases': { expect: signedIn(200), aim: () => ({ path: '/api/reviews/cases?q=客户' }) },
  'GET /api/reviews/lessons': { expect: signedIn(200), aim: () => ({ path: '/api/reviews/lessons?q=报价' }) },
  'POST /api/reviews/{id}/action-items': {
    expect: joiners(201),
    aim: async () => {
      const r = await freshReview();
      return {
        path: `/api/reviews/${r.id}/action-items`,
        body: { owner_id: fx.rep.id, title: '补齐客户拜访', due_date: `${fx.reviewDeal.month}-28`, metric: 'visits' },
        reads: reviewOf(r),
      };
    },
  },
  'PATCH /api/reviews/action-items/{id}': {
    expect: runners(200),
    aim: async () => {
      const { r, item } = await repItem();
      return { path: `/api/reviews/action-items/${item.id}`, body: { title: '改期', version: item.version },
        reads: reviewOf(r) };
    },
  },
  // Only its owner (the demo rep) marks an item done.
  'POST /api/reviews/action-items/{id}/done': {
    expect: { anonymous: 401, rep: 200, manager: 403, director: 403, analyst: 403, admin: 403 },
    aim: async () => {
      const { r, item } = await repItem();
      return { path: `/api/reviews/action-items/${item.id}/done`, body: { note: '已完成', version: item.version },
        reads: reviewOf(r) };
    },
  },
  'GET /api/reviews/action-items': { expect: signedIn(200), aim: () => ({ path: '/api/reviews/action-items' }) },
  'GET /api/reviews/root-causes': { expect: signedIn(200), aim: () => ({ path: '/api/reviews/root-causes' }) },
  'POST /api/reviews/root-causes': {
    expect: adminOnly(201),
    aim: () => ({ path: '/api/reviews/root-causes', body: { name: unique('因') }, reads: ['/api/reviews/root-causes'] }),
  },
  'PATCH /api/reviews/root-causes/{key}': {
    expect: adminOnly(200),
    aim: async () => {
      const { version } = expectStatus(await get('admin', '/api/reviews/root-causes'), 200).items.find((c) => c.key === 'timing');
      return { path: '/api/reviews/root-causes/timing', body: { position: 4, version }, reads: ['/api/reviews/root-causes'] };
    },
  },
};

// The widest metric scope each demo role may ask about: a rep their own numbers, the manager the
// team they lead, the director their region, the analyst and the admin the whole org.
function ownScope(caller) {
  if (caller === 'rep') return `user:${fx.rep.id}`;
  if (caller === 'manager') return `team:${fx.sh1.id}`;
  if (caller === 'director') return `region:${fx.east.id}`;
  return 'org';
}

// Waits until the import `id` (started by `as`) has finished.
async function importDone(id, as) {
  for (let i = 0; i < 200; i += 1) {
    const job = expectStatus(await get(as, `/api/imports/${id}`), 200, 'import job');
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

// A valid new pipeline (admins only).
function newPipeline() {
  return {
    name: unique('流程'),
    stages: [{ name: '接触', probability: 20 }, { name: '成交', probability: 100, kind: 'won' },
      { name: '丢单', probability: 0, kind: 'lost' }],
  };
}

// The CRM resources: the same six routes each. Allowed writers aim at a fresh record of the demo
// rep (which all of them see); refused callers at one too, which must stay as it was.
for (const kind of CRM_KINDS) {
  const base = `/api/${kind}`;
  const fresh = async () => (await createOwned(kind, fx.crm)).id;
  Object.assign(TABLE, {
    [`GET ${base}`]: { expect: signedIn(200), aim: () => ({ path: base }) },
    [`GET ${base}/export`]: { expect: signedIn(200), aim: () => ({ path: `${base}/export` }) },
    [`POST ${base}`]: {
      expect: byRole(writers(kind), 201),
      aim: (caller) => ({
        path: base, body: validBody(kind, fx.crm, fx.crm.ids[caller] ?? fx.crm.repId), reads: [`${base}?page_size=500`],
      }),
    },
    [`GET ${base}/{id}`]: { expect: signedIn(200), aim: async () => ({ path: `${base}/${await fresh()}` }) },
    [`GET ${base}/{id}/history`]: { expect: signedIn(200), aim: async () => ({ path: `${base}/${await fresh()}/history` }) },
    [`PATCH ${base}/{id}`]: {
      expect: byRole(writers(kind), 200),
      aim: async () => {
        const path = `${base}/${await fresh()}`;
        return { path, body: { version: await versionOf(path), ...CHANGE[kind] }, reads: [path] };
      },
    },
    [`DELETE ${base}/{id}`]: {
      expect: byRole(writers(kind), 204),
      aim: async () => {
        const path = `${base}/${await fresh()}`;
        return { path: `${path}?version=${await versionOf(path)}`, reads: [path] };
      },
    },
  });
}

test('the authorization table covers every route of the server', () => {
  assert.deepEqual(Object.keys(TABLE).sort(), serverRoutes().sort(),
    'add a row to TABLE in authorization.test.mjs for every new route');
});

test('every route × every caller answers the expected status; refused writes change nothing', async () => {
  const actual = {};
  const expected = {};
  for (const [route, row] of Object.entries(TABLE)) {
    const method = route.split(' ')[0];
    const isWrite = method !== 'GET';
    actual[route] = {};
    expected[route] = row.expect;
    for (const caller of CALLERS) {
      await loginAll();
      const aim = await row.aim(caller);
      let as = caller;
      if (row.fresh && caller !== 'anonymous') as = await freshSession(caller);
      const send = async () => {
        const res = await request(method, aim.path, { as, body: aim.body, raw: aim.raw, type: aim.type });
        if (row.settle && res.status < 300) await row.settle(res, as);
        return res;
      };
      const refused = row.expect[caller] >= 400;
      let res;
      if (isWrite && refused) {
        res = await assertNothingWritten(aim.reads ?? [], send, `${route} as ${caller}`);
        if (row.check) await row.check();
      } else if (isWrite) {
        const audit = await auditTotal();
        res = await send();
        // Changing one's password ends one's other sessions, the cached one included.
        if (route === 'POST /api/auth/password') forget(caller);
        if (res.status < 300) assert.ok(await auditTotal() > audit, `${route} as ${caller} is audited`);
      } else {
        res = await send();
      }
      actual[route][caller] = res.status;
      if (res.status === 401 && caller === 'anonymous') expectError(res, 401, 'unauthenticated');
      if (res.status === 403) expectError(res, 403, 'forbidden', null, `${route} as ${caller}`);
      if (route === 'POST /api/auth/password' && caller !== 'anonymous') forget(caller);
    }
  }
  assert.deepEqual(actual, expected);
});

// ---- data scope ----

test('metric and analysis questions: each role asks only about scopes in its view (org 403, anything else 404)', async () => {
  const d = fx.d;
  const south = d.region('华南区');
  const sh2 = d.team('上海二部');
  const hz = d.team('杭州团队');
  const gz = d.team('广州团队');
  const manager = d.user('manager');
  const hzRep = d.memberOf('杭州团队');
  const gzRep = d.memberOf('广州团队');
  const everywhere = await createUser({ roles: ['director'], region_id: null });
  const callers = {
    anonymous: 'anonymous', rep: 'rep', manager: 'manager', director: 'director', analyst: 'analyst', admin: 'admin',
    'director without a region': { token: (await freshSession(everywhere.username, TEST_PASSWORD)).token },
  };
  //                        anonymous, rep, manager, director, analyst, admin, director without a region
  const all = (s) => [401, s, s, s, s, s, s];
  const SCOPES = {
    org: [401, 403, 403, 403, 200, 200, 200],
    [`region:${fx.east.id}`]: [401, 404, 404, 200, 200, 200, 200],
    [`region:${south.id}`]: [401, 404, 404, 404, 200, 200, 200],
    [`team:${fx.sh1.id}`]: [401, 404, 200, 200, 200, 200, 200],
    [`team:${sh2.id}`]: [401, 404, 200, 200, 200, 200, 200],
    [`team:${hz.id}`]: [401, 404, 404, 200, 200, 200, 200],
    [`team:${gz.id}`]: [401, 404, 404, 404, 200, 200, 200],
    [`user:${fx.rep.id}`]: all(200),
    [`user:${fx.teammate.id}`]: [401, 404, 200, 200, 200, 200, 200],
    [`user:${manager.id}`]: [401, 404, 200, 200, 200, 200, 200],
    [`user:${hzRep.id}`]: [401, 404, 404, 200, 200, 200, 200],
    [`user:${gzRep.id}`]: [401, 404, 404, 404, 200, 200, 200],
    [`user:${fx.rep.id},team:${fx.sh1.id}`]: [401, 404, 200, 200, 200, 200, 200],
    [`region:${fx.east.id},team:${gz.id}`]: [401, 404, 404, 404, 200, 200, 200],
    [`user:${fx.rep.id},org`]: [401, 403, 403, 403, 200, 200, 200],
    'team:99999999': all(404),
    'user:99999999': all(404),
  };
  const routes = {
    metrics: (scope) => `/api/metrics?metric=orders_amount&scope=${scope}&period=2026-11`,
    batch: (scope) => `/api/metrics/batch?metric=orders_amount&metric=win_rate&scope=${scope}&period=2026-11`,
    breakdown: (scope) => `/api/metrics/breakdown?metric=visits&scope=${scope}&period=2026-Q4&by=month`,
    funnel: (scope) => `/api/analysis/funnel?scope=${scope}&period=2026-Q4`,
    quadrant: (scope) => `/api/analysis/quadrant?scope=${scope}&period=2026-11&by=user`,
    forecast: (scope) => `/api/analysis/forecast?scope=${scope}&months=2`,
  };
  const names = Object.keys(callers);
  const expected = {};
  const actual = {};
  for (const [route, pathOf] of Object.entries(routes)) {
    for (const [scope, statuses] of Object.entries(SCOPES)) {
      const row = `${route} ${scope}`;
      expected[row] = Object.fromEntries(names.map((n, i) => [n, statuses[i]]));
      actual[row] = {};
      for (const name of names) {
        const res = await get(callers[name], pathOf(encodeURIComponent(scope)));
        actual[row][name] = res.status;
        if (res.status === 403) expectError(res, 403, 'forbidden', null, `${row} as ${name}`);
        if (res.status === 404) expectError(res, 404, 'not_found', null, `${row} as ${name}`);
      }
    }
  }
  assert.deepEqual(actual, expected);

  // A hidden scope looks exactly like one that does not exist.
  const hidden = await get('rep', routes.metrics(`user:${gzRep.id}`));
  const missing = await get('rep', routes.metrics('user:99999999'));
  assert.deepEqual(hidden.body, missing.body);
  // A batch is answered whole or refused whole: one scope out of view refuses it all.
  const mixed = `/api/metrics/batch?metric=orders_amount&scope=user:${fx.rep.id}&scope=team:${gz.id}&period=2026-11`;
  expectError(await get('rep', mixed), 404, 'not_found');
  expectError(await get('manager', `/api/metrics/batch?metric=orders_amount&scope=team:${fx.sh1.id}&scope=org` +
    '&period=2026-11'), 403, 'forbidden');
  // Breaking a visible scope down never reaches past it: the manager's team by user lists only its people.
  const rows = expectStatus(await get('manager',
    `/api/metrics/breakdown?metric=orders_amount&scope=team:${fx.sh1.id}&period=2026-11&by=user`), 200).rows;
  const now = await discover();  // the table above added people to 上海一部
  const mine = new Set(now.subtree(fx.sh1.id));
  const members = new Set(now.memberships.filter((m) => mine.has(m.team_id)).map((m) => `user:${m.user_id}`));
  for (const r of rows) assert.ok(members.has(r.key), `${r.key} is a member of 上海一部 or its sub-teams`);
});

// Returns the ids of a list as `role`.
async function ids(role, path) {
  return new Set((await listAll(path, role)).map((x) => x.id));
}

test('rep sees only their own user, team and memberships; everyone else is 404', async () => {
  const d = await discover();
  const me = d.user('rep');
  const users = expectStatus(await get('rep', '/api/users'), 200);
  assert.equal(users.total, 1);
  assert.deepEqual(users.items.map((u) => u.id), [me.id]);
  expectStatus(await get('rep', `/api/users/${me.id}`), 200);

  const teammate = d.memberOf('上海一部', [me.id]);
  const faraway = d.memberOf('广州团队');
  expectError(await get('rep', `/api/users/${teammate.id}`), 404, 'not_found', null, 'a rep of the same team');
  expectError(await get('rep', `/api/users/${faraway.id}`), 404, 'not_found', null, 'a rep of another region');
  expectError(await get('rep', '/api/users/99999999'), 404, 'not_found');
  // Out of scope looks exactly like absent, writes included.
  const missing = await get('rep', '/api/users/99999999');
  const hidden = await get('rep', `/api/users/${faraway.id}`);
  assert.deepEqual(hidden.body, missing.body);
  await assertNothingWritten([`/api/users/${teammate.id}`], async () => {
    expectError(await patch('rep', `/api/users/${teammate.id}`, { version: teammate.version, display_name: 'x' }),
      404, 'not_found');
  }, 'rep writes another rep');

  const today = todayShanghai();
  const myTeams = d.memberships.filter((m) => m.user_id === me.id && m.valid_from <= today &&
    (m.valid_to === null || today < m.valid_to)).map((m) => m.team_id);
  assert.deepEqual(await ids('rep', '/api/teams'), new Set(myTeams));
  expectError(await get('rep', `/api/teams/${d.team('广州团队').id}`), 404, 'not_found');
  assert.deepEqual(await ids('rep', '/api/memberships'),
    new Set(d.memberships.filter((m) => m.user_id === me.id && myTeams.includes(m.team_id)).map((m) => m.id)));
  expectError(await get('rep', `/api/regions/${d.region('华南区').id}`), 404, 'not_found');
  expectStatus(await get('rep', '/api/users?q=wang'), 200);
  assert.equal(expectStatus(await get('rep', `/api/users?q=${encodeURIComponent(faraway.username)}`), 200).total, 0);
});

test('manager sees the teams they lead and their sub-teams, with their members; no further', async () => {
  const d = await discover();
  const me = d.user('manager');
  const sh1 = d.team('上海一部');
  const sh2 = d.team('上海二部');
  const teams = d.subtree(sh1.id);
  assert.ok(teams.includes(sh2.id), '上海二部 is below 上海一部');
  assert.deepEqual(await ids('manager', '/api/teams'), new Set(teams));

  const today = todayShanghai();
  const members = d.currentMembers(teams, today);
  members.add(me.id);
  assert.deepEqual(await ids('manager', '/api/users'), members);
  const sub = d.memberOf('上海二部');
  expectStatus(await get('manager', `/api/users/${sub.id}`), 200, 'a member of the sub-team');
  expectStatus(await get('manager', `/api/teams/${sh2.id}`), 200);

  const gz = d.team('广州团队');
  const gzMember = d.memberOf('广州团队');
  expectError(await get('manager', `/api/users/${gzMember.id}`), 404, 'not_found', null, '广州团队 member');
  expectError(await get('manager', `/api/teams/${gz.id}`), 404, 'not_found');
  expectError(await get('manager', `/api/teams/${d.team('杭州团队').id}`), 404, 'not_found', null, 'same region');
  assert.equal(expectStatus(await get('manager', `/api/users?team_id=${gz.id}`), 200).total, 0);
  for (const m of await listAll('/api/memberships', 'manager')) {
    assert.ok(teams.includes(m.team_id), 'memberships of my teams only');
  }
  await assertNothingWritten([`/api/teams/${gz.id}`], async () => {
    expectError(await patch('manager', `/api/teams/${gz.id}`, { version: gz.version, name: '抢来的' }), 404,
      'not_found');
  }, 'manager writes another team');
});

test('director sees their region: its teams and members, and no other region', async () => {
  const d = await discover();
  const me = d.user('director');
  const east = d.region('华东区');
  assert.equal(me.region_id, east.id);
  const teams = d.teams.filter((t) => t.region_id === east.id).map((t) => t.id);
  assert.deepEqual(await ids('director', '/api/teams'), new Set(teams));
  assert.deepEqual(await ids('director', '/api/regions'), new Set([east.id]));

  const users = d.currentMembers(teams, todayShanghai());
  for (const u of d.users) if (u.region_id === east.id) users.add(u.id);
  assert.deepEqual(await ids('director', '/api/users'), users);
  expectStatus(await get('director', `/api/users/${d.memberOf('杭州团队').id}`), 200);

  const south = d.region('华南区');
  expectError(await get('director', `/api/regions/${south.id}`), 404, 'not_found');
  expectError(await get('director', `/api/teams/${d.team('广州团队').id}`), 404, 'not_found');
  expectError(await get('director', `/api/users/${d.memberOf('广州团队').id}`), 404, 'not_found');
  expectError(await get('director', `/api/users/${d.memberOf('北京一部').id}`), 404, 'not_found');
  assert.equal(expectStatus(await get('director', `/api/teams?region_id=${south.id}`), 200).total, 0);
});

test('analyst sees everything admin sees, and every write is 403', async () => {
  for (const path of ['/api/users', '/api/teams', '/api/regions', '/api/memberships']) {
    assert.deepEqual(await ids('analyst', path), await ids('admin', path), path);
  }
  const d = await discover();
  const gz = d.team('广州团队');
  const member = d.memberOf('广州团队');
  expectStatus(await get('analyst', `/api/users/${member.id}`), 200);
  await assertNothingWritten([`/api/teams/${gz.id}`, `/api/users/${member.id}`, '/api/regions?page_size=500'],
    async () => {
      expectError(await patch('analyst', `/api/teams/${gz.id}`, { version: gz.version, name: '分析改名' }), 403,
        'forbidden');
      expectError(await patch('analyst', `/api/users/${member.id}`, { version: member.version, active: false }), 403,
        'forbidden');
      expectError(await request('POST', '/api/regions', { as: 'analyst', body: { name: unique('分析区域') } }), 403,
        'forbidden');
    }, 'analyst writes');
});

test('scope follows membership history: a leadership that ended today gives no access', async () => {
  // A manager of a fresh team: their scope follows the org as it changes.
  const region = await createRegion();
  const team = await createTeam(region.id);
  const boss = await createUser({ roles: ['manager'] });
  const worker = await createUser();
  const lead = await createMembership(boss.id, team.id, { role: 'leader' });
  await createMembership(worker.id, team.id);
  const s = await freshSession(boss.username, TEST_PASSWORD);
  expectStatus(await get({ token: s.token }, `/api/users/${worker.id}`), 200);
  // Leadership ends today: the worker vanishes from the manager's scope.
  expectStatus(await patch('admin', `/api/memberships/${lead.id}`, { version: lead.version, valid_to: todayShanghai(),
    valid_from: '2020-01-01' }), 200);
  expectError(await get({ token: s.token }, `/api/users/${worker.id}`), 404, 'not_found');
  expectError(await get({ token: s.token }, `/api/teams/${team.id}`), 404, 'not_found');
});

test('roles combine, and a director without a region sees the whole org (still read-only on the org)', async () => {
  const d = await discover();
  const everywhere = await createUser({ roles: ['director'], region_id: null });
  const s = await freshSession(everywhere.username, TEST_PASSWORD);
  for (const path of ['/api/users', '/api/teams', '/api/regions']) {
    assert.deepEqual(await ids({ token: s.token }, path), await ids('admin', path), path);
  }
  const gz = d.team('广州团队');
  await assertNothingWritten([`/api/teams/${gz.id}`], async () => {
    expectError(await patch({ token: s.token }, `/api/teams/${gz.id}`, { version: gz.version, name: '总监改名' }), 403,
      'forbidden');
  }, 'director writes a team');

  // rep + director of 华南区: own records plus the southern region, nothing of 华东 beyond themselves.
  const south = d.region('华南区');
  const both = await createUser({ roles: ['rep', 'director'], region_id: south.id });
  await createMembership(both.id, d.team('北京一部').id);
  const t = await freshSession(both.username, TEST_PASSWORD);
  const teams = await ids({ token: t.token }, '/api/teams');
  const expected = new Set([...d.teams.filter((x) => x.region_id === south.id).map((x) => x.id), d.team('北京一部').id]);
  assert.deepEqual(teams, expected);
  expectError(await get({ token: t.token }, `/api/teams/${d.team('上海一部').id}`), 404, 'not_found');
  expectStatus(await get({ token: t.token }, `/api/users/${d.memberOf('深圳大客户组').id}`), 200);
  expectError(await get({ token: t.token }, `/api/users/${d.memberOf('北京一部', [both.id]).id}`), 404, 'not_found',
    null, 'a rep sees their team, not its other members');
});
