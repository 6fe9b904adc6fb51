// 复盘 (docs/reviews.md): the demo manager reviews 上海一部's month of a deal the demo rep won, with
// the rep taking part. The fact pack's figures are compared with what /api/metrics and
// /api/analysis answer for the same scope and period (computed by those APIs here, not copied);
// the pack freezes when the meeting starts and a later fact shows as a live difference; cards
// conflict on a stale version; cases must be closed deals of the scope and period; action items
// reach the owner's weekly report and the next review of the scope (PDCA); a closed review
// changes no more; the library finds cases by Chinese words and filters.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { before, test } from 'node:test';
import { promisify } from 'node:util';

import {
  BIN, DB, TEST_PASSWORD, addDays, assertNothingWritten, createUser, discover, expectError, expectStatus, freshSession,
  get, patch, post, request, unique,
} from '../lib.mjs';
import { closedDeal, newReview, shanghaiMonth } from './review_fixtures.mjs';

const TREND = ['orders_amount', 'payments_amount', 'new_buyers', 'activities'];
const close = (a, b, what) => {
  if (a === null || b === null) return assert.equal(a, b, what);
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
};
const metric = async (m, scope, period) => expectStatus(await get('manager',
  `/api/metrics?metric=${encodeURIComponent(m)}&scope=${scope}&period=${period}`), 200, `${m} ${scope} ${period}`);
// One notification round now (`fupan remind`), as the server runs them.
const remind = async () => {
  const { stdout } = await promisify(execFile)(BIN, ['remind', '--db', DB], { encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').pop());
};
const nextMonth = (month) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

let fx;
before(async () => {
  const d = await discover();
  const today = expectStatus(await get('manager', '/api/auth/me'), 200).today;
  // A month before this one: its items can be due before today and after its start.
  const { deal, month, repId } = await closedDeal('won', 0, today.slice(0, 7));
  const sh1 = d.team('上海一部');
  fx = { d, deal, month, repId, sh1, scope: `team:${sh1.id}`, today };
  // A target of the team for the month, so the pack has one to compare.
  const t = await request('POST', '/api/targets', { as: 'director', body: {
    metric: 'visits', scope: fx.scope, period: month, value: 120,
  } });
  assert.ok(t.status === 201 || t.status === 409, `a team target for ${month}: ${t.status}`);
  fx.review = await newReview(month);
});

test('the fact pack holds the metrics\' figures for the scope and period', async () => {
  const r = expectStatus(await get('manager', `/api/reviews/${fx.review.id}`), 200);
  assert.equal(r.status, 'preparing');
  assert.equal(r.frozen, false);
  assert.deepEqual([r.scope, r.period, r.owner_id], [fx.scope, fx.month, fx.review.owner_id]);
  assert.deepEqual(r.participants.map((p) => p.id), [fx.repId]);
  const f = r.facts;
  assert.deepEqual([f.scope, f.period], [fx.scope, fx.month]);
  // A participant who may not see the team's numbers reads the same pack as its manager.
  const asRep = expectStatus(await get('rep', `/api/reviews/${fx.review.id}`), 200);
  assert.deepEqual([asRep.facts.trend, asRep.facts.targets, asRep.facts.funnel],
    [f.trend, f.targets, f.funnel]);

  // Trend: each figure with its 环比 and 同比, as /api/metrics answers it.
  assert.deepEqual(f.trend.map((t) => t.metric), TREND);
  for (const t of f.trend) {
    const m = await metric(t.metric, fx.scope, fx.month);
    for (const k of ['value', 'previous', 'yoy']) close(t[k], m[k], `trend ${t.metric} ${k}`);
    assert.equal(t.previous_period, m.previous_period);
  }
  // Targets: every metric with a target of the scope, its target and actual for the period.
  const visits = f.targets.find((t) => t.metric === 'visits');
  assert.ok(visits, 'the team\'s visits target is in the pack');
  for (const t of f.targets) {
    close(t.target, (await metric(`target:${t.metric}`, fx.scope, fx.month)).value, `target:${t.metric}`);
    close(t.actual, (await metric(t.metric, fx.scope, fx.month)).value, `actual ${t.metric}`);
    if (t.target) close(t.attainment, t.actual / t.target, `attainment ${t.metric}`);
    close(t.gap, t.target - t.actual, `gap ${t.metric}`);
  }
  // Customers and the win rate.
  for (const k of ['new_buyers', 'cac', 'clv', 'satisfaction']) {
    close(f.customers[k], (await metric(k, fx.scope, fx.month)).value, `customers ${k}`);
  }
  close(f.wins_losses.win_rate, (await metric('win_rate', fx.scope, fx.month)).value, 'win rate');
  // The funnel and its bottleneck, as /api/analysis/funnel.
  const funnel = expectStatus(await get('manager', `/api/analysis/funnel?scope=${fx.scope}&period=${fx.month}`), 200);
  assert.deepEqual(f.funnel.stages.map((s) => [s.stage_id, s.reached]), funnel.stages.map((s) => [s.stage_id, s.reached]));
  assert.equal(f.funnel.bottleneck_stage_id, funnel.bottleneck_stage_id);
  // The quadrant of the team's members and sub-teams.
  const quadrant = expectStatus(await get('manager',
    `/api/analysis/quadrant?scope=${fx.scope}&period=${fx.month}&by=child`), 200);
  assert.deepEqual(f.quadrant.points.map((p) => [p.key, p.sales, p.quadrant]),
    quadrant.points.map((p) => [p.key, p.sales, p.quadrant]));
  // Activity per rep, as the breakdown by user.
  const rows = expectStatus(await get('manager',
    `/api/metrics/breakdown?metric=activities&scope=${fx.scope}&period=${fx.month}&by=user`), 200).rows;
  for (const row of rows) {
    const e = f.efficiency.find((x) => `user:${x.user_id}` === row.key);
    assert.ok(e, `${row.label} in the efficiency table`);
    close(e.activities, row.value, `${row.label} activities`);
    if (e.won > 0) close(e.activities_per_won, e.activities / e.won, `${row.label} activities per won deal`);
  }
  // Wins: the rep's deal among the largest won, largest first; lost reasons add up to the lost.
  const won = f.wins_losses.largest_won;
  assert.ok(won.some((x) => x.id === fx.deal.id), 'the rep\'s won deal is listed');
  for (let i = 1; i < won.length; i += 1) assert.ok(won[i - 1].amount >= won[i].amount, 'largest first');
  assert.equal(f.wins_losses.lost_reasons.reduce((s, x) => s + x.amount, 0), f.wins_losses.lost_amount);
  assert.equal(f.wins_losses.lost_reasons.reduce((s, x) => s + x.count, 0), f.wins_losses.lost_count);
  for (const x of won) assert.ok(x.cycle_days >= 0 && x.closed_on.startsWith(fx.month));
  // Last time's review of the team (the demo's last quarter, or another test's), never this one.
  assert.ok(f.pdca.review === null || f.pdca.review.id !== fx.review.id, JSON.stringify(f.pdca.review));
});

test('the meeting freezes the pack; a later order shows as a live difference', async () => {
  const r0 = expectStatus(await get('manager', `/api/reviews/${fx.review.id}`), 200);
  // A stale version is refused and changes nothing.
  await assertNothingWritten([`/api/reviews/${fx.review.id}`], async () => {
    expectError(await post('manager', `/api/reviews/${fx.review.id}/start`, { version: r0.version + 1 }), 409,
      'version_conflict');
    expectError(await post('rep', `/api/reviews/${fx.review.id}/start`, { version: r0.version }), 403, 'forbidden');
  }, 'a refused start');
  const started = expectStatus(await post('manager', `/api/reviews/${fx.review.id}/start`, { version: r0.version }), 200);
  assert.equal(started.status, 'meeting');
  assert.equal(started.frozen, true);
  assert.equal(started.facts_changed, false);
  expectError(await post('manager', `/api/reviews/${fx.review.id}/start`, { version: started.version }), 403, 'forbidden');

  const before = started.facts.trend.find((t) => t.metric === 'orders_amount').value;
  const customer = expectStatus(await post('rep', '/api/customers', { name: unique('复盘客户') }), 201);
  expectStatus(await post('rep', '/api/orders', {
    customer_id: customer.id, ordered_at: `${fx.month}-15T10:00:00+08:00`, total: 1234500,
  }), 201);
  const later = expectStatus(await get('manager', `/api/reviews/${fx.review.id}`), 200);
  assert.equal(later.facts.trend.find((t) => t.metric === 'orders_amount').value, before, 'the frozen pack stays');
  assert.equal(later.facts_changed, true);
  assert.equal(later.live_facts.trend.find((t) => t.metric === 'orders_amount').value, before + 1234500);
  close(later.live_facts.trend.find((t) => t.metric === 'orders_amount').value,
    (await metric('orders_amount', fx.scope, fx.month)).value, 'the live pack is the metrics\'');
});

test('cards: participants write under a section; a stale edit is 409; only the author changes one', async () => {
  const id = fx.review.id;
  const card = expectStatus(await post('rep', `/api/reviews/${id}/cards`, {
    section: 'funnel', tone: 'went_wrong', text: '方案阶段转化低', why: '报价流程慢',
  }), 201);
  assert.deepEqual([card.author_id, card.section, card.tone], [fx.repId, 'funnel', 'went_wrong']);
  await assertNothingWritten([`/api/reviews/${id}`], async () => {
    expectError(await post('director', `/api/reviews/${id}/cards`, { tone: 'went_well', text: 'x' }), 403, 'forbidden');
    expectError(await post('rep', `/api/reviews/${id}/cards`, { tone: 'meh', text: 'x' }), 400, 'invalid_field', 'tone');
    expectError(await post('rep', `/api/reviews/${id}/cards`, { tone: 'lesson', text: 'x', section: 'weather' }), 400,
      'invalid_field', 'section');
    expectError(await post('rep', `/api/reviews/${id}/cards`, { tone: 'lesson', text: '   ' }), 400, 'missing_field',
      'text');
    expectError(await patch('manager', `/api/reviews/cards/${card.id}`, { text: '改', version: card.version }), 403,
      'forbidden');
  }, 'refused cards');
  // Two tabs: the second save of the same version is a conflict, not a lost edit.
  const first = expectStatus(await patch('rep', `/api/reviews/cards/${card.id}`,
    { text: '方案阶段转化率 30%', version: card.version }), 200);
  const second = expectError(await patch('rep', `/api/reviews/cards/${card.id}`,
    { text: '另一个窗口', version: card.version }), 409, 'version_conflict');
  assert.equal(second.current_version ?? first.version, first.version);
  const r = expectStatus(await get('manager', `/api/reviews/${id}`), 200);
  assert.equal(r.cards.find((c) => c.id === card.id).text, '方案阶段转化率 30%');
  expectStatus(await post('manager', `/api/reviews/${id}/cards`, { tone: 'lesson', text: '报价要快', section: 'general' }),
    201);
});

test('cases: a closed deal of the scope and period with a root cause, once', async () => {
  const id = fx.review.id;
  const causes = expectStatus(await get('rep', '/api/reviews/root-causes'), 200).items;
  assert.deepEqual(causes.filter((c) => c.builtin).map((c) => c.key).sort(),
    ['competitor', 'execution', 'price', 'product_fit', 'relationship', 'timing']);
  const customer = expectStatus(await post('rep', '/api/customers', { name: unique('复盘商机客户') }), 201);
  const open = expectStatus(await post('rep', '/api/opportunities', {
    name: unique('未关闭商机'), customer_id: customer.id, amount: 100000, expected_close: `${fx.month}-28`,
  }), 201);
  // A won deal of another month.
  const rep = fx.repId;
  const wonList = expectStatus(await get('admin',
    `/api/opportunities?owner_id=${rep}&status=won&sort=-closed_at&page_size=200`), 200).items;
  const elsewhere = wonList.find((o) => o.closed_at && shanghaiMonth(o.closed_at) !== fx.month);
  await assertNothingWritten([`/api/reviews/${id}`], async () => {
    expectError(await post('manager', `/api/reviews/${id}/cases`, { opportunity_id: open.id, root_cause: 'price' }), 400,
      'invalid_field', 'opportunity_id');
    if (elsewhere) {
      expectError(await post('manager', `/api/reviews/${id}/cases`, { opportunity_id: elsewhere.id, root_cause: 'price' }),
        400, 'invalid_field', 'opportunity_id');
    }
    expectError(await post('manager', `/api/reviews/${id}/cases`, { opportunity_id: fx.deal.id, root_cause: 'luck' }),
      400, 'invalid_field', 'root_cause');
    expectError(await post('manager', `/api/reviews/${id}/cases`, { opportunity_id: 99999999, root_cause: 'price' }),
      400, 'invalid_field', 'opportunity_id');
  }, 'refused cases');
  const c = expectStatus(await post('manager', `/api/reviews/${id}/cases`, {
    opportunity_id: fx.deal.id, root_cause: 'relationship', note: '提前锁定决策人，技术交流三轮', tags: ['大客户', '招投标'],
  }), 201);
  assert.deepEqual([c.outcome, c.amount, c.opportunity_name], ['won', fx.deal.amount, fx.deal.name]);
  assert.ok(c.cycle_days >= 0);
  expectError(await post('manager', `/api/reviews/${id}/cases`, { opportunity_id: fx.deal.id, root_cause: 'price' }),
    409, 'already_exists', 'opportunity_id');
  fx.case = c;
});

test('the library finds cases by Chinese words and filters, within what each reader sees', async () => {
  const find = async (as, q) => expectStatus(await get(as, `/api/reviews/cases?${q}`), 200).items.map((x) => x.id);
  assert.ok((await find('manager', `q=${encodeURIComponent('决策人')}`)).includes(fx.case.id));
  assert.ok((await find('manager', `q=${encodeURIComponent('客户关系 招投标')}`)).includes(fx.case.id),
    'the root cause\'s name and a tag');
  assert.ok(!(await find('manager', `q=${encodeURIComponent('决策人 制造业不存在的词')}`)).includes(fx.case.id));
  assert.ok((await find('analyst', 'outcome=won&root_cause=relationship')).includes(fx.case.id));
  assert.ok(!(await find('analyst', 'outcome=lost')).includes(fx.case.id));
  assert.ok((await find('rep', `tag=${encodeURIComponent('大客户')}`)).includes(fx.case.id), 'the rep\'s own deal');
  assert.ok((await find('director', 'q=')).includes(fx.case.id), 'the 华东 director sees the region\'s cases');
  expectError(await get('manager', '/api/reviews/cases?outcome=draw'), 400, 'invalid_query', 'outcome');
});

test('root causes: the admin\'s changes are version-checked, a stale one is 409 and changes nothing', async () => {
  const own = expectStatus(await post('admin', '/api/reviews/root-causes', { name: unique('交付') }), 201);
  assert.equal(own.version, 1);
  const renamed = expectStatus(await patch('admin', `/api/reviews/root-causes/${own.key}`,
    { name: unique('交付能力'), version: own.version }), 200);
  assert.equal(renamed.version, own.version + 1);
  await assertNothingWritten(['/api/reviews/root-causes'], async () => {
    expectError(await patch('admin', `/api/reviews/root-causes/${own.key}`, { active: false, version: own.version }), 409,
      'version_conflict');
    expectError(await patch('admin', `/api/reviews/root-causes/${own.key}`, { active: false }), 400, 'missing_field',
      'version');
  }, 'stale cause changes');
});

test('the library finds lessons by Chinese words and section, within the reviews each reader sees', async () => {
  const id = fx.review.id;
  const lesson = expectStatus(await post('rep', `/api/reviews/${id}/cards`, {
    tone: 'lesson', section: 'funnel', text: unique('方案阶段先确认预算'), why: '两单在报价后因预算不足丢失',
  }), 201);
  const find = async (as, q) => expectStatus(await get(as, `/api/reviews/lessons?${q}`), 200).items;
  const hit = (await find('manager', `q=${encodeURIComponent('预算 丢失')}`)).find((l) => l.card.id === lesson.id);
  assert.ok(hit, 'the point and its why');
  assert.deepEqual([hit.review_title, hit.period, hit.card.section], [fx.review.title, fx.month, 'funnel']);
  assert.ok((await find('manager', `q=${encodeURIComponent('预算\u3000丢失')}`)).some((l) => l.card.id === lesson.id),
    'a full-width space separates words');
  assert.ok((await find('analyst', `q=${encodeURIComponent(fx.review.title)}`)).some((l) => l.card.id === lesson.id),
    'the review\'s title');
  assert.ok((await find('rep', 'section=funnel')).some((l) => l.card.id === lesson.id), 'a participant');
  assert.ok(!(await find('manager', 'section=targets')).some((l) => l.card.id === lesson.id));
  assert.ok((await find('manager', '')).every((l) => l.card.tone === 'lesson'), 'lessons only');
  // A rep of no team sees no review, so no lesson.
  const outsider = await createUser();
  const s = await freshSession(outsider.username, TEST_PASSWORD);
  assert.deepEqual(expectStatus(await get({ token: s.token }, '/api/reviews/lessons'), 200).items, []);
  expectError(await get('manager', '/api/reviews/lessons?section=weather'), 400, 'invalid_query', 'section');
});

test('action items: an owner, a due date, a metric; they reach the weekly report; PDCA in the next review',
  async () => {
    const id = fx.review.id;
    await assertNothingWritten([`/api/reviews/${id}`], async () => {
      expectError(await post('manager', `/api/reviews/${id}/action-items`, { title: '无负责人', due_date: fx.today }), 400,
        'missing_field', 'owner_id');
      expectError(await post('manager', `/api/reviews/${id}/action-items`, { owner_id: fx.repId, title: '无截止' }), 400,
        'missing_field', 'due_date');
      expectError(await post('manager', `/api/reviews/${id}/action-items`,
        { owner_id: fx.repId, title: '太早', due_date: addDays(`${fx.month}-01`, -1) }), 400, 'invalid_field', 'due_date');
      expectError(await post('manager', `/api/reviews/${id}/action-items`,
        { owner_id: fx.repId, title: '指标', due_date: fx.today, metric: 'happiness' }), 400, 'invalid_field', 'metric');
    }, 'refused items');
    // Due yesterday (overdue now), and one due a month on.
    const overdue = expectStatus(await post('manager', `/api/reviews/${id}/action-items`, {
      owner_id: fx.repId, title: '每周拜访三家重点客户', due_date: addDays(fx.today, -1), metric: 'visits',
    }), 201);
    assert.equal(overdue.overdue, true);
    const later = expectStatus(await post('rep', `/api/reviews/${id}/action-items`, {
      owner_id: fx.repId, title: '整理报价模板', due_date: addDays(fx.today, 30), metric: 'win_rate',
    }), 201);
    assert.equal(later.overdue, false);
    // The rep's list and this week's report's data block hold them.
    const mine = expectStatus(await get('rep', '/api/reviews/action-items'), 200).items.map((a) => a.id);
    assert.ok(mine.includes(overdue.id) && mine.includes(later.id));
    const block = expectStatus(await get('rep', '/api/reports/mine?kind=week'), 200).data;
    const item = block.action_items.find((a) => a.id === overdue.id);
    assert.ok(item, 'the open item is in the weekly report');
    assert.deepEqual([item.overdue, item.review_title, item.metric], [true, fx.review.title, 'visits']);

    // The to-do list holds it; a round reminds its owner of the overdue one, once.
    const todos = expectStatus(await get('rep', '/api/todos'), 200);
    assert.ok(todos.action_items.some((a) => a.id === overdue.id && a.overdue), 'in the rep\'s to-do list');
    if (DB) {
      const reminded = async () => expectStatus(await get('rep', '/api/todos'), 200).reminders
        .filter((r) => r.kind === 'action_item' && r.record_id === overdue.id);
      await remind();
      const [first, ...more] = await reminded();
      assert.ok(first, 'the overdue item is reminded');
      assert.deepEqual(more, []);
      assert.equal(first.record_name, overdue.title);
      assert.equal(first.from_user_id, fx.review.owner_id, 'from the review\'s owner');
      await remind();
      assert.equal((await reminded()).length, 1, 'and only once');
      assert.ok(!(await reminded()).some((r) => r.record_id === later.id), 'not the one not yet due');
    }

    // Only the owner marks an item done; then it leaves the report.
    await assertNothingWritten([`/api/reviews/${id}`], async () => {
      expectError(await post('manager', `/api/reviews/action-items/${overdue.id}/done`,
        { version: overdue.version }), 403, 'forbidden');
    }, 'done by another');
    const done = expectStatus(await post('rep', `/api/reviews/action-items/${overdue.id}/done`,
      { note: '已拜访 12 家', version: overdue.version }), 200);
    assert.deepEqual([done.status, done.done_note, done.overdue], ['done', '已拜访 12 家', false]);
    expectError(await post('rep', `/api/reviews/action-items/${overdue.id}/done`, { version: done.version }), 403,
      'forbidden');
    const after = expectStatus(await get('rep', '/api/reports/mine?kind=week'), 200).data;
    assert.ok(!after.action_items.some((a) => a.id === overdue.id), 'a done item leaves the report');

    // The next review of the team opens with these items and whether each metric moved.
    const next = await newReview(nextMonth(fx.month));
    const pdca = next.facts.pdca;
    assert.equal(pdca.review.id, id);
    assert.deepEqual([pdca.done, pdca.open + pdca.overdue], [1, 1]);
    const visits = pdca.items.find((a) => a.id === overdue.id);
    assert.equal(visits.status, 'done');
    close(visits.before, (await metric('visits', fx.scope, fx.month)).value, 'visits in the reviewed month');
    close(visits.after, (await metric('visits', fx.scope, nextMonth(fx.month))).value, 'visits in the next month');
    const moved = visits.after === null || visits.before === null ? 'unknown'
      : visits.after > visits.before ? 'up' : visits.after < visits.before ? 'down' : 'flat';
    assert.equal(visits.movement, moved);
  });

test('an action item\'s target change goes through the goals capability, with the item or not at all', async () => {
  const id = fx.review.id;
  const [target] = expectStatus(await get('manager',
    `/api/targets?metric=visits&scope=${fx.scope}&period=${fx.month}`), 200).items;
  assert.ok(target, 'the team\'s visits target');
  const item = (extra) => ({ owner_id: fx.repId, title: '拜访目标上调', due_date: fx.today, metric: 'visits',
    target_id: target.id, target_value: target.value + 12, ...extra });
  await assertNothingWritten([`/api/reviews/${id}`, `/api/targets/${target.id}`], async () => {
    expectError(await post('manager', `/api/reviews/${id}/action-items`, item({ target_version: target.version + 7 })),
      409, 'version_conflict');
    expectError(await post('manager', `/api/reviews/${id}/action-items`, item({ target_value: -1 })), 400,
      'invalid_field', 'target_value');
    expectError(await post('manager', `/api/reviews/${id}/action-items`, item({ target_value: undefined })), 400,
      'missing_field', 'target_value');
    // A rep takes part, but may not see the team's target: it is none to them, and no item is saved.
    expectError(await post('rep', `/api/reviews/${id}/action-items`, item({ title: '自己改目标' })), 400,
      'invalid_field', 'target_id');
  }, 'refused target changes');
  const saved = expectStatus(await post('manager', `/api/reviews/${id}/action-items`,
    item({ target_version: target.version })), 201);
  assert.deepEqual([saved.target_id, saved.target_value], [target.id, target.value + 12]);
  const t = expectStatus(await get('manager', `/api/targets/${target.id}`), 200);
  assert.deepEqual([t.value, t.version], [target.value + 12, target.version + 1]);
  const adj = t.adjustments.at(-1);
  assert.deepEqual([adj.old_value, adj.new_value], [target.value, target.value + 12]);
  assert.ok(adj.reason.includes(fx.review.title) && adj.reason.includes('拜访目标上调'), adj.reason);
});

test('closing locks the review: nothing changes after', async () => {
  const id = fx.review.id;
  const r = expectStatus(await get('manager', `/api/reviews/${id}`), 200);
  expectStatus(await patch('manager', `/api/reviews/${id}`, { summary: '经验：报价要快，决策链要早摸清', version: r.version }),
    200);
  const current = expectStatus(await get('manager', `/api/reviews/${id}`), 200);
  const closed = expectStatus(await post('manager', `/api/reviews/${id}/close`, { version: current.version }), 200);
  assert.equal(closed.status, 'closed');
  assert.deepEqual(closed.can, { manage: false, add: false });
  await assertNothingWritten([`/api/reviews/${id}`], async () => {
    expectError(await patch('manager', `/api/reviews/${id}`, { title: '改', version: closed.version }), 403, 'forbidden');
    expectError(await post('rep', `/api/reviews/${id}/cards`, { tone: 'lesson', text: '晚了' }), 403, 'forbidden');
    expectError(await post('manager', `/api/reviews/${id}/action-items`,
      { owner_id: fx.repId, title: '晚了', due_date: fx.today }), 403, 'forbidden');
    expectError(await patch('manager', `/api/reviews/cases/${fx.case.id}`, { note: '改', version: fx.case.version }), 403,
      'forbidden');
  }, 'a closed review');
  // The workbook: a sheet per section, named after the review.
  const xlsx = await get('manager', `/api/reviews/${id}/export`);
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
  assert.ok(decodeURIComponent(xlsx.headers.get('content-disposition')).includes(closed.title));
  // What people see: the list by scope.
  const list = expectStatus(await get('director', `/api/reviews?scope=${fx.scope}`), 200).items.map((x) => x.id);
  assert.ok(list.includes(id));
  expectError(await get('rep', `/api/reviews?status=done`), 400, 'invalid_query', 'status');
});
