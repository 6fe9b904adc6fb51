// Report templates (docs/reports.md "Templates"): an admin makes a team's template and edits it
// (each edit a new version, a stale one 409); a report keeps the version it was written on; bad
// sections are 400 naming the field; a person's template is their team's. Fresh teams only: the
// demo's teams keep the template the other tests expect.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  addDays, assertNothingWritten, createTeam, discover, expectError, expectStatus, get, patch, post,
  unique,
} from '../lib.mjs';
import {
  createDraft, deadlineMs, fullContent, newMember, readReport, serverToday, unprocessable, weekAfter,
} from './report_fixtures.mjs';

const SECTIONS = [
  { key: 'data', title: '本周数据', type: 'data', required: false },
  { key: 'summary', title: '本周总结', type: 'text', required: true },
  { key: 'key_accounts', title: '重点客户进展', type: 'text', required: true },
  { key: 'risks', title: '问题与风险', type: 'text', required: false },
  { key: 'next_goals', title: '下周目标', type: 'goals', required: false },
];
const HELP = { key: 'help', title: '需要的支持', type: 'text', required: true };
const DEADLINE = { day_offset: 1, time: '10:00' };

let fx;
before(async () => {
  const d = await discover();
  const today = await serverToday();
  const east = d.region('华东区');
  const team = await createTeam(east.id, { name: unique('模板团队') });
  const sub = await createTeam(east.id, { parent_id: team.id, name: unique('模板小组') });
  fx = {
    d, today, east, team, sub,
    author: await newMember(team.id, { validFrom: addDays(today, -100) }),
    subAuthor: await newMember(sub.id, { validFrom: addDays(today, -100) }),
    w1: weekAfter(today, -2),
    w2: weekAfter(today, -1),
  };
});

const effective = async (as, user) => expectStatus(await get(as,
  `/api/report-templates/effective?kind=week${user ? `&user=${user}` : ''}`), 200, 'effective template');

let t;  // the team's template, carried through the tests in order

test('only an admin makes a template; it lists for everyone and is the team\'s members\' template', async () => {
  const body = { team_id: fx.team.id, kind: 'week', name: unique('销售周报模板'), deadline: DEADLINE, sections: SECTIONS };
  await assertNothingWritten(['/api/report-templates'], async () => {
    for (const as of ['manager', 'director', 'rep', 'analyst', fx.author.as]) {
      expectError(await post(as, '/api/report-templates', body), 403, 'forbidden', null, `POST as ${JSON.stringify(as)}`);
    }
  }, 'templates by non-admins');
  t = expectStatus(await post('admin', '/api/report-templates', body), 201);
  assert.ok(Number.isInteger(t.id));
  assert.deepEqual([t.team_id, t.team_name, t.kind, t.name, t.version], [fx.team.id, fx.team.name, 'week', body.name, 1]);
  assert.deepEqual(t.deadline, DEADLINE);
  assert.deepEqual(t.sections, SECTIONS);
  assert.ok(Number.isFinite(Date.parse(t.updated_at)));

  for (const as of ['rep', 'analyst', 'admin']) {
    const items = expectStatus(await get(as, '/api/report-templates'), 200).items;
    assert.deepEqual(items.find((x) => x.id === t.id), t, `listed for ${as}`);
  }
  assert.deepEqual(await effective('admin', fx.author.user.id), t, 'the team member\'s template is the team\'s');
  assert.deepEqual(await effective(fx.author.as), t, 'and so they see it');
  const demo = await effective('rep');
  assert.notEqual(demo.id, t.id, 'not the template of another team');
  await assertNothingWritten(['/api/report-templates'], async () => {
    expectError(await patch('manager', `/api/report-templates/${t.id}`, { name: '改名', version: t.version }), 403,
      'forbidden');
    expectError(await patch(fx.author.as, `/api/report-templates/${t.id}`, { name: '改名', version: t.version }), 403,
      'forbidden');
  }, 'edits by non-admins');
});

test('the built-in default: id null, version 0, the documented sections', async () => {
  const fresh = await newMember((await createTeam(fx.east.id, { name: unique('无模板团队') })).id);
  const def = await effective('admin', fresh.user.id);
  if (def.id === null) {
    assert.equal(def.version, 0);
    assert.deepEqual(def.deadline, { day_offset: -2, time: '18:00' });
    assert.deepEqual(def.sections.map((s) => s.type).filter((x, i, a) => a.indexOf(x) === i).sort(),
      ['data', 'goals', 'text']);
    assert.ok(def.sections.some((s) => s.key === 'summary'));
  } else {
    assert.equal(def.team_id, null, 'else the org\'s template');
  }
});

let r1;
test('a report is written on the template\'s version; an edit makes a new one; a stale edit is 409', async () => {
  r1 = await createDraft(fx.author.as, fx.w1.period, { content: { summary: '本周总结' } });
  assert.deepEqual([r1.template.id, r1.template.version], [t.id, 1]);
  assert.deepEqual(r1.template.sections, SECTIONS);
  assert.equal(Date.parse(r1.deadline), deadlineMs(r1.to, DEADLINE), 'Monday after the week, 10:00');
  // The template's required sections are the ones a submit asks for.
  const problems = [];
  const missing = await post(fx.author.as, `/api/reports/${r1.id}/submit`, { version: r1.version });
  assert.ok(missing.status >= 400, missing.text);
  assert.equal(missing.body.error.field, 'content.key_accounts');
  unprocessable(problems, missing, 'content.key_accounts', 'submit without a required section of the template');

  const path = `/api/report-templates/${t.id}`;
  const v2 = expectStatus(await patch('admin', path, { sections: [...SECTIONS, HELP], version: t.version }), 200);
  assert.equal(v2.version, t.version + 1);
  assert.deepEqual(v2.sections, [...SECTIONS, HELP]);
  assert.equal(v2.id, t.id);
  await assertNothingWritten(['/api/report-templates'], async () => {
    const e = expectError(await patch('admin', path, { name: '旧版本改名', version: t.version }), 409, 'version_conflict');
    assert.equal(e.current_version, v2.version);
  }, 'a stale edit');
  t = v2;
  assert.deepEqual(await effective('admin', fx.author.user.id), t);

  // A report written now has version 2; the first keeps version 1 and its sections.
  const r2 = await createDraft(fx.author.as, fx.w2.period);
  assert.deepEqual([r2.template.id, r2.template.version], [t.id, 2]);
  assert.ok(r2.template.sections.some((s) => s.key === 'help'));
  const old = await readReport(fx.author.as, r1.id);
  assert.deepEqual([old.template.id, old.template.version], [t.id, 1]);
  assert.deepEqual(old.template.sections, SECTIONS);

  // Each is submitted against its own version: the first needs no help section, the second does.
  const c2 = { ...fullContent(r2.template), help: '' };
  const saved2 = expectStatus(await patch(fx.author.as, `/api/reports/${r2.id}`, { content: c2, version: r2.version }), 200);
  const refused = await post(fx.author.as, `/api/reports/${r2.id}/submit`, { version: saved2.version });
  assert.ok(refused.status >= 400, refused.text);
  assert.equal(refused.body.error.field, 'content.help');
  unprocessable(problems, refused, 'content.help', 'submit without the section version 2 added');
  const c1 = fullContent(old.template);
  const saved1 = expectStatus(await patch(fx.author.as, `/api/reports/${r1.id}`, { content: c1, version: old.version }), 200);
  const s1 = expectStatus(await post(fx.author.as, `/api/reports/${r1.id}/submit`, { version: saved1.version }), 200);
  assert.equal(s1.template.version, 1);
  assert.ok(!('help' in s1.content) || s1.content.help === '', 'no help section in version 1');
  assert.deepEqual(problems, []);
});

test('bad sections are 400 naming the field, and write nothing', async () => {
  const body = (sections, extra = {}) => ({
    team_id: fx.sub.id, kind: 'week', name: unique('坏模板'), deadline: DEADLINE, sections, ...extra,
  });
  const text = (key, extra = {}) => ({ key, title: '一节', type: 'text', required: false, ...extra });
  const cases = [
    [body([text('summary'), text('Bad Key')]), 'sections', 'a key with capitals and a space'],
    [body([text('summary'), text('')]), 'sections', 'an empty key'],
    [body([text('summary'), text('k'.repeat(41))]), 'sections', 'a key of 41 characters'],
    [body([text('summary'), text('总结')]), 'sections', 'a key in Chinese'],
    [body([text('summary'), text('summary')]), 'sections', 'a duplicate key'],
    [body([text('summary'), text('chart', { type: 'chart' })]), 'sections', 'an unknown type'],
    [body([text('summary')], { deadline: { day_offset: 1, time: '25:00' } }), 'deadline', 'a time of 25:00'],
  ];
  const problems = [];
  await assertNothingWritten(['/api/report-templates'], async () => {
    for (const [b, field, what] of cases) {
      const res = await post('admin', '/api/report-templates', b);
      assert.ok(res.status >= 400, `POST ${what} is refused: ${res.status}`);
      unprocessable(problems, res, field, `POST ${what}`, { prefix: true });
    }
    for (const [b, field, what] of cases) {
      const { team_id: _, kind: __, ...change } = b;
      const res = await patch('admin', `/api/report-templates/${t.id}`, { ...change, version: t.version });
      assert.ok(res.status >= 400, `PATCH ${what} is refused: ${res.status}`);
      unprocessable(problems, res, field, `PATCH ${what}`, { prefix: true });
    }
  }, 'bad templates');
  // The 41st character is one too many; 40 are fine.
  const ok = expectStatus(await post('admin', '/api/report-templates', body([text('summary', { required: true }),
    text('k'.repeat(40)), text('a_1')])), 201);
  assert.deepEqual(ok.sections.map((s) => s.key), ['summary', 'k'.repeat(40), 'a_1']);
  assert.deepEqual(problems, [], 'bad sections are 400 naming the field');
});

test('a person\'s template is their innermost team\'s that has one', async () => {
  // The sub-team has one now (made just above): its member writes on it, not on the parent's.
  const subs = expectStatus(await get('admin', '/api/report-templates'), 200).items
    .filter((x) => x.team_id === fx.sub.id && x.kind === 'week');
  assert.equal(subs.length, 1);
  assert.equal((await effective('admin', fx.subAuthor.user.id)).id, subs[0].id, 'the sub-team\'s own');
  assert.equal((await effective('admin', fx.author.user.id)).id, t.id, 'the parent team\'s member keeps the parent\'s');
  // A member of a sub-team without a template of its own takes its parent team's.
  const leaf = await createTeam(fx.east.id, { parent_id: fx.team.id, name: unique('模板子组') });
  const leafMember = await newMember(leaf.id, { validFrom: addDays(fx.today, -10) });
  assert.equal((await effective('admin', leafMember.user.id)).id, t.id, 'a sub-team without one takes the parent\'s');
  const r = await createDraft(leafMember.as, fx.w2.period);
  assert.equal(r.template.id, t.id);
});
