// Targets in and out of Excel (SPEC §3): the export writes the targets a caller sees as CSV or an
// .xlsx with a sheet per level; the import reads them back (every sheet), all or nothing, each
// row's scope checked as the importer sets targets, an existing target adjusted with the import
// as its reason.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { BASE, discover, expectStatus, get, post, request, session } from '../lib.mjs';

const YEAR = '2033';  // no other test sets targets in it

function upload(as, content, type = 'text/csv') {
  return request('POST', '/api/imports?kind=targets', { as, raw: Buffer.from(content), type });
}

async function importTargets(as, content, type) {
  const started = expectStatus(await upload(as, content, type), 202, 'import targets');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = expectStatus(await get(as, `/api/imports/${started.id}`), 200);
    if (job.status === 'done' || job.status === 'failed') return job;
    assert.ok(Date.now() < deadline, 'the import ended within a minute');
    await new Promise((r) => setTimeout(r, 50));
  }
}

// GET `path` as `as` with the body as bytes (a workbook).
async function fetchBytes(as, path) {
  const res = await fetch(BASE + path, { headers: { authorization: `Bearer ${(await session(as)).token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

let fx;
before(async () => {
  const d = await discover();
  const rep = d.user('rep');
  const sh1 = d.team('上海一部');
  const other = d.teams.find((t) => t.region_id !== sh1.region_id);
  const set = async (body) => expectStatus(await post('manager', '/api/targets', body), 201);
  fx = {
    rep, sh1, other,
    team: await set({ metric: 'orders_amount', scope: `team:${sh1.id}`, period: YEAR, value: 100_000_050 }),
    visits: await set({ metric: 'visits', scope: `user:${rep.id}`, period: `${YEAR}-Q1`, value: 120 }),
  };
});

test('the export writes the targets a manager sees, money in 元, people by username', async () => {
  const res = await get('manager', `/api/targets/export?period=${YEAR}&format=csv`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment/);
  const text = res.text.replace(/^\uFEFF/, '');
  const lines = text.trim().split('\r\n');
  assert.equal(lines[0], '层级,名称,指标,期间,目标值,开始,结束,原值');
  assert.ok(lines.includes(`团队,上海一部,销售额,${YEAR},1000000.50,${YEAR}-01-01,${YEAR}-12-31,1000000.50`), text);
  assert.ok(lines.includes(`个人,rep,拜访,${YEAR}-Q1,120,${YEAR}-01-01,${YEAR}-03-31,120`), text);
  // A rep's export holds their own targets only.
  const mine = await get('rep', `/api/targets/export?period=${YEAR}&format=csv`);
  assert.ok(!mine.text.includes('团队,'), 'no team target in a rep\'s export');
  assert.ok(mine.text.includes(`个人,rep,拜访,${YEAR}-Q1`));
  const bad = await get('manager', `/api/targets/export?period=${YEAR}&format=pdf`);
  assert.equal(bad.status, 400);
});

test('a CSV re-imported with one value changed and one row added: updated, inserted, unchanged', async () => {
  const csv = [
    '层级,名称,指标,期间,目标值',
    `团队,上海一部,销售额,${YEAR},"1,000,000.50"`,
    `个人,rep,拜访,${YEAR}-Q1,150`,
    `个人,${fx.rep.display_name},电话,${YEAR}-Q2,300`,
  ].join('\n');
  const job = await importTargets('manager', csv);
  assert.equal(job.status, 'done', JSON.stringify(job));
  assert.deepEqual(job.report.errors, []);
  assert.equal(job.report.committed, true);
  assert.equal(job.report.unchanged, 1);
  assert.equal(job.report.updated, 1);
  assert.equal(job.report.inserted, 1);
  const visits = expectStatus(await get('manager', `/api/targets/${fx.visits.id}`), 200);
  assert.equal(visits.value, 150);
  assert.equal(visits.original_value, 120);
  assert.equal(visits.adjustments.at(-1).reason, 'Excel 导入');
  const calls = expectStatus(await get('manager', `/api/targets?metric=calls&scope=user:${fx.rep.id}&period=${YEAR}-Q2`), 200);
  assert.equal(calls.items.find((t) => t.period === `${YEAR}-Q2`).value, 300);
});

test('a file with bad rows imports nothing and names each row', async () => {
  const before = expectStatus(await get('admin', `/api/targets?period=${YEAR}`), 200).items.length;
  const csv = [
    '层级,名称,指标,期间,目标值',
    `个人,rep,拜访,${YEAR}-Q3,10`,
    `团队,${fx.other.name},销售额,${YEAR},100`,
    `个人,rep,赢单率,${YEAR},1`,
    `个人,rep,拜访,${YEAR}-03-01..${YEAR}-03-10,5`,
    `小组长,rep,拜访,${YEAR}-Q3,1`,
    `个人,rep,拜访,${YEAR}-Q3,11`,
    `个人,rep,销售额,${YEAR}-Q3,-1`,
  ].join('\n');
  const job = await importTargets('manager', csv);
  assert.equal(job.report.committed, false);
  const byLine = Object.fromEntries(job.report.errors.map((e) => [e.line, e]));
  assert.equal(byLine[3].column, '名称');   // another region's team: not in the manager's scope
  assert.equal(byLine[4].column, '指标');   // a ratio has no target
  assert.equal(byLine[5].column, '期间');   // a range is no target period
  assert.equal(byLine[6].column, '层级');
  assert.equal(byLine[7].column, '期间');   // the same target as line 2
  assert.equal(byLine[8].column, '目标值');
  assert.equal(job.report.errors.length, 6);
  assert.equal(expectStatus(await get('admin', `/api/targets?period=${YEAR}`), 200).items.length, before);
});

test('the .xlsx export has a sheet per level and imports back unchanged', async () => {
  const res = await fetchBytes('manager', `/api/targets/export?period=${YEAR}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const bytes = res.bytes;
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const text = bytes.toString('latin1');
  assert.ok(text.includes('xl/worksheets/sheet2.xml'), 'a second sheet (团队 and 个人)');
  const job = await importTargets('manager', bytes,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(job.status, 'done', JSON.stringify(job));
  assert.deepEqual(job.report.errors, []);
  assert.equal(job.report.inserted + job.report.updated, 0);
  assert.ok(job.report.unchanged >= 3);
});

test('an analyst may not import targets; a rep\'s rows are refused one by one', async () => {
  const csv = `层级,名称,指标,期间,目标值\n个人,rep,拜访,${YEAR}-Q4,10\n`;
  assert.equal((await upload('analyst', csv)).status, 403);
  const job = await importTargets('rep', csv);
  assert.equal(job.report.committed, false);
  assert.equal(job.report.errors[0].column, '名称');
});
