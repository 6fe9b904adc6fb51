// The weekly report's lifecycle (SPEC §4, docs/reports.md): a draft autosaved with the version read
// (a stale one is 409 and changes nothing), submitted on time or late against the deadline,
// returned with a reason and resubmitted (every submitted version kept), reviewed with a rating;
// who sees and writes what; comments with @mentions and read receipts. Every period comes from the
// server's today; the author is a fresh rep of 上海一部 (the demo rep already has the demo's weeks).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  addDays, assertErrorShape, assertNothingWritten, auditTotal, discover, expectError, expectStatus, get, patch, post,
} from '../lib.mjs';
import {
  createDraft, deadlineMs, fullContent, newMember, readReport, requiredTextKeys, serverToday, submit, submitted,
  unprocessable, weekAfter,
} from './report_fixtures.mjs';

let fx;
before(async () => {
  const d = await discover();
  const today = await serverToday();
  const sh1 = d.team('上海一部');
  const author = await newMember(sh1.id, { validFrom: addDays(today, -200) });
  const managerId = expectStatus(await get('manager', '/api/auth/me'), 200).user.id;
  const analystId = expectStatus(await get('analyst', '/api/auth/me'), 200).user.id;
  fx = {
    d, today, sh1, author, managerId, analystId,
    manager: d.users.find((u) => u.id === managerId),
    // A week long past (its deadline too), and next week (its deadline ahead).
    past: weekAfter(today, -10),
    next: weekAfter(today, 1),
  };
  const org = expectStatus(await get('admin', '/api/org'), 200);
  assert.equal(org.timezone, 'Asia/Shanghai', 'the deadlines below are computed in UTC+8');
});

const path = (r, tail = '') => `/api/reports/${r.id}${tail}`;

// Runs `action` and asserts report `id` reads the same to its author after it (the author's reads
// record no receipt) and the audit log has no new entry.
async function unchanged(id, action, what) {
  const audit = await auditTotal();
  const before = await readReport(fx.author.as, id);
  const result = await action();
  assert.deepEqual(await readReport(fx.author.as, id), before, `${what}: the report is unchanged`);
  assert.equal(await auditTotal(), audit, `${what}: no audit entry`);
  return result;
}

// The report of the long-past week, carried through the tests in order.
let r;

test('a rep writes a draft of a week: the template, the deadline and the live data come with it', async () => {
  const mine = expectStatus(await get(fx.author.as, `/api/reports/mine?kind=week&period=${fx.past.period}`), 200);
  assert.equal(mine.report, null, 'nothing written for that week yet');
  assert.deepEqual([mine.period, mine.from, mine.to], [fx.past.period, fx.past.from, fx.past.to]);
  assert.equal(mine.template.kind, 'week');
  assert.equal(Date.parse(mine.deadline), deadlineMs(mine.to, mine.template.deadline), 'the deadline of the template');
  assert.ok(mine.data && Array.isArray(mine.data.kpis));

  const content = fullContent(mine.template, '（初稿）');
  const created = await post(fx.author.as, '/api/reports', { kind: 'week', period: fx.past.period, content });
  r = expectStatus(created, 201, 'create');
  assert.equal(r.user_id, fx.author.user.id);
  assert.equal(r.user_name, fx.author.user.display_name);
  assert.deepEqual([r.kind, r.period, r.from, r.to, r.status], ['week', fx.past.period, fx.past.from, fx.past.to,
    'draft']);
  assert.deepEqual([r.submitted_at, r.late, r.submissions, r.rating, r.reviewed_by, r.reviewed_at],
    [null, null, 0, null, null, null]);
  assert.deepEqual([r.template.id, r.template.version], [mine.template.id, mine.template.version]);
  assert.equal(Date.parse(r.deadline), deadlineMs(r.to, r.template.deadline));
  for (const [k, v] of Object.entries(content)) assert.equal(r.content[k], v, `content.${k}`);
  assert.deepEqual(r.next_goals, []);
  assert.deepEqual([r.data_frozen, r.data_changed, r.live_data], [false, false, null], 'a draft\'s data is live');
  assert.deepEqual([r.data.period, r.data.from, r.data.to], [fx.past.period, fx.past.from, fx.past.to]);
  assert.deepEqual(r.comments, []);
  assert.deepEqual(r.read_by, []);
  assert.ok(Number.isInteger(r.version));
  assert.equal(r.can.edit, true);
  assert.equal(r.can.submit, true);
  assert.equal(r.can.review, false);
  assert.equal(r.can.accept_goals, false);

  // One report per person, kind and period.
  await assertNothingWritten([], async () => {
    expectError(await post(fx.author.as, '/api/reports', { kind: 'week', period: fx.past.period }), 409,
      'already_exists', undefined, 'a second report for the week');
  }, 'second report');
  const again = expectStatus(await get(fx.author.as, `/api/reports/mine?kind=week&period=${fx.past.period}`), 200);
  assert.equal(again.report.id, r.id);
});

test('autosave takes the version read; a stale version is 409 with the current one, and changes nothing', async () => {
  const first = fullContent(r.template, '（自动保存一）');
  const saved = expectStatus(await patch(fx.author.as, path(r), { content: first, version: r.version }), 200,
    'autosave');
  assert.equal(saved.version, r.version + 1);
  assert.equal(saved.status, 'draft');
  for (const [k, v] of Object.entries(first)) assert.equal(saved.content[k], v);

  // A second tab still holding the old version.
  const audit = await auditTotal();
  const stale = expectError(await patch(fx.author.as, path(r), {
    content: fullContent(r.template, '（旧标签页）'), version: r.version,
  }), 409, 'version_conflict', undefined, 'stale autosave');
  assert.equal(stale.current_version, saved.version);
  assert.equal(await auditTotal(), audit, 'no audit entry for the refused save');
  const now = await readReport(fx.author.as, r.id);
  assert.equal(now.version, saved.version);
  assert.deepEqual(now.content, saved.content, 'the first tab\'s text is kept');
  r = now;
});

test('a draft is its author\'s alone: nobody else sees or writes it', async () => {
  for (const as of ['manager', 'director', 'analyst', 'admin', 'rep']) {
    expectError(await get(as, path(r)), 404, 'not_found', null, `${as} reads a draft`);
  }
  const body = { content: fullContent(r.template, '（别人改）'), version: r.version };
  await unchanged(r.id, async () => {
    expectError(await patch('manager', path(r), body), 404, 'not_found', null, 'manager edits a draft');
    expectError(await patch('rep', path(r), body), 404, 'not_found', null, 'teammate edits a draft');
    expectError(await post('manager', path(r, '/submit'), { version: r.version }), 404, 'not_found', null,
      'manager submits a draft');
  }, 'writes to a draft');
  const manager = expectStatus(await get('manager', `/api/reports?user=${fx.author.user.id}&period=${fx.past.period}`),
    200).items;
  assert.ok(!manager.some((x) => x.id === r.id), 'the manager\'s list has no draft');
  assert.deepEqual((await readReport(fx.author.as, r.id)).content, r.content);
});

test('submitting needs every required text section (400 naming it); late is submitted_at > deadline', async () => {
  const required = requiredTextKeys(r.template);
  assert.ok(required.length >= 1, 'the template has a required text section');
  const key = required[0];
  const problems = [];
  for (const blank of ['', '  \n ']) {
    const content = { ...fullContent(r.template, '（缺一项）'), [key]: blank };
    r = expectStatus(await patch(fx.author.as, path(r), { content, version: r.version }), 200, 'save with a blank');
    const audit = await auditTotal();
    unprocessable(problems, await post(fx.author.as, path(r, '/submit'), { version: r.version }), `content.${key}`,
      `submit with ${key} ${JSON.stringify(blank)}`);
    assert.equal(await auditTotal(), audit);
    const still = await readReport(fx.author.as, r.id);
    assert.deepEqual([still.status, still.version, still.submitted_at], ['draft', r.version, null]);
  }
  const content = fullContent(r.template, '（第一次提交）');
  r = expectStatus(await patch(fx.author.as, path(r), { content, version: r.version }), 200);
  // A stale submit is refused like a stale save.
  expectError(await post(fx.author.as, path(r, '/submit'), { version: r.version - 1 }), 409, 'version_conflict');

  const before = Date.now();
  const s = await submit(fx.author.as, r);
  assert.equal(s.status, 'submitted');
  assert.equal(s.submissions, 1);
  assert.ok(s.version > r.version);
  const at = Date.parse(s.submitted_at);
  assert.ok(Number.isFinite(at) && at >= before - 5 * 60000 && at <= Date.now() + 5 * 60000, s.submitted_at);
  assert.equal(s.late, at > Date.parse(s.deadline), 'late is submitted_at after the deadline');
  assert.equal(s.late, true, 'a week long past is late');
  assert.equal(s.data_frozen, true);
  assert.equal(s.data_changed, false);
  for (const [k, v] of Object.entries(content)) assert.equal(s.content[k], v);
  assert.equal(s.can.edit, false, 'a submitted report is not edited');
  assert.equal(s.can.review, false, 'nobody reviews their own');

  // The author may no longer change it; the manager now sees it and may review it.
  const audit = await auditTotal();
  const refused = await patch(fx.author.as, path(s), { content: fullContent(r.template, '（提交后改）'), version: s.version });
  assert.ok(refused.status >= 400 && refused.status < 500 && refused.status !== 404, `edit after submit: ${refused.text}`);
  assertErrorShape(refused);
  assert.equal(await auditTotal(), audit);
  const seen = await readReport('manager', s.id);
  assert.equal(seen.status, 'submitted');
  assert.equal(seen.can.review, true);
  assert.equal(seen.can.edit, false);
  r = await readReport(fx.author.as, s.id);
  assert.deepEqual(r.content, s.content);
  assert.deepEqual(problems, [], 'a missing required section is 400 naming content.<key>');
});

test('the manager returns it with a reason; the rep edits and resubmits; every version is kept', async () => {
  const first = r;
  const problems = [];
  const reasonCodes = { codes: ['invalid', 'invalid_field', 'missing_field'] };
  await unchanged(r.id, async () => {
    unprocessable(problems, await post('manager', path(r, '/return'), { version: r.version }), 'reason',
      'return without a reason', reasonCodes);
    unprocessable(problems, await post('manager', path(r, '/return'), { reason: '', version: r.version }), 'reason',
      'return with an empty reason', reasonCodes);
    expectError(await post(fx.author.as, path(r, '/return'), { reason: '我自己退回', version: r.version }), 403,
      'forbidden', null, 'the author returns their own');
    expectError(await post('analyst', path(r, '/return'), { reason: '分析师退回', version: r.version }), 403,
      'forbidden', null, 'the analyst returns');
    expectError(await post('rep', path(r, '/return'), { reason: '同事退回', version: r.version }), 404, 'not_found',
      null, 'a teammate returns');
  }, 'refused returns');
  // A reason of blanks is no reason (tried on a report of its own: the server might take it).
  const other = await submitted(fx.author.as, weekAfter(fx.today, -11).period);
  unprocessable(problems, await post('manager', path(other, '/return'), { reason: ' \n ', version: other.version }),
    'reason', 'return with a reason of blanks', reasonCodes);
  const reason = '请补充重点客户的进展和下周的拜访计划';
  const returned = expectStatus(await post('manager', path(r, '/return'), { reason, version: r.version }), 200);
  assert.equal(returned.status, 'returned');
  assert.equal(returned.return_reason, reason);
  const mine = await readReport(fx.author.as, r.id);
  assert.equal(mine.status, 'returned');
  assert.equal(mine.return_reason, reason);
  assert.equal(mine.can.edit, true);
  assert.equal(mine.can.submit, true);

  const edited = fullContent(r.template, '（退回后修改）');
  const saved = expectStatus(await patch(fx.author.as, path(r), { content: edited, version: mine.version }), 200);
  const again = await submit(fx.author.as, saved);
  assert.equal(again.status, 'submitted');
  assert.equal(again.submissions, 2);
  assert.equal(again.late, first.late, 'lateness is the first hand-in\'s');
  for (const [k, v] of Object.entries(edited)) assert.equal(again.content[k], v);

  for (const as of [fx.author.as, 'manager']) {
    const v = expectStatus(await get(as, path(r, '/versions')), 200).items;
    assert.equal(v.length, 2, 'both submitted versions are kept');
    assert.deepEqual(v.map((x) => x.seq), [1, 2], 'oldest first');
    assert.ok(Date.parse(v[0].submitted_at) <= Date.parse(v[1].submitted_at));
    for (const [k, val] of Object.entries(first.content)) assert.equal(v[0].content[k], val, `version 1 ${k}`);
    for (const [k, val] of Object.entries(edited)) assert.equal(v[1].content[k], val, `version 2 ${k}`);
    assert.equal(v[0].late, true);
    for (const x of v) {
      assert.deepEqual(x.next_goals, []);
      assert.deepEqual([x.data.period, x.data.from, x.data.to], [fx.past.period, fx.past.from, fx.past.to]);
    }
  }
  r = again;
  assert.deepEqual(problems, [], 'a return without a reason is 400 naming reason');
});

test('the manager reviews with a rating of 1 to 5; the author and the analyst may not', async () => {
  const problems = [];
  await unchanged(r.id, async () => {
    for (const rating of [6, 0, -1]) {
      unprocessable(problems, await post('manager', path(r, '/review'), { rating, comment: '评分', version: r.version }),
        'rating', `rating ${rating}`);
    }
    expectError(await post(fx.author.as, path(r, '/review'), { rating: 5, comment: '我很好', version: r.version }), 403,
      'forbidden', null, 'a rep reviews their own');
    expectError(await post('analyst', path(r, '/review'), { rating: 3, comment: '一般', version: r.version }), 403,
      'forbidden', null, 'the analyst reviews');
    expectError(await post('rep', path(r, '/review'), { rating: 3, comment: '一般', version: r.version }), 404,
      'not_found', null, 'a teammate reviews');
    expectError(await post('manager', path(r, '/review'), { rating: 4, comment: '旧版本', version: r.version - 1 }),
      409, 'version_conflict', undefined, 'a stale review');
  }, 'refused reviews');
  const comment = '重点客户推进得不错，注意回款节奏';
  const reviewed = expectStatus(await post('manager', path(r, '/review'), { rating: 4, comment, version: r.version }),
    200);
  assert.equal(reviewed.status, 'reviewed');
  assert.equal(reviewed.rating, 4);
  assert.equal(reviewed.review_comment, comment);
  assert.equal(reviewed.reviewed_by, fx.managerId);
  assert.equal(reviewed.reviewed_by_name, fx.manager.display_name);
  assert.ok(Number.isFinite(Date.parse(reviewed.reviewed_at)));
  const seen = await readReport(fx.author.as, r.id);
  assert.deepEqual([seen.status, seen.rating, seen.review_comment, seen.submissions, seen.late],
    ['reviewed', 4, comment, 2, true]);
  const listed = expectStatus(await get('manager', `/api/reports?user=${fx.author.user.id}&period=${fx.past.period}`),
    200).items.find((x) => x.id === r.id);
  assert.ok(listed, 'the manager\'s list shows it');
  assert.deepEqual([listed.user_id, listed.kind, listed.period, listed.status, listed.rating, listed.late],
    [fx.author.user.id, 'week', fx.past.period, 'reviewed', 4, true]);
  r = seen;
  assert.deepEqual(problems, [], 'a rating outside 1..5 is 400 naming rating');
});

test('a teammate sees nothing of it; the analyst reads it and writes nothing', async () => {
  for (const p of [path(r), path(r, '/versions')]) {
    expectError(await get('rep', p), 404, 'not_found', null, `teammate ${p}`);
  }
  const list = await get('rep', `/api/reports?user=${fx.author.user.id}&period=${fx.past.period}`);
  if (list.status === 200) assert.ok(!list.body.items.some((x) => x.id === r.id), 'not in the teammate\'s list');
  else expectError(list, list.status, list.body?.error?.code, undefined, 'a teammate lists another rep\'s reports');
  assert.ok([200, 400, 403, 404].includes(list.status), `teammate list: ${list.status}`);
  expectError(await post('rep', path(r, '/comments'), { body: '我看看' }), 404, 'not_found');

  const read = await readReport('analyst', r.id);
  assert.equal(read.id, r.id);
  expectStatus(await get('analyst', path(r, '/versions')), 200);
  assert.ok(expectStatus(await get('analyst', `/api/reports?user=${fx.author.user.id}&period=${fx.past.period}`), 200).items
    .some((x) => x.id === r.id));
  for (const k of ['edit', 'submit', 'review', 'accept_goals', 'comment']) assert.equal(read.can[k], false, k);
  await unchanged(r.id, async () => {
    const v = r.version;
    expectError(await patch('analyst', path(r), { content: { summary: 'x' }, version: v }), 403, 'forbidden');
    expectError(await post('analyst', path(r, '/submit'), { version: v }), 403, 'forbidden');
    expectError(await post('analyst', path(r, '/accept-goals'), { version: v }), 403, 'forbidden');
    expectError(await post('analyst', path(r, '/comments'), { body: '分析师评论' }), 403, 'forbidden');
    expectError(await post('analyst', '/api/reports', { kind: 'week', period: fx.next.period }), 403, 'forbidden');
  }, 'analyst writes');
});

test('read receipts: the manager opening a submitted report is recorded; the author is not', async () => {
  const mine = await readReport(fx.author.as, r.id);
  assert.ok(!mine.read_by.some((x) => x.user_id === fx.author.user.id), 'the author\'s own reads are not receipts');
  await readReport('manager', r.id);
  const after = await readReport(fx.author.as, r.id);
  const receipt = after.read_by.find((x) => x.user_id === fx.managerId);
  assert.ok(receipt, 'the manager\'s receipt');
  assert.equal(receipt.user_name, fx.manager.display_name);
  assert.ok(Number.isFinite(Date.parse(receipt.at)) && Date.parse(receipt.at) <= Date.now() + 60000);
  // The analyst opened it too (the rules: anyone but the author).
  assert.ok(after.read_by.some((x) => x.user_id === fx.analystId), 'the analyst\'s receipt');
  assert.equal(new Set(after.read_by.map((x) => x.user_id)).size, after.read_by.length, 'one receipt a reader');
});

test('comments with @mentions: the mentioned person and the author are reminded', async () => {
  const reminders = async (as) => expectStatus(await get(as, '/api/todos'), 200).reminders;
  const authorBefore = (await reminders(fx.author.as)).length;
  const body = '@销售 本周拜访量不错，下周重点跟进报价';
  const c = expectStatus(await post('manager', path(r, '/comments'), { body, mentions: [fx.author.user.id] }), 201);
  assert.equal(c.user_id, fx.managerId);
  assert.equal(c.user_name, fx.manager.display_name);
  assert.equal(c.body, body);
  assert.deepEqual(c.mentions, [fx.author.user.id]);
  assert.ok(Number.isInteger(c.id) && Number.isFinite(Date.parse(c.created_at)));
  const reply = expectStatus(await post(fx.author.as, path(r, '/comments'), {
    body: '@经理 收到，会补充报价进展', mentions: [fx.managerId],
  }), 201);
  assert.deepEqual(reply.mentions, [fx.managerId]);
  const plain = expectStatus(await post('director', path(r, '/comments'), { body: '继续保持' }), 201);
  assert.deepEqual(plain.mentions, []);

  const seen = await readReport(fx.author.as, r.id);
  assert.deepEqual(seen.comments.map((x) => x.id), [c.id, reply.id, plain.id], 'in the order written');
  const pick = (x) => [x.id, x.user_id, x.user_name, x.body, x.mentions, x.created_at];
  assert.deepEqual(pick(seen.comments[0]), pick(c));
  const got = await reminders(fx.author.as);
  assert.ok(got.length > authorBefore, 'the author got an in-app reminder');
  assert.ok(got.some((x) => x.kind === 'report'), `a reminder of kind report: ${JSON.stringify(got[0])}`);

  await unchanged(r.id, async () => {
    const e = await post('manager', path(r, '/comments'), { body: '' });
    assert.ok([400, 422].includes(e.status), `an empty comment: ${e.status} ${e.text}`);
    assert.equal(e.body.error.field, 'body');
  }, 'empty comment');
});

test('a report of a coming week is on time', async () => {
  const draft = await createDraft(fx.author.as, fx.next.period);
  assert.ok(Date.parse(draft.deadline) > Date.now());
  const s = await submit(fx.author.as, draft);
  assert.equal(s.status, 'submitted');
  assert.equal(s.late, false);
  assert.ok(Date.parse(s.submitted_at) <= Date.parse(s.deadline));
  assert.equal(s.late, Date.parse(s.submitted_at) > Date.parse(s.deadline));
  const listed = expectStatus(await get('manager', `/api/reports?user=${fx.author.user.id}&kind=week&status=submitted&period=${fx.next.period}`),
    200).items;
  assert.ok(listed.some((x) => x.id === s.id && x.late === false && x.period === fx.next.period));
  assert.ok(listed.every((x) => x.status === 'submitted' && x.user_id === fx.author.user.id));
});
