// Bad input on every write endpoint gets a clear error with the field at fault, in the caller's
// language, and changes nothing (records and audit log as before).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  ONE_MIB, TEST_PASSWORD, assertNothingWritten, createMembership, createRegion, createTeam, createUser, discover,
  addDays, expectError, expectStatus, freshSession, get, hasChinese, request, serverRoutes, todayShanghai, unique,
} from '../lib.mjs';
import { CHANGE, CRM_KINDS, createOwned, crmBase, validBody } from '../crm_fixtures.mjs';
import { createDraft, submitted } from '../reports/report_fixtures.mjs';
import { closedDeal, newReview } from '../reviews/review_fixtures.mjs';

let fx;
before(async () => {
  const d = await discover();
  const region = await createRegion();
  const team = await createTeam(region.id);
  const child = await createTeam(region.id, { parent_id: team.id });
  const grandchild = await createTeam(region.id, { parent_id: child.id });
  const user = await createUser();
  const other = await createUser();
  const membership = await createMembership(user.id, team.id, { valid_from: '2024-01-01', valid_to: '2024-07-01' });
  const pwUser = await createUser();
  const admin2 = await createUser({ roles: ['admin'] });
  fx = {
    d, region, team, child, grandchild, user, other, membership, admin2,
    east: d.region('华东区'),
    south: d.region('华南区'),
    sh1: d.team('上海一部'),
    pw: await freshSession(pwUser.username, TEST_PASSWORD),
    admin2Session: await freshSession(admin2.username, TEST_PASSWORD),
    crm: await crmBase(),
    schema: expectStatus(await get('admin', '/api/schema'), 200),
    crmIds: {},
  };
  for (const kind of CRM_KINDS) fx.crmIds[kind] = (await createOwned(kind, fx.crm)).id;
  fx.teammate = d.memberOf('上海一部', [fx.crm.repId]);
  fx.pipeline = expectStatus(await request('POST', '/api/pipelines', { as: 'admin', body: {
    name: unique('校验用流程'),
    stages: [{ name: '接触', probability: 20 }, { name: '成交', probability: 100, kind: 'won' },
      { name: '丢单', probability: 0, kind: 'lost' }],
  } }), 201);
  fx.target = expectStatus(await request('POST', '/api/targets', { as: 'admin', body: {
    metric: 'meetings', scope: `user:${fx.crm.repId}`, period: '2043-W10', value: 12,
  } }), 201);
  fx.task = expectStatus(await request('POST', '/api/plans/tasks', { as: 'admin', body: { title: '校验任务' } }), 201);
  fx.repTask = expectStatus(await request('POST', '/api/plans/tasks', { as: 'rep', body: { title: '校验任务' } }), 201);
  // Weekly reports: a team with a template to edit, and the demo rep's reports of weeks of 2045 in
  // the state each write needs (a draft to save and one to submit, submitted ones to review,
  // return, accept goals of and comment on).
  fx.reportTeam = await createTeam(fx.region.id);
  fx.reportTemplate = expectStatus(await request('POST', '/api/report-templates', { as: 'admin', body: {
    team_id: fx.reportTeam.id, kind: 'month', name: unique('校验月报模板'), sections: REPORT_SECTIONS,
  } }), 201);
  fx.channel = expectStatus(await request('POST', '/api/notification-channels', { as: 'admin', body: {
    kind: 'webhook', name: unique('校验渠道'), url: 'http://127.0.0.1:9/hook',
  } }), 201);
  fx.reports = {
    draft: await createDraft('rep', '2045-W11'),
    toSubmit: await createDraft('rep', '2045-W12'),
    toReview: await submitted('rep', '2045-W13'),
    toReturn: await submitted('rep', '2045-W14'),
    toAccept: await submitted('rep', '2045-W15', { next_goals: [{ metric: 'calls', value: 30 }] }),
    toComment: await submitted('rep', '2045-W17'),
  };
  // 复盘: reviews of the month of a deal the demo rep won, one for each step a write takes, and a
  // card, a case and an action item of one of them.
  fx.reviewDeal = await closedDeal('won');
  fx.reviews = {};
  for (const key of ['change', 'start', 'close', 'meeting']) fx.reviews[key] = await newReview(fx.reviewDeal.month);
  const meeting = fx.reviews.meeting.id;
  fx.reviewCard = expectStatus(await request('POST', `/api/reviews/${meeting}/cards`, { as: 'rep', body: {
    tone: 'went_well', text: '校验卡片',
  } }), 201);
  fx.reviewCase = expectStatus(await request('POST', `/api/reviews/${meeting}/cases`, { as: 'manager', body: {
    opportunity_id: fx.reviewDeal.deal.id, root_cause: 'price',
  } }), 201);
  fx.actionItem = expectStatus(await request('POST', `/api/reviews/${meeting}/action-items`, { as: 'manager', body: {
    owner_id: fx.crm.repId, title: '校验行动项', due_date: `${fx.reviewDeal.month}-28`,
  } }), 201);
  fx.otherDeal = await closedDeal('won', 1);
  fx.reviews.cases = await newReview(fx.otherDeal.month);
  fx.commissionPlan = expectStatus(await request('POST', '/api/commissions/plans', { as: 'admin',
    body: commissionPlan(1993) }), 201);
});

const REPORT_SECTIONS = [
  { key: 'data', title: '本周数据', type: 'data', required: false },
  { key: 'summary', title: '本周总结', type: 'text', required: true },
  { key: 'next_goals', title: '下周目标', type: 'goals', required: false },
];

// A day of 2043 no other valid target body has used.
let targetDay = 0;
const nextTargetDay = () => new Date(Date.UTC(2043, 0, 1) + (targetDay += 1) * 86400000).toISOString().slice(0, 10);

const versionOf = async (path) => expectStatus(await get('admin', path), 200, path).version;

// Field types: str, int, bool, strs (array of strings), nint (integer or null), nstr (string or null).
const WRONG = {
  str: [123, ['a'], { a: 1 }],
  int: ['12', 1.5, true],
  bool: [[], 'true', 1],
  strs: ['rep', [1], { rep: true }],
  nint: ['12', 1.5, false],
  nstr: [12, { a: 'b' }],
  ints: ['12', ['a'], [1.5]],
  nnum: ['12', true, { a: 1 }],
  list: ['x', 12, { a: 1 }],
  obj: ['x', 12, ['a']],
};
const USER_FIELDS = {
  username: 'str', display_name: 'str', email: 'str', phone: 'str', roles: 'strs', region_id: 'nint', active: 'bool',
};

// Every endpoint that reads a JSON body: who calls it, a valid body, the required fields, the field
// types, and the admin reads that must not change when the body is refused.
const ENDPOINTS = [
  {
    route: 'POST /api/auth/login', as: () => 'anonymous', path: () => '/api/auth/login',
    valid: async () => ({ username: fx.other.username, password: TEST_PASSWORD }),
    required: ['username', 'password'], fields: { username: 'str', password: 'str' }, reads: () => [],
  },
  {
    route: 'POST /api/auth/password', as: () => ({ token: fx.pw.token }), path: () => '/api/auth/password',
    valid: async () => ({ old_password: TEST_PASSWORD, new_password: 'next-password-1' }),
    required: ['old_password', 'new_password'], fields: { old_password: 'str', new_password: 'str' }, reads: () => [],
  },
  {
    route: 'POST /api/users', path: () => '/api/users',
    valid: async () => ({
      username: unique('v'), display_name: '校验用户', password: TEST_PASSWORD, roles: ['rep', 'manager'],
      email: 'v@example.cn', phone: '+86 138-0000-0000', region_id: fx.east.id, active: true,
    }),
    required: ['username', 'display_name', 'password'], fields: { ...USER_FIELDS, password: 'str' },
    reads: () => ['/api/users?page_size=500'],
  },
  {
    route: 'PATCH /api/users/{id}', method: 'PATCH', path: () => `/api/users/${fx.user.id}`,
    valid: async () => ({ version: await versionOf(`/api/users/${fx.user.id}`), display_name: '校验改名' }),
    required: ['version'], fields: { ...USER_FIELDS, version: 'int' }, reads: () => [`/api/users/${fx.user.id}`],
  },
  {
    route: 'POST /api/users/{id}/password', path: () => `/api/users/${fx.user.id}/password`,
    valid: async () => ({ password: 'reset-password-1' }),
    required: ['password'], fields: { password: 'str' }, reads: () => [`/api/users/${fx.user.id}`],
  },
  {
    route: 'PATCH /api/org', method: 'PATCH', path: () => '/api/org',
    valid: async () => {
      const org = expectStatus(await get('admin', '/api/org'), 200);
      return { version: org.version, name: org.name, timezone: org.timezone };
    },
    required: ['version'], fields: { name: 'str', timezone: 'str', fiscal_year_start_month: 'int', version: 'int',
      compare_basis: 'str', smart_factor_pct: 'int', seasonality: 'ints', confirm: 'bool' },
    reads: () => ['/api/org'],
  },
  {
    route: 'POST /api/regions', path: () => '/api/regions',
    valid: async () => ({ name: unique('校验区域'), code: 'V' }),
    required: ['name'], fields: { name: 'str', code: 'str' }, reads: () => ['/api/regions?page_size=500'],
  },
  {
    route: 'PATCH /api/regions/{id}', method: 'PATCH', path: () => `/api/regions/${fx.region.id}`,
    valid: async () => ({ version: await versionOf(`/api/regions/${fx.region.id}`), code: 'VV' }),
    required: ['version'], fields: { name: 'str', code: 'str', version: 'int' },
    reads: () => [`/api/regions/${fx.region.id}`],
  },
  {
    route: 'POST /api/teams', path: () => '/api/teams',
    valid: async () => ({ name: unique('校验团队'), region_id: fx.region.id }),
    required: ['name', 'region_id'], fields: { name: 'str', region_id: 'int', parent_id: 'nint' },
    reads: () => ['/api/teams?page_size=500'],
  },
  {
    route: 'PATCH /api/teams/{id}', method: 'PATCH', path: () => `/api/teams/${fx.team.id}`,
    valid: async () => ({ version: await versionOf(`/api/teams/${fx.team.id}`), name: unique('校验改名团队') }),
    required: ['version'], fields: { name: 'str', region_id: 'int', parent_id: 'nint', version: 'int' },
    reads: () => [`/api/teams/${fx.team.id}`, '/api/teams?page_size=500'],
  },
  {
    route: 'POST /api/memberships', path: () => '/api/memberships',
    valid: async () => ({
      user_id: fx.user.id, team_id: fx.team.id, role: 'member', valid_from: '2025-01-01', valid_to: '2025-02-01',
    }),
    required: ['user_id', 'team_id'],
    fields: { user_id: 'int', team_id: 'int', role: 'str', valid_from: 'str', valid_to: 'nstr' },
    reads: () => ['/api/memberships?page_size=500'],
  },
  {
    route: 'PATCH /api/memberships/{id}', method: 'PATCH', path: () => `/api/memberships/${fx.membership.id}`,
    valid: async () => ({ version: await versionOf(`/api/memberships/${fx.membership.id}`), role: 'leader' }),
    required: ['version'],
    fields: { user_id: 'int', team_id: 'int', role: 'str', valid_from: 'str', valid_to: 'nstr', version: 'int' },
    reads: () => [`/api/memberships/${fx.membership.id}`],
  },
];

// The CRM resources: bodies checked against the field table the server publishes (/api/schema).
const JSON_TYPE = {
  text: 'nstr', choice: 'str', date: 'nstr', instant: 'nstr', integer: 'nint', money: 'nint', ref: 'nint',
  boolean: 'bool', tags: 'strs', coordinate: 'nnum',
};
const kindOf = (plural) => fx.schema.kinds.find((k) => k.plural === plural);
const writableFields = (plural) => Object.fromEntries(kindOf(plural).fields.filter((f) => f.writable)
  .map((f) => [f.name, f.required ? (JSON_TYPE[f.type] === 'nint' ? 'int' : 'str') : JSON_TYPE[f.type]]));
for (const kind of CRM_KINDS) {
  const adminWrites = kind === 'products' || kind === 'costs';
  ENDPOINTS.push({
    route: `POST /api/${kind}`, as: () => (adminWrites ? 'admin' : 'rep'), path: () => `/api/${kind}`,
    valid: async () => validBody(kind, fx.crm, adminWrites ? fx.crm.adminId : fx.crm.repId),
    get required() {
      return kindOf(kind).fields.filter((f) => f.required && f.writable && f.name !== 'owner_id' &&
        f.name !== 'user_id').map((f) => f.name);
    },
    get fields() { return writableFields(kind); },
    reads: () => [`/api/${kind}?page_size=500`],
  });
  ENDPOINTS.push({
    route: `PATCH /api/${kind}/{id}`, method: 'PATCH', as: () => (adminWrites ? 'admin' : 'rep'),
    path: () => `/api/${kind}/${fx.crmIds[kind]}`,
    valid: async () => ({ version: await versionOf(`/api/${kind}/${fx.crmIds[kind]}`), ...CHANGE[kind] }),
    required: ['version'],
    get fields() { return { ...writableFields(kind), version: 'int' }; },
    reads: () => [`/api/${kind}/${fx.crmIds[kind]}`],
  });
}

// Handing customers over, and pipelines.
ENDPOINTS.push(
  {
    route: 'POST /api/customers/{id}/transfer', as: () => 'manager',
    path: () => `/api/customers/${fx.crmIds.customers}/transfer`,
    valid: async () => ({
      version: await versionOf(`/api/customers/${fx.crmIds.customers}`), to_user_id: fx.teammate.id, reason: '交接',
    }),
    required: ['to_user_id', 'reason', 'version'],
    fields: { to_user_id: 'int', reason: 'str', version: 'int', with_opportunities: 'bool' },
    reads: () => [`/api/customers/${fx.crmIds.customers}`],
  },
  {
    route: 'POST /api/customers/transfer', as: () => 'manager', path: () => '/api/customers/transfer',
    valid: async () => ({ ids: [fx.crmIds.customers], to_user_id: fx.teammate.id, reason: '交接' }),
    required: ['ids', 'to_user_id', 'reason'],
    fields: { ids: 'ints', to_user_id: 'int', reason: 'str', with_opportunities: 'bool' },
    reads: () => [`/api/customers/${fx.crmIds.customers}`],
  },
  {
    route: 'POST /api/pipelines', path: () => '/api/pipelines',
    valid: async () => ({
      name: unique('校验流程'),
      stages: [{ name: '接触', probability: 20 }, { name: '成交', probability: 100, kind: 'won' },
        { name: '丢单', probability: 0, kind: 'lost' }],
    }),
    required: ['name', 'stages'], fields: { name: 'str', is_default: 'bool', stages: 'list' },
    reads: () => ['/api/pipelines'],
  },
  {
    route: 'PATCH /api/pipelines/{id}', method: 'PATCH', path: () => `/api/pipelines/${fx.pipeline.id}`,
    valid: async () => ({ version: (await pipeline(fx.pipeline.id)).version, name: unique('校验改名流程') }),
    required: ['version'], fields: { name: 'str', is_default: 'bool', stages: 'list', version: 'int' },
    reads: () => ['/api/pipelines'],
  },
);
// Targets: set, changed with a reason, split, decomposed.
ENDPOINTS.push(
  {
    route: 'POST /api/targets', as: () => 'manager', path: () => '/api/targets',
    valid: async () => ({ metric: 'calls', scope: `user:${fx.crm.repId}`, period: nextTargetDay(), value: 40 }),
    required: ['metric', 'scope', 'period', 'value'],
    fields: { metric: 'str', scope: 'str', period: 'str', value: 'int' },
    reads: () => ['/api/targets'],
  },
  {
    route: 'PATCH /api/targets/{id}', method: 'PATCH', as: () => 'manager', path: () => `/api/targets/${fx.target.id}`,
    valid: async () => ({ value: 15, reason: '校验调整', version: await versionOf(`/api/targets/${fx.target.id}`) }),
    required: ['value', 'reason', 'version'], fields: { value: 'int', reason: 'str', version: 'int' },
    reads: () => [`/api/targets/${fx.target.id}`],
  },
  {
    route: 'POST /api/targets/{id}/split', as: () => 'manager', path: () => `/api/targets/${fx.target.id}/split`,
    valid: async () => ({ down: 'calendar', into: 'day' }),
    required: ['down'], fields: { down: 'str', into: 'str', method: 'str', weights: 'ints', save: 'bool' },
    reads: () => ['/api/targets'],
  },
  {
    route: 'POST /api/targets/{id}/decompose', as: () => 'manager', path: () => `/api/targets/${fx.target.id}/decompose`,
    valid: async () => ({ into: 'day' }),
    required: [], fields: { method: 'str', into: 'str', calendar_method: 'str', save: 'bool' },
    reads: () => ['/api/targets'],
  },
  {
    route: 'PUT /api/targets/{id}/commit', method: 'PUT', as: () => 'rep', path: () => `/api/targets/${fx.target.id}/commit`,
    valid: async () => ({ value: 10 }),
    required: ['value'], fields: { value: 'int', note: 'str' },
    reads: () => [`/api/targets/${fx.target.id}/tree`],
  },
);
// A day plan's tasks.
ENDPOINTS.push(
  {
    route: 'POST /api/plans/tasks', as: () => 'rep', path: () => '/api/plans/tasks',
    valid: async () => ({ title: unique('任务') }),
    required: ['title'], fields: { date: 'str', title: 'str', important: 'bool', urgent: 'bool' },
    reads: () => [`/api/plans/day?user=${fx.crm.repId}`],
  },
  {
    route: 'PATCH /api/plans/tasks/{id}', method: 'PATCH', as: () => 'rep', path: () => `/api/plans/tasks/${fx.repTask.id}`,
    valid: async () => ({ done: true, version: await versionOf(`/api/plans/tasks/${fx.repTask.id}`) }),
    required: ['version'], fields: { title: 'str', important: 'bool', urgent: 'bool', done: 'bool', version: 'int' },
    reads: () => [`/api/plans/tasks/${fx.repTask.id}`],
  },
);
ENDPOINTS.push({
  route: 'POST /api/quotes/{id}/order', as: () => 'rep', path: () => `/api/quotes/${fx.crmIds.quotes}/order`,
  valid: async () => ({ version: await versionOf(`/api/quotes/${fx.crmIds.quotes}`) }),
  required: ['version'], fields: { version: 'int' },
  reads: () => [`/api/quotes/${fx.crmIds.quotes}`, '/api/orders?page_size=500'],
});
// The to-do list: 催办 (a manager to a teammate), done and snooze.
ENDPOINTS.push(
  {
    route: 'POST /api/todos/reminders', as: () => 'manager', path: () => '/api/todos/reminders',
    valid: async () => ({ user_id: fx.teammate.id, kind: 'all', note: '请本周跟进' }),
    required: ['user_id'], fields: { user_id: 'int', kind: 'str', record_id: 'int', note: 'str' },
    reads: () => ['/api/audit-entries?entity=todo_reminder'],
  },
  {
    route: 'POST /api/todos/done', as: () => 'manager', path: () => '/api/todos/done',
    valid: async () => ({
      kind: 'follow_up', record_id: fx.crmIds.customers, version: await versionOf(`/api/customers/${fx.crmIds.customers}`),
    }),
    required: ['kind', 'record_id', 'version'], fields: { kind: 'str', record_id: 'int', version: 'int' },
    reads: () => [`/api/customers/${fx.crmIds.customers}`],
  },
  {
    route: 'POST /api/todos/snooze', as: () => 'manager', path: () => '/api/todos/snooze',
    valid: async () => ({
      kind: 'follow_up', record_id: fx.crmIds.customers, until: addDays(todayShanghai(), 3),
      version: await versionOf(`/api/customers/${fx.crmIds.customers}`),
    }),
    required: ['kind', 'record_id', 'version', 'until'],
    fields: { kind: 'str', record_id: 'int', version: 'int', until: 'str' },
    reads: () => [`/api/customers/${fx.crmIds.customers}`],
  },
);

// Weekly reports: templates (admin), the report's lifecycle (its author, then the manager),
// comments and reminders. A report's version is read by its author (a draft is theirs alone).
const reportVersion = async (r) => expectStatus(await get('rep', `/api/reports/${r.id}`), 200, 'report').version;
const repReports = (period) => [`/api/reports?user=${fx.crm.repId}&kind=week&period=${period}`];
const reportWrite = (route, key, as, valid, required, fields) => ({
  route, as: () => as, path: () => `/api/reports/${fx.reports[key].id}${route.replace(/^.*\{id\}/, '')}`,
  valid, required, fields, reads: () => repReports(fx.reports[key].period),
});
ENDPOINTS.push(
  {
    route: 'POST /api/report-templates', path: () => '/api/report-templates',
    valid: async () => ({
      team_id: fx.reportTeam.id, kind: 'week', name: unique('校验模板'), deadline: { day_offset: -2, time: '18:00' },
      sections: REPORT_SECTIONS,
    }),
    required: ['kind', 'name', 'sections'],
    fields: { team_id: 'nint', kind: 'str', name: 'str', deadline: 'obj', sections: 'list' },
    reads: () => ['/api/report-templates'],
  },
  {
    route: 'PATCH /api/report-templates/{id}', method: 'PATCH', path: () => `/api/report-templates/${fx.reportTemplate.id}`,
    valid: async () => ({
      name: unique('校验模板改名'),
      version: expectStatus(await get('admin', '/api/report-templates'), 200).items
        .find((t) => t.id === fx.reportTemplate.id).version,
    }),
    required: ['version'], fields: { name: 'str', deadline: 'obj', sections: 'list', version: 'int' },
    reads: () => ['/api/report-templates'],
  },
  {
    route: 'POST /api/reports', as: () => 'rep', path: () => '/api/reports',
    valid: async () => ({
      kind: 'week', period: '2045-W10', content: { summary: '校验' }, next_goals: [{ metric: 'visits', value: 5 }],
    }),
    required: ['kind', 'period'], fields: { kind: 'str', period: 'str', content: 'obj', next_goals: 'list' },
    reads: () => repReports('2045-W10'),
  },
  {
    ...reportWrite('PATCH /api/reports/{id}', 'draft', 'rep',
      async () => ({ content: { summary: '校验改' }, version: await reportVersion(fx.reports.draft) }),
      ['version'], { content: 'obj', next_goals: 'list', version: 'int' }),
    method: 'PATCH',
  },
  reportWrite('POST /api/reports/{id}/submit', 'toSubmit', 'rep',
    async () => ({ version: await reportVersion(fx.reports.toSubmit) }), ['version'], { version: 'int' }),
  reportWrite('POST /api/reports/{id}/review', 'toReview', 'manager',
    async () => ({ rating: 4, comment: '校验点评', version: await reportVersion(fx.reports.toReview) }),
    ['rating', 'version'], { rating: 'int', comment: 'str', version: 'int' }),
  reportWrite('POST /api/reports/{id}/return', 'toReturn', 'manager',
    async () => ({ reason: '校验退回', version: await reportVersion(fx.reports.toReturn) }),
    ['version'], { reason: 'str', version: 'int' }),
  reportWrite('POST /api/reports/{id}/accept-goals', 'toAccept', 'manager',
    async () => ({ version: await reportVersion(fx.reports.toAccept) }), ['version'], { version: 'int' }),
  reportWrite('POST /api/reports/{id}/comments', 'toComment', 'manager',
    async () => ({ body: '校验评论', mentions: [fx.crm.repId] }), ['body'], { body: 'str', mentions: 'ints' }),
  {
    route: 'POST /api/reports/remind', as: () => 'manager', path: () => '/api/reports/remind',
    valid: async () => ({ period: '2045-W20', user_ids: [fx.crm.repId] }),
    required: ['period', 'user_ids'], fields: { period: 'str', user_ids: 'ints' },
    reads: () => [`/api/reports/team-week?team=${fx.sh1.id}&period=2045-W20`],
  },
  {
    route: 'POST /api/notification-channels', path: () => '/api/notification-channels',
    valid: async () => ({ kind: 'webhook', name: unique('校验渠道'), url: 'http://127.0.0.1:9/hook', secret: 's' }),
    required: ['kind', 'name', 'url'],
    fields: { kind: 'str', name: 'str', url: 'str', secret: 'str', sender: 'str', team_id: 'nint', active: 'bool' },
    reads: () => ['/api/notification-channels'],
  },
  {
    route: 'PATCH /api/notification-channels/{id}', method: 'PATCH',
    path: () => `/api/notification-channels/${fx.channel.id}`,
    valid: async () => ({
      name: unique('校验渠道'),
      version: expectStatus(await get('admin', `/api/notification-channels/${fx.channel.id}`), 200).version,
    }),
    required: ['version'],
    fields: { name: 'str', url: 'str', secret: 'str', sender: 'str', team_id: 'nint', active: 'bool', version: 'int' },
    reads: () => ['/api/notification-channels'],
  },
  {
    route: 'POST /api/notification-channels/{id}/test', path: () => `/api/notification-channels/${fx.channel.id}/test`,
    valid: async () => ({}), required: [], fields: {},
    reads: () => [`/api/notification-channels/deliveries?channel=${fx.channel.id}`],
  },
);

// 复盘: each write of a review, its cards, cases and action items, and the org's root causes.
const reviewVersion = async (id) => expectStatus(await get('admin', `/api/reviews/${id}`), 200, 'review').version;
const meetingOf = () => [`/api/reviews/${fx.reviews.meeting.id}`];
const reviewStep = (route, key, extra = {}, fields = {}) => ({
  route, as: () => 'manager', path: () => `/api/reviews/${fx.reviews[key].id}${route.replace(/^.*\{id\}/, '')}`,
  valid: async () => ({ ...extra, version: await reviewVersion(fx.reviews[key].id) }),
  required: ['version'], fields: { ...fields, version: 'int' }, reads: () => [`/api/reviews/${fx.reviews[key].id}`],
});
ENDPOINTS.push(
  {
    route: 'POST /api/reviews', as: () => 'manager', path: () => '/api/reviews',
    valid: async () => ({
      scope: `team:${fx.sh1.id}`, period: fx.reviewDeal.month, title: unique('校验复盘'), participant_ids: [fx.crm.repId],
    }),
    required: ['scope', 'period', 'title'], fields: { scope: 'str', period: 'str', title: 'str', participant_ids: 'ints' },
    reads: () => ['/api/reviews'],
  },
  { ...reviewStep('PATCH /api/reviews/{id}', 'change', { summary: '校验总结' },
    { title: 'str', summary: 'str', participant_ids: 'ints' }), method: 'PATCH' },
  reviewStep('POST /api/reviews/{id}/start', 'start'),
  reviewStep('POST /api/reviews/{id}/close', 'close'),
  {
    route: 'POST /api/reviews/{id}/cards', as: () => 'rep', path: () => `/api/reviews/${fx.reviews.meeting.id}/cards`,
    valid: async () => ({ section: 'trend', tone: 'went_wrong', text: '回款慢', why: '账期长' }),
    required: ['tone', 'text'], fields: { section: 'str', tone: 'str', text: 'str', why: 'str' }, reads: meetingOf,
  },
  {
    route: 'PATCH /api/reviews/cards/{id}', method: 'PATCH', as: () => 'rep',
    path: () => `/api/reviews/cards/${fx.reviewCard.id}`,
    valid: async () => ({
      text: unique('改写'),
      version: expectStatus(await get('admin', `/api/reviews/${fx.reviews.meeting.id}`), 200).cards
        .find((c) => c.id === fx.reviewCard.id).version,
    }),
    required: ['version'], fields: { section: 'str', tone: 'str', text: 'str', why: 'str', version: 'int' },
    reads: meetingOf,
  },
  {
    route: 'POST /api/reviews/{id}/cases', as: () => 'manager', path: () => `/api/reviews/${fx.reviews.cases.id}/cases`,
    valid: async () => ({ opportunity_id: fx.otherDeal.deal.id, root_cause: 'competitor', note: '校验', tags: ['大客户'] }),
    required: ['opportunity_id', 'root_cause'],
    fields: { opportunity_id: 'int', root_cause: 'str', note: 'str', tags: 'strs' },
    reads: () => [`/api/reviews/${fx.reviews.cases.id}`],
  },
  {
    route: 'PATCH /api/reviews/cases/{id}', method: 'PATCH', as: () => 'manager',
    path: () => `/api/reviews/cases/${fx.reviewCase.id}`,
    valid: async () => ({
      note: unique('校验'),
      version: expectStatus(await get('admin', `/api/reviews/${fx.reviews.meeting.id}`), 200).cases
        .find((c) => c.id === fx.reviewCase.id).version,
    }),
    required: ['version'], fields: { root_cause: 'str', note: 'str', tags: 'strs', version: 'int' }, reads: meetingOf,
  },
  {
    route: 'POST /api/reviews/{id}/action-items', as: () => 'manager',
    path: () => `/api/reviews/${fx.reviews.meeting.id}/action-items`,
    valid: async () => ({
      owner_id: fx.crm.repId, title: '校验行动项', due_date: `${fx.reviewDeal.month}-28`, metric: 'visits',
    }),
    required: ['owner_id', 'title', 'due_date'],
    fields: { owner_id: 'int', title: 'str', due_date: 'str', metric: 'nstr', target_id: 'nint', target_value: 'nint',
      target_version: 'int' },
    reads: meetingOf,
  },
  {
    route: 'PATCH /api/reviews/action-items/{id}', method: 'PATCH', as: () => 'manager',
    path: () => `/api/reviews/action-items/${fx.actionItem.id}`,
    valid: async () => ({ title: unique('改期'), version: await itemVersion() }),
    required: ['version'], fields: { owner_id: 'int', title: 'str', due_date: 'str', metric: 'nstr', version: 'int' },
    reads: meetingOf,
  },
  {
    route: 'POST /api/reviews/action-items/{id}/done', as: () => 'rep',
    path: () => `/api/reviews/action-items/${fx.actionItem.id}/done`,
    valid: async () => ({ note: '已完成', version: await itemVersion() }),
    required: ['version'], fields: { note: 'str', version: 'int' }, reads: meetingOf,
  },
  {
    route: 'POST /api/commissions/plans', path: () => '/api/commissions/plans',
    valid: async () => commissionPlan(1994), required: ['name', 'effective_from', 'base', 'mode', 'bands'],
    fields: { name: 'str', effective_from: 'str', base: 'str', mode: 'str', target_bonus: 'int', credit_manager: 'bool' },
    reads: () => ['/api/commissions/plans'],
  },
  {
    route: 'PATCH /api/commissions/plans/{id}', method: 'PATCH', path: () => `/api/commissions/plans/${fx.commissionPlan.id}`,
    valid: async () => ({ ...commissionPlan(1993, { name: unique('提成方案') }), version: await planVersion() }),
    required: ['name', 'effective_from', 'base', 'mode', 'bands', 'version'],
    fields: { name: 'str', effective_from: 'str', base: 'str', mode: 'str', target_bonus: 'int', version: 'int' },
    reads: () => ['/api/commissions/plans'],
  },
  {
    route: 'POST /api/commissions/adjustments', as: () => 'manager', path: () => '/api/commissions/adjustments',
    valid: async () => ({ user_id: fx.crm.repId, period: '1993-02', amount: 5000, reason: '校验' }),
    required: ['user_id', 'period', 'amount', 'reason'],
    fields: { user_id: 'int', period: 'str', amount: 'int', reason: 'str' },
    reads: () => [`/api/commissions/statements/${fx.crm.repId}?period=1993-02`],
  },
  {
    route: 'POST /api/commissions/approve', as: () => 'director', path: () => '/api/commissions/approve',
    valid: async () => ({ period: '1993-03' }), required: ['period'], fields: { period: 'str' },
    reads: () => [`/api/commissions/statements/${fx.crm.repId}?period=1993-03`],
  },
  {
    route: 'POST /api/reviews/root-causes', path: () => '/api/reviews/root-causes',
    valid: async () => ({ name: unique('因') }), required: ['name'], fields: { name: 'str' },
    reads: () => ['/api/reviews/root-causes'],
  },
  {
    route: 'PATCH /api/reviews/root-causes/{key}', method: 'PATCH', path: () => '/api/reviews/root-causes/execution',
    valid: async () => ({ name: '执行力', version: await causeVersion('execution') }), required: ['version'],
    fields: { name: 'str', active: 'bool', position: 'int', version: 'int' },
    reads: () => ['/api/reviews/root-causes'],
  },
);
// Commissions: a plan of 1993 (a year nothing else uses) to change, and bodies of 1994's.
const commissionPlan = (year, extra = {}) => ({
  name: `提成方案 ${year}`, effective_from: `${year}-01-01`, effective_to: `${year}-12-31`, base: 'orders',
  mode: 'marginal', bands: [{ from_bp: 0, to_bp: 10000, rate_bp: 200 }, { from_bp: 10000, to_bp: null, rate_bp: 400 }],
  ...extra,
});
const planVersion = async () => expectStatus(await get('admin', '/api/commissions/plans'), 200).items
  .find((p) => p.id === fx.commissionPlan.id).version;
const causeVersion = async (key) => expectStatus(await get('admin', '/api/reviews/root-causes'), 200).items
  .find((c) => c.key === key).version;
const itemVersion = async () => expectStatus(await get('rep', '/api/reviews/action-items?all=true'), 200).items
  .find((a) => a.id === fx.actionItem.id).version;

const pipeline = async (id) => expectStatus(await get('admin', '/api/pipelines'), 200).items.find((p) => p.id === id);

// Write routes that take no JSON body: logout, the tier recompute, DELETE (its version is in the
// query), and the import upload (a file; tests/api/io/import.test.mjs judges bad files).
const BODILESS = (route) => route === 'POST /api/auth/logout' || route === 'POST /api/customers/tiers/recompute' ||
  route === 'POST /api/imports' || route === 'POST /api/todos/reminders/read' || route.startsWith('DELETE ');
const writeRoutes = () => serverRoutes().filter((r) => !r.startsWith('GET '));

test('every write route that takes a body has a row in ENDPOINTS', () => {
  assert.deepEqual(ENDPOINTS.map((e) => e.route).sort(), writeRoutes().filter((r) => !BODILESS(r)).sort(),
    'add the new write route to ENDPOINTS in validation.test.mjs');
});

test('every write route, bodiless ones included, answers 413 to a body over 1 MiB and writes nothing', async () => {
  const s = await freshSession('admin');
  const ids = {
    users: fx.other.id, regions: fx.region.id, teams: fx.grandchild.id, memberships: fx.membership.id, ...fx.crmIds,
    pipelines: fx.pipeline.id, targets: fx.target.id, plans: fx.task.id, reports: fx.reports.draft.id,
    'report-templates': fx.reportTemplate.id, 'notification-channels': fx.channel.id,
    reviews: fx.reviews.meeting.id,
  };
  // Records under a review: the id and version of the fixture itself.
  const nested = {
    '/api/reviews/cards/': fx.reviewCard, '/api/reviews/cases/': fx.reviewCase,
    '/api/reviews/action-items/': fx.actionItem, '/api/commissions/plans/': fx.commissionPlan,
  };
  const big = JSON.stringify({ padding: 'x'.repeat(ONE_MIB) });
  const targets = [];
  for (const route of writeRoutes()) {
    if (route === 'POST /api/imports') continue;  // files: a limit of its own (import.test.mjs)
    const [method, pattern] = route.split(' ');
    const under = Object.keys(nested).find((p) => pattern.startsWith(p));
    if (under) {
      const path = pattern.replace('{id}', nested[under].id);
      targets.push([method, method === 'DELETE' ? `${path}?version=${nested[under].version}` : path]);
      continue;
    }
    const collection = pattern.split('/')[2];
    let path = pattern.replace('{id}', () => {
      assert.ok(ids[collection], `a fixture id for ${route}`);
      return ids[collection];
    });
    if (method === 'DELETE') path += `?version=${await versionOf(path)}`;
    targets.push([method, path]);
  }
  const reads = Object.entries(ids).map(([c, id]) => `/api/${c}/${id}`);
  await assertNothingWritten([...reads, '/api/org'], async () => {
    for (const [method, path] of targets) {
      expectError(await request(method, path, { as: { token: s.token }, raw: big }), 413, 'payload_too_large', null,
        `${method} ${path}`);
    }
  }, 'over 1 MiB');
  expectStatus(await get({ token: s.token }, '/api/auth/me'), 200, 'the session outlived the refused logout');
});

// Sends `opts` to the endpoint in Chinese (the default) and in English; checks both errors.
async function expectRefused(ep, opts, status, code, field, what) {
  const method = ep.method ?? 'POST';
  const as = ep.as ? ep.as() : 'admin';
  const zh = await request(method, ep.path(), { ...opts, as });
  const e = expectError(zh, status, code, field, `${ep.route} ${what}`);
  assert.ok(hasChinese(e.message), `${ep.route} ${what}: Chinese message by default: ${e.message}`);
  const en = await request(method, ep.path(), { ...opts, as, lang: 'en-US,en;q=0.9' });
  const f = expectError(en, status, code, field, `${ep.route} ${what} (en)`);
  assert.ok(!hasChinese(f.message), `${ep.route} ${what}: English message: ${f.message}`);
}

for (const ep of ENDPOINTS) {
  test(`${ep.route}: bad bodies are refused with the field at fault, and nothing is written`, async () => {
    await assertNothingWritten(ep.reads(), async () => {
      for (const field of ep.required) {
        const body = await ep.valid();
        delete body[field];
        await expectRefused(ep, { body }, 400, 'missing_field', field, `without ${field}`);
      }
      for (const [field, type] of Object.entries(ep.fields)) {
        for (const wrong of WRONG[type]) {
          const body = { ...(await ep.valid()), [field]: wrong };
          await expectRefused(ep, { body }, 400, 'invalid_field', field, `${field}=${JSON.stringify(wrong)}`);
        }
      }
      await expectRefused(ep, { body: { ...(await ep.valid()), nickname: '小王' } }, 400, 'unknown_field', 'nickname',
        'with an unknown field');
      const valid = JSON.stringify(await ep.valid());
      for (const raw of [valid.slice(0, -1), '{"a":1,}', "{'a':1}", '', '[]', '"text"', '42', 'null',
        `${valid}${valid}`]) {
        await expectRefused(ep, { raw }, 400, 'invalid_json', null, `body ${raw.slice(0, 20)}`);
      }
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
        null]) {
        await expectRefused(ep, { raw: valid, type }, 415, 'unsupported_media_type', null, `as ${type}`);
      }
      const big = JSON.stringify({ ...(await ep.valid()), padding: 'x'.repeat(ONE_MIB) });
      await expectRefused(ep, { raw: big }, 413, 'payload_too_large', null, 'over 1 MiB');
    }, ep.route);
    // The valid body does go through (so the refusals above were about the body alone).
    const method = ep.method ?? 'POST';
    const res = await request(method, ep.path(), { as: ep.as ? ep.as() : 'admin', body: await ep.valid() });
    assert.ok(res.status >= 200 && res.status < 300, `${ep.route} valid body: ${res.status} ${res.text}`);
  });
}

test('a body just under 1 MiB is read (and judged on its content), one byte over is 413', async () => {
  const path = '/api/regions';
  const make = (size) => {
    const head = '{"name":"';
    return head + 'x'.repeat(size - head.length - 2) + '"}';
  };
  await assertNothingWritten(['/api/regions?page_size=500'], async () => {
    expectError(await request('POST', path, { as: 'admin', raw: make(ONE_MIB) }), 400, 'invalid_field', 'name');
    expectError(await request('POST', path, { as: 'admin', raw: make(ONE_MIB + 1) }), 413, 'payload_too_large');
  }, 'body limit');
});

test('JSON media types are matched as RFC 9110 says: case-insensitive, parameters allowed', async () => {
  for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON; charset=UTF-8',
    'application/json;charset=utf-8']) {
    const created = expectStatus(await request('POST', '/api/regions',
      { as: 'admin', raw: JSON.stringify({ name: unique('媒体类型') }), type }), 201, type);
    expectStatus(await request('DELETE', `/api/regions/${created.id}?version=${created.version}`, { as: 'admin' }), 204);
  }
  await assertNothingWritten(['/api/regions?page_size=500'], async () => {
    for (const type of ['application/jsonp', 'application/json-patch+json', 'text/json', 'application/jsonx']) {
      expectError(await request('POST', '/api/regions',
        { as: 'admin', raw: JSON.stringify({ name: unique('媒体类型') }), type }), 415, 'unsupported_media_type', null,
      type);
    }
  }, 'other media types');
});

// Invalid values: well-formed JSON of the right types that breaks a rule.
const INVALID = [
  ['POST', '/api/users', () => ({ username: 'Bad Name', display_name: 'x', password: TEST_PASSWORD }), 'username'],
  ['POST', '/api/users', () => ({ username: 'UPPER', display_name: 'x', password: TEST_PASSWORD }), 'username'],
  ['POST', '/api/users', () => ({ username: 'a', display_name: 'x', password: TEST_PASSWORD }), 'username'],
  ['POST', '/api/users', () => ({ username: '-dash', display_name: 'x', password: TEST_PASSWORD }), 'username'],
  ['POST', '/api/users', () => ({ username: '王伟', display_name: 'x', password: TEST_PASSWORD }), 'username'],
  ['POST', '/api/users', () => ({ username: 'u'.repeat(65), display_name: 'x', password: TEST_PASSWORD }), 'username'],
  ['POST', '/api/users', () => ({ username: unique('v'), display_name: '  ', password: TEST_PASSWORD }), 'display_name'],
  ['POST', '/api/users', () => ({ username: unique('v'), display_name: '名'.repeat(65), password: TEST_PASSWORD }),
    'display_name'],
  ['POST', '/api/users', () => ({ username: unique('v'), display_name: 'x', password: 'short' }), 'password'],
  ['POST', '/api/users', () => ({ username: unique('v'), display_name: 'x', password: TEST_PASSWORD, roles: ['king'] }),
    'roles'],
  ['POST', '/api/users', () => ({ username: unique('v'), display_name: 'x', password: TEST_PASSWORD, roles: [] }),
    'roles'],
  ['POST', '/api/users', () => ({ username: unique('v'), display_name: 'x', password: TEST_PASSWORD,
    email: 'not-an-email' }), 'email'],
  ['POST', '/api/users', () => ({ username: unique('v'), display_name: 'x', password: TEST_PASSWORD,
    phone: 'call me' }), 'phone'],
  ['POST', '/api/users', () => ({ username: unique('v'), display_name: 'x', password: TEST_PASSWORD,
    region_id: 99999999 }), 'region_id'],
  ['PATCH', () => `/api/users/${fx.user.id}`, async () => ({ version: await versionOf(`/api/users/${fx.user.id}`),
    username: 'Not Valid' }), 'username'],
  ['PATCH', () => `/api/users/${fx.user.id}`, async () => ({ version: await versionOf(`/api/users/${fx.user.id}`),
    roles: ['rep', 'boss'] }), 'roles'],
  ['PATCH', () => `/api/users/${fx.user.id}`, async () => ({ version: await versionOf(`/api/users/${fx.user.id}`),
    region_id: 99999999 }), 'region_id'],
  ['PATCH', () => `/api/users/${fx.user.id}`, async () => ({ version: await versionOf(`/api/users/${fx.user.id}`),
    password: 'new-password-1' }), 'password', 'unknown_field'],
  ['POST', () => `/api/users/${fx.user.id}/password`, () => ({ password: 'short' }), 'password'],
  ['PATCH', '/api/org', async () => ({ version: await versionOf('/api/org'), fiscal_year_start_month: 13 }),
    'fiscal_year_start_month'],
  ['PATCH', '/api/org', async () => ({ version: await versionOf('/api/org'), fiscal_year_start_month: 0 }),
    'fiscal_year_start_month'],
  ['PATCH', '/api/org', async () => ({ version: await versionOf('/api/org'), timezone: 'Mars/Olympus' }), 'timezone'],
  ['PATCH', '/api/org', async () => ({ version: await versionOf('/api/org'), name: '' }), 'name'],
  ['POST', '/api/regions', () => ({ name: '' }), 'name'],
  ['POST', '/api/regions', () => ({ name: ' \t ' }), 'name'],
  ['POST', '/api/regions', () => ({ name: '区'.repeat(65) }), 'name'],
  ['POST', '/api/regions', () => ({ name: 'a\u0001b' }), 'name'],
  ['POST', '/api/regions', () => ({ name: unique('区'), code: 'C'.repeat(33) }), 'code'],
  ['PATCH', () => `/api/regions/${fx.region.id}`, async () => ({ version: await versionOf(`/api/regions/${fx.region.id}`),
    name: '' }), 'name'],
  ['POST', '/api/teams', () => ({ name: unique('团队'), region_id: 99999999 }), 'region_id'],
  ['POST', '/api/teams', () => ({ name: unique('团队'), region_id: fx.region.id, parent_id: 99999999 }), 'parent_id'],
  ['POST', '/api/teams', () => ({ name: '', region_id: fx.region.id }), 'name'],
  ['POST', '/api/teams', () => ({ name: unique('团队'), region_id: fx.south.id, parent_id: fx.sh1.id }), 'region_id'],
  ['PATCH', () => `/api/teams/${fx.team.id}`, async () => ({ version: await versionOf(`/api/teams/${fx.team.id}`),
    parent_id: fx.team.id }), 'parent_id'],
  ['PATCH', () => `/api/teams/${fx.team.id}`, async () => ({ version: await versionOf(`/api/teams/${fx.team.id}`),
    parent_id: fx.child.id }), 'parent_id'],
  ['PATCH', () => `/api/teams/${fx.team.id}`, async () => ({ version: await versionOf(`/api/teams/${fx.team.id}`),
    parent_id: fx.grandchild.id }), 'parent_id'],
  ['PATCH', () => `/api/teams/${fx.team.id}`, async () => ({ version: await versionOf(`/api/teams/${fx.team.id}`),
    region_id: 99999999 }), 'region_id'],
  // A team with sub-teams cannot leave its region alone: its sub-teams would be stranded.
  ['PATCH', () => `/api/teams/${fx.team.id}`, async () => ({ version: await versionOf(`/api/teams/${fx.team.id}`),
    region_id: fx.south.id }), 'region_id'],
  ['PATCH', () => `/api/teams/${fx.child.id}`, async () => ({ version: await versionOf(`/api/teams/${fx.child.id}`),
    region_id: fx.south.id }), 'region_id'],
  ['POST', '/api/memberships', () => ({ user_id: fx.other.id, team_id: fx.team.id, valid_from: '2024-13-45' }),
    'valid_from'],
  ['POST', '/api/memberships', () => ({ user_id: fx.other.id, team_id: fx.team.id, valid_from: '2023-02-29' }),
    'valid_from'],
  ['POST', '/api/memberships', () => ({ user_id: fx.other.id, team_id: fx.team.id, valid_from: '2024/01/01' }),
    'valid_from'],
  ['POST', '/api/memberships', () => ({ user_id: fx.other.id, team_id: fx.team.id, valid_from: '24-1-1' }),
    'valid_from'],
  ['POST', '/api/memberships', () => ({ user_id: fx.other.id, team_id: fx.team.id, valid_from: '2024-06-01',
    valid_to: '2024-05-31' }), 'valid_to'],
  ['POST', '/api/memberships', () => ({ user_id: fx.other.id, team_id: fx.team.id, valid_from: '2024-06-01',
    valid_to: '2024-06-01' }), 'valid_to'],
  ['POST', '/api/memberships', () => ({ user_id: fx.other.id, team_id: fx.team.id, valid_from: '2024-06-01',
    valid_to: 'someday' }), 'valid_to'],
  ['POST', '/api/memberships', () => ({ user_id: fx.other.id, team_id: fx.team.id, role: 'boss' }), 'role'],
  ['POST', '/api/memberships', () => ({ user_id: 99999999, team_id: fx.team.id }), 'user_id'],
  ['POST', '/api/memberships', () => ({ user_id: fx.other.id, team_id: 99999999 }), 'team_id'],
  // fx.user is in fx.team from 2024-01-01 to 2024-07-01: an overlapping stint is refused.
  ['POST', '/api/memberships', () => ({ user_id: fx.user.id, team_id: fx.team.id, valid_from: '2024-06-30' }),
    'valid_from'],
  ['POST', '/api/memberships', () => ({ user_id: fx.user.id, team_id: fx.team.id, valid_from: '2023-01-01',
    valid_to: '2024-01-02' }), 'valid_from'],
  ['PATCH', () => `/api/memberships/${fx.membership.id}`, async () => ({
    version: await versionOf(`/api/memberships/${fx.membership.id}`), valid_to: '2023-12-31' }), 'valid_to'],
  ['PATCH', () => `/api/memberships/${fx.membership.id}`, async () => ({
    version: await versionOf(`/api/memberships/${fx.membership.id}`), user_id: fx.other.id }), 'user_id'],
  ['PATCH', () => `/api/memberships/${fx.membership.id}`, async () => ({
    version: await versionOf(`/api/memberships/${fx.membership.id}`), team_id: 99999999 }), 'team_id'],
  ['PATCH', () => `/api/memberships/${fx.membership.id}`, async () => ({
    version: await versionOf(`/api/memberships/${fx.membership.id}`), role: 'owner' }), 'role'],
];

// The admin reads that show whether a request to `path` wrote anything.
function readsFor(path) {
  const collection = path.match(/^\/api\/[a-z-]+/)[0];
  return path === '/api/org' ? ['/api/org'] : [path.replace(/\/password$/, ''), `${collection}?page_size=500`];
}

test('invalid values are refused with 400 invalid_field and the field, and nothing is written', async () => {
  for (const [method, pathOf, bodyOf, field, code = 'invalid_field'] of INVALID) {
    const path = typeof pathOf === 'function' ? pathOf() : pathOf;
    const body = await bodyOf();
    const what = `${method} ${path} ${JSON.stringify(body).slice(0, 80)}`;
    await assertNothingWritten(readsFor(path), async () => {
      const res = await request(method, path, { as: 'admin', body });
      const e = expectError(res, 400, code, field, what);
      assert.ok(hasChinese(e.message), what);
    }, what);
  }
});

test('taken names are 409 already_exists with the field', async () => {
  const cases = [
    ['POST', '/api/users', { username: 'rep', display_name: '重名', password: TEST_PASSWORD }, 'username'],
    ['PATCH', `/api/users/${fx.user.id}`, { username: 'admin' }, 'username'],
    ['POST', '/api/regions', { name: '华东区' }, 'name'],
    ['PATCH', `/api/regions/${fx.region.id}`, { name: '华南区' }, 'name'],
    ['POST', '/api/teams', { name: '上海一部', region_id: fx.region.id }, 'name'],
    ['PATCH', `/api/teams/${fx.child.id}`, { name: fx.grandchild.name }, 'name'],
  ];
  for (const [method, path, body, field] of cases) {
    if (method === 'PATCH') body.version = await versionOf(path);
    await assertNothingWritten(readsFor(path), async () => {
      expectError(await request(method, path, { as: 'admin', body }), 409, 'already_exists', field, `${method} ${path}`);
    }, `${method} ${path}`);
  }
});

test('an admin cannot lock themselves out: no self-deactivation, no dropping one\'s own admin role', async () => {
  const me = { token: fx.admin2Session.token };
  const path = `/api/users/${fx.admin2.id}`;
  await assertNothingWritten([path], async () => {
    expectError(await request('PATCH', path, { as: me, body: { version: await versionOf(path), active: false } }), 400,
      'invalid_field', 'active');
    expectError(await request('PATCH', path, { as: me, body: { version: await versionOf(path), roles: ['rep'] } }),
      400, 'invalid_field', 'roles');
    expectError(await request('DELETE', `${path}?version=${await versionOf(path)}`, { as: me }), 400, 'invalid_field',
      'active');
  }, 'self lock-out');
  expectStatus(await get(me, '/api/auth/me'), 200);
});

test('DELETE needs a positive integer ?version: otherwise 400 invalid_query, nothing deleted', async () => {
  const targets = [`/api/users/${fx.other.id}`, `/api/regions/${fx.region.id}`, `/api/teams/${fx.grandchild.id}`,
    `/api/memberships/${fx.membership.id}`];
  for (const path of targets) {
    await assertNothingWritten([path], async () => {
      for (const query of ['', '?version=', '?version=abc', '?version=0', '?version=-1', '?version=1.5',
        '?version=99999999999999999999', '?ver=1']) {
        expectError(await request('DELETE', path + query, { as: 'admin' }), 400, 'invalid_query', 'version',
          `DELETE ${path}${query}`);
      }
    }, `DELETE ${path}`);
  }
});

test('list queries are checked: page, page_size, sort and filters', async () => {
  const cases = [
    ['/api/users?page_size=0', 'page_size'], ['/api/users?page_size=501', 'page_size'],
    ['/api/users?page_size=ten', 'page_size'], ['/api/teams?page=0', 'page'], ['/api/teams?page=-1', 'page'],
    ['/api/regions?page=x', 'page'], ['/api/users?sort=password_hash', 'sort'], ['/api/teams?sort=-nope', 'sort'],
    ['/api/regions?sort=code;drop', 'sort'], ['/api/memberships?sort=name', 'sort'],
    ['/api/users?active=yes', 'active'], ['/api/users?role=king', 'role'], ['/api/users?team_id=abc', 'team_id'],
    ['/api/teams?region_id=0', 'region_id'], ['/api/teams?parent_id=x', 'parent_id'],
    ['/api/memberships?user_id=-3', 'user_id'], ['/api/memberships?current=maybe', 'current'],
    ['/api/audit-entries?entity_id=x', 'entity_id'], ['/api/audit-entries?page_size=1000', 'page_size'],
  ];
  for (const [path, field] of cases) {
    const res = await get('admin', path, { lang: 'en' });
    const e = expectError(res, 400, 'invalid_query', field, path);
    assert.ok(!hasChinese(e.message), path);
  }
});

test('paths: a non-numeric or unknown id is 404, a wrong method 405, an unknown API path 404', async () => {
  for (const path of ['/api/users/abc', '/api/users/0', '/api/users/-1', '/api/teams/1.5', '/api/regions/99999999',
    '/api/memberships/99999999']) {
    expectError(await get('admin', path), 404, 'not_found', null, path);
  }
  expectError(await request('PUT', `/api/users/${fx.user.id}`, { as: 'admin', body: {} }), 405, 'method_not_allowed');
  expectError(await request('DELETE', '/api/users', { as: 'admin' }), 405, 'method_not_allowed');
  expectError(await get('admin', '/api/nothing-here'), 404, 'not_found');
  expectError(await get(null, '/api/nothing-here'), 404, 'not_found');
  const en = expectError(await get('admin', '/api/users/abc', { lang: 'en' }), 404, 'not_found');
  assert.ok(!hasChinese(en.message));
  const zh = expectError(await get('admin', '/api/users/abc', { lang: 'zh-CN,zh;q=0.9,en;q=0.8' }), 404, 'not_found');
  assert.ok(hasChinese(zh.message));
});

test('metric questions: a bad parameter is 400 invalid_query naming it, explained in Chinese and English', async () => {
  const rep = fx.crm.repId;
  const q = (params) => params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  const one = (params) => `/api/metrics?${q(params)}`;
  const ask = (extra = [], drop = []) => one([['metric', 'orders_amount'], ['scope', 'org'], ['period', '2026-11'],
    ...extra].filter(([k]) => !drop.includes(k)));
  const with_ = (key, value) => one([['metric', 'orders_amount'], ['scope', 'org'], ['period', '2026-11']]
    .map(([k, v]) => [k, k === key ? value : v]));
  const batch = (params) => `/api/metrics/batch?${q(params)}`;
  const breakdown = (params) => `/api/metrics/breakdown?${q([['metric', 'orders_amount'], ['scope', 'org'],
    ['period', '2026-11'], ...params])}`;
  const cases = [
    [ask([], ['metric']), 'metric'], [ask([], ['scope']), 'scope'], [ask([], ['period']), 'period'],
    [with_('metric', ''), 'metric'], [with_('metric', 'sales'), 'metric'], [with_('metric', 'growth:'), 'metric'],
    [with_('metric', 'growth:stage_conversion'), 'metric'], [with_('metric', 'ORDERS_AMOUNT'), 'metric'],
    ...['', 'everyone', 'team', 'team:', 'team:0', 'team:-1', 'org,', ',org', 'org;user:1',
      'department:1'].map((s) => [with_('scope', s), 'scope']),
    ...['', 'last-month', '2026/11', '2026-13', '2026-00', '2026-11-31', '2026-02-29', '2025-W53', '2026-W54',
      '2026-W00', '2026-Q5', '2026-Q0', 'FY2026-Q0', 'FY2026-Q5', '1969', '1969-12', '2026-11-30..2026-11-01',
      '2026-11-01..', '2026-11-01..2026-13-01'].map((p) => [with_('period', p), 'period']),
    [ask([['segment', 'city']]), 'segment'], [ask([['segment_key', '制造']]), 'segment'],
    [one([['metric', 'cac'], ['scope', 'org'], ['period', '2026-11'], ['segment', 'industry']]), 'segment'],
    [one([['metric', 'visits'], ['scope', 'org'], ['period', '2026-11'], ['segment', 'product']]), 'segment'],
    [ask([['pipeline', 'abc']]), 'pipeline'], [ask([['pipeline', '0']]), 'pipeline'],
    [ask([['by', 'month']]), 'by'], [ask([['nickname', '小王']]), 'nickname'],

    [batch([['scope', 'org'], ['period', '2026-11']]), 'metric'],
    [batch([['metric', 'orders_amount'], ['period', '2026-11']]), 'scope'],
    [batch([['metric', 'orders_amount'], ['scope', 'org']]), 'period'],
    [batch([['metric', 'orders_amount'], ['metric', 'sales'], ['scope', 'org'], ['period', '2026-11']]), 'metric'],
    [batch([['metric', 'orders_amount'], ['scope', 'org'], ['scope', 'team:0'], ['period', '2026-11']]), 'scope'],
    [batch([['metric', 'orders_amount'], ['scope', 'org'], ['period', '2026-W60']]), 'period'],
    [batch([...Array(23).fill(['metric', 'orders_amount']), ...Array(22).fill(['scope', 'org']),
      ['period', '2026-11']]), 'metric'],
    [batch([['metric', 'orders_amount'], ['scope', 'org'], ['period', '2026-11'], ['segment', 'industry']]),
      'segment'],

    [breakdown([]), 'by'], [breakdown([['by', '']]), 'by'], [breakdown([['by', 'city']]), 'by'],
    [breakdown([['by', 'industry'], ['segment', 'tier']]), 'by'],
    [`/api/metrics/breakdown?${q([['metric', 'orders_amount'], ['scope', `user:${rep}`], ['period', '2026-11'],
      ['by', 'child']])}`, 'by'],
    [`/api/metrics/breakdown?${q([['metric', 'orders_amount'], ['scope', `team:${fx.sh1.id},user:${rep}`],
      ['period', '2026-11'], ['by', 'child']])}`, 'by'],
    [`/api/metrics/breakdown?${q([['metric', 'orders_amount'], ['scope', 'org'], ['period', '2025-01-01..2026-03-01'],
      ['by', 'day']])}`, 'by'],
    [`/api/metrics/breakdown?${q([['metric', 'visits'], ['scope', 'org'], ['period', '2026-11'], ['by', 'product']])}`,
      'by'],
    [`/api/metrics/breakdown?${q([['metric', 'clv'], ['scope', 'org'], ['period', '2026-11'], ['by', 'industry']])}`,
      'by'],
    [`/api/metrics/breakdown?${q([['scope', 'org'], ['period', '2026-11'], ['by', 'week']])}`, 'metric'],
    [`/api/metrics/breakdown?${q([['metric', 'orders_amount'], ['scope', 'org'], ['period', '2026-11-31'],
      ['by', 'week']])}`, 'period'],
    [breakdown([['by', 'week'], ['page', '1']]), 'page'],

    ['/api/metrics/catalog?metric=orders_amount', 'metric'],
  ];
  for (const [path, field] of cases) {
    const zh = expectError(await get('analyst', path), 400, 'invalid_query', field, path);
    assert.ok(hasChinese(zh.message), `${path}: Chinese message: ${zh.message}`);
    // The detail is translated too (a detail with no translation would be left out of the message).
    assert.ok(zh.message.includes('（'), `${path}: the detail in Chinese: ${zh.message}`);
    const en = expectError(await get('analyst', path, { lang: 'en' }), 400, 'invalid_query', field, `${path} (en)`);
    assert.ok(!hasChinese(en.message), `${path}: English message: ${en.message}`);
    assert.ok(en.message.includes('('), `${path}: the detail in English: ${en.message}`);
  }
});

test('metric questions: the analyst reads but a period over the limits or an unknown id is no 500', async () => {
  // A range as long as the data (all time) is a question like any other.
  for (const period of ['9999', '1970-01-01', '2026-W53', 'FY9999', '2016-12-07..2026-11-30', '1970-01-01..9999-12-31']) {
    expectStatus(await get('analyst', `/api/metrics?metric=orders_amount&scope=org&period=${period}`), 200, period);
  }
  // An unknown id or name is not found (names: a region's name or code, a team's, a username).
  for (const scope of ['region:99999999', 'team:99999999', 'user:99999999', 'org,team:99999999', 'team:abc',
    'user:1.5', 'region:没有这个区域']) {
    expectError(await get('admin', `/api/metrics?metric=visits&scope=${scope}&period=2026-11`), 404, 'not_found',
      null, scope);
  }
});
