// Imports (docs/import.md): a file uploaded to POST /api/imports runs in the background and its
// owner polls GET /api/imports/{id}. Validation first: a file with a bad row writes nothing and
// names every bad row; skip_bad writes the good ones; external ids make re-imports update, never
// duplicate; GBK and .xlsx files read like UTF-8 CSV; data scope and write rights apply.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  ONE_MIB, assertNothingWritten, discover, expectError, expectStatus, get, request, unique,
} from '../lib.mjs';

// Uploads `content` (a string or bytes) as an import of `kind`; returns the raw response.
function upload(as, kind, content, { skipBad, type = 'text/csv', fileName } = {}) {
  const query = new URLSearchParams({ kind });
  if (skipBad !== undefined) query.set('skip_bad', String(skipBad));
  const headers = fileName ? { 'x-file-name': encodeURIComponent(fileName) } : {};
  return request('POST', `/api/imports?${query}`, { as, raw: Buffer.from(content), type, headers });
}

// Polls job `id` until it has ended; returns the last view.
async function waitFor(as, id) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = expectStatus(await get(as, `/api/imports/${id}`), 200, 'poll import');
    if (job.status === 'done' || job.status === 'failed') return job;
    assert.ok(['queued', 'running'].includes(job.status), `status ${job.status}`);
    assert.ok(Date.now() < deadline, 'the import ended within a minute');
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Uploads and waits; returns the finished job.
async function importFile(as, kind, content, opts = {}) {
  const started = expectStatus(await upload(as, kind, content, opts), 202, `import ${kind}`);
  assert.equal(started.status, 'queued');
  assert.match(started.id, /^[0-9a-f]{24}$/);
  return waitFor(as, started.id);
}

// Imports and expects a committed report; returns it.
async function importClean(as, kind, content, opts = {}) {
  const job = await importFile(as, kind, content, opts);
  assert.equal(job.status, 'done', JSON.stringify(job.error));
  assert.deepEqual(job.report.errors, [], `no row errors: ${JSON.stringify(job.report.errors)}`);
  assert.equal(job.report.committed, true);
  return job.report;
}

// Returns the records of `plural` whose external id is `ext` (admin's view).
async function byExternalId(plural, ext) {
  return expectStatus(await get('admin', `/api/${plural}?q=${encodeURIComponent(ext)}`), 200).items
    .filter((r) => r.external_id === ext);
}

// ---- a minimal .xlsx writer (stored zip, inline strings), so the test needs no packages ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Returns an .xlsx workbook whose first sheet holds `rows` (strings as text, numbers as numbers).
function xlsx(rows) {
  const col = (i) => String.fromCharCode(65 + i);
  const sheetRows = rows.map((cells, r) => `<row r="${r + 1}">${cells.map((v, i) => (typeof v === 'number'
    ? `<c r="${col(i)}${r + 1}"><v>${v}</v></c>`
    : `<c r="${col(i)}${r + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`)).join('')}</row>`).join('');
  const ns = 'http://schemas.openxmlformats.org';
  return zip({
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types">`
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      + '</Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships">`
      + `<Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>`
      + '</Relationships>',
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" `
      + `xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>`
      + '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships">`
      + `<Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
      + '</Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}/spreadsheetml/2006/main">`
      + `<sheetData>${sheetRows}</sheetData></worksheet>`,
  });
}

// ---- fixtures ----

let org;
let otherRep;  // a rep the demo rep does not see
// Two customers of the demo rep, imported once: {ext, name}.
const customers = [];

before(async () => {
  org = await discover();
  otherRep = org.memberOf('广州团队');
  for (let i = 0; i < 2; i += 1) customers.push({ ext: unique('IMPC'), name: unique('导入测试客户') });
  const csv = ['外部编号,客户名称,负责人,状态', ...customers.map((c) => `${c.ext},${c.name},rep,潜在`)].join('\n');
  await importClean('admin', 'customers', csv);
});

// An orders file: header and `rows` (each an array of cells).
const ORDERS_HEADER = '外部编号,客户,负责人,下单时间,应收日期,状态,订单金额,备注';
const ordersCsv = (rows) => [ORDERS_HEADER, ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';

// ---- tests ----

test('a clean CSV imports every row, with Chinese headers, labels, 元 and people by name', async () => {
  const ext = [unique('IMPO'), unique('IMPO')];
  const report = await importClean('admin', 'orders', ordersCsv([
    [ext[0], customers[0].ext, 'rep', '2026-11-20 10:30', '2026/12/20', '已确认', '"1,234.50"', '第一单'],
    [ext[1], customers[1].name, '李销售', '2026-11-21', '', 'delivered', '99', ''],
  ]), { fileName: 'orders.csv' });
  assert.equal(report.kind, 'order');
  assert.equal(report.rows, 2);
  assert.equal(report.inserted, 2);
  const [first] = await byExternalId('orders', ext[0]);
  assert.equal(first.total, 123450, '元 become 分');
  assert.equal(first.owner_id, org.user('rep').id);
  assert.equal(first.status, 'confirmed');
  assert.equal(first.due_date, '2026-12-20');
  assert.equal(first.notes, '第一单');
  assert.equal(Date.parse(first.ordered_at), Date.parse('2026-11-20T02:30:00Z'), 'a local time in the org zone');
  const [second] = await byExternalId('orders', ext[1]);
  assert.equal(second.status, 'delivered');
  assert.equal(second.total, 9900);
});

test('a file with bad rows imports nothing and names each bad row with its line and reason', async () => {
  const good = unique('IMPO');
  const rows = [
    [good, customers[0].ext, 'rep', '2026-11-20 10:30', '', '已确认', '100', ''],
    [unique('IMPO'), customers[0].ext, 'rep', '2026-13-45', '', '已确认', '100', ''],
    [unique('IMPO'), customers[0].ext, 'nobody-here', '2026-11-20', '', '已确认', '100', ''],
    [unique('IMPO'), customers[0].ext, 'rep', '2026-11-20', '', '已确认', '-5', ''],
    [unique('IMPO'), 'no-such-customer', 'rep', '2026-11-20', '', '已确认', '1', ''],
  ];
  const job = await assertNothingWritten([`/api/orders?q=${good}`], () => importFile('admin', 'orders', ordersCsv(rows)),
    'a file with bad rows');
  assert.equal(job.status, 'done');
  const r = job.report;
  assert.equal(r.committed, false);
  assert.equal(r.rows, 5);
  assert.equal(r.inserted, 0);
  assert.equal(r.skipped, 4);
  const seen = r.errors.map((e) => [e.line, e.column, e.field, e.code]);
  assert.deepEqual(seen, [
    [3, '下单时间', 'ordered_at', 'invalid_field'],
    [4, '负责人', 'owner_id', 'invalid_field'],
    [5, '订单金额', 'total', 'invalid_field'],
    [6, '客户', 'customer_id', 'invalid_field'],
  ]);
  assert.equal(r.errors[1].detail, 'no such user');
  assert.equal(r.errors[1].value, 'nobody-here');
  assert.equal(r.errors[2].detail, 'must not be negative');
});

test('skip_bad imports the good rows and reports the rest', async () => {
  const good = unique('IMPO');
  const job = await importFile('admin', 'orders', ordersCsv([
    [good, customers[0].ext, 'rep', '2026-11-20 10:30', '', '已确认', '100', ''],
    [unique('IMPO'), customers[0].ext, 'rep', 'not a date', '', '已确认', '100', ''],
  ]), { skipBad: true });
  assert.equal(job.report.committed, true);
  assert.equal(job.report.inserted, 1);
  assert.equal(job.report.skipped, 1);
  assert.equal(job.report.errors.length, 1);
  assert.equal(job.report.errors[0].line, 3);
  assert.equal((await byExternalId('orders', good)).length, 1);
});

test('a missing required column fails the whole file and names the columns', async () => {
  const job = await assertNothingWritten([], () => importFile('admin', 'orders', '外部编号,订单金额\nX1,100\n'),
    'missing columns');
  assert.equal(job.status, 'failed');
  assert.equal(job.report, null);
  assert.equal(job.error.code, 'missing_field');
  assert.equal(job.error.field, 'customer_id,ordered_at');
  assert.equal(typeof job.error.message, 'string');
});

test('bytes that are neither UTF-8 nor GBK fail the file; a damaged line in UTF-8 fails its row', async () => {
  const junk = Buffer.from([0xff, 0xff, 0x2c, 0x80, 0x0a, 0xfe, 0xff, 0x0a]);
  const job = await importFile('admin', 'customers', junk);
  assert.equal(job.status, 'failed');
  assert.equal(job.error.code, 'invalid_field');
  assert.equal(job.error.field, 'file');

  const ext = [unique('IMPC'), unique('IMPC'), unique('IMPC')];
  const text = Buffer.concat([
    Buffer.from(`客户名称,外部编号\n好客户甲,${ext[0]}\n`),
    Buffer.from([0xc0, 0xfe, 0xff]), Buffer.from(`,${ext[1]}\n好客户乙,${ext[2]}\n`),
  ]);
  const partly = await importFile('admin', 'customers', text);
  assert.equal(partly.report.committed, false);
  assert.deepEqual(partly.report.errors.map((e) => e.line), [3]);
  assert.equal((await byExternalId('customers', ext[0])).length, 0);
});

test('a GBK file (as Excel in China saves CSV) imports like UTF-8', async () => {
  // "客户名称,外部编号,负责人" and "广州测试贸易有限公司" in GBK.
  const header = Buffer.from('bfcdbba7c3fbb3c62ccde2b2bfb1e0bac52cb8bad4f0c8cb', 'hex');
  const name = Buffer.from('b9e3d6ddb2e2cad4c3b3d2d7d3d0cfdeb9abcbbe', 'hex');
  const ext = unique('IMPG');
  const bytes = Buffer.concat([header, Buffer.from('\r\n'), name, Buffer.from(`,${ext},rep\r\n`)]);
  const report = await importClean('admin', 'customers', bytes);
  assert.equal(report.inserted, 1);
  const [c] = await byExternalId('customers', ext);
  assert.equal(c.name, '广州测试贸易有限公司');
});

test('an .xlsx file imports like CSV, numbers as 元', async () => {
  const ext = unique('IMPP');
  const code = unique('SKU');
  const report = await importClean('admin', 'products', xlsx([
    ['外部编号', '产品名称', '产品编码', '标准价', 'A级客户价', '在售'],
    [ext, '导入测试产品', code, 1234.5, 1000, '是'],
  ]));
  assert.equal(report.inserted, 1);
  const [p] = await byExternalId('products', ext);
  assert.equal(p.list_price, 123450);
  assert.equal(p.price_a, 100000);
  assert.equal(p.code, code);
  assert.equal(p.active, true);
});

test('re-importing the same file adds nothing; a changed row updates its record', async () => {
  const ext = unique('IMPO');
  const file = ordersCsv([[ext, customers[0].ext, 'rep', '2026-11-20 10:30', '2026-12-20', '已确认', '500', '']]);
  assert.equal((await importClean('admin', 'orders', file)).inserted, 1);
  const again = await importClean('admin', 'orders', file);
  assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 1]);
  const [before] = await byExternalId('orders', ext);
  const changed = await importClean('admin', 'orders',
    ordersCsv([[ext, customers[0].ext, 'rep', '2026-11-20 10:30', '2026-12-20', '已确认', '600', '']]));
  assert.deepEqual([changed.inserted, changed.updated, changed.unchanged], [0, 1, 0]);
  const after = await byExternalId('orders', ext);
  assert.equal(after.length, 1, 'still one record');
  assert.equal(after[0].total, 60000);
  assert.equal(after[0].version, before.version + 1);
});

test('the same external id twice in one file is an error on the second row', async () => {
  const ext = unique('IMPO');
  const job = await importFile('admin', 'orders', ordersCsv([
    [ext, customers[0].ext, 'rep', '2026-11-20', '', '', '1', ''],
    [ext, customers[0].ext, 'rep', '2026-11-21', '', '', '2', ''],
  ]));
  assert.equal(job.report.committed, false);
  assert.deepEqual(job.report.errors.map((e) => [e.line, e.field]), [[3, 'external_id']]);
});

test('a rep imports only within their data scope: own customers, themselves as owner', async () => {
  const mine = unique('IMPO');
  const report = await importClean('rep', 'orders', ordersCsv([
    [mine, customers[0].ext, '', '2026-11-22 09:00', '', '', '10', ''],
  ]));
  assert.equal(report.inserted, 1);
  assert.equal((await byExternalId('orders', mine))[0].owner_id, org.user('rep').id, 'owner defaults to the importer');

  const job = await importFile('rep', 'orders', ordersCsv([
    [unique('IMPO'), customers[0].ext, otherRep.username, '2026-11-22', '', '', '10', ''],
    [unique('IMPO'), customers[0].ext, otherRep.display_name, '2026-11-22', '', '', '10', ''],
  ]));
  assert.equal(job.report.committed, false);
  assert.deepEqual(job.report.errors.map((e) => [e.line, e.field, e.detail]), [
    [2, 'owner_id', 'no such user'],
    [3, 'owner_id', 'no such user'],
  ]);
  // Another rep's customer is not there for this rep either.
  const theirs = unique('IMPC');
  await importClean('admin', 'customers', `外部编号,客户名称,负责人\n${theirs},${unique('别人的客户')},${otherRep.username}\n`);
  const refused = await importFile('rep', 'orders', ordersCsv([[unique('IMPO'), theirs, '', '2026-11-22', '', '', '10', '']]));
  assert.deepEqual(refused.report.errors.map((e) => e.field), ['customer_id']);
});

test('analysts may not import (403); only admins import users and products', async () => {
  expectError(await upload('analyst', 'orders', ordersCsv([])), 403, 'forbidden');
  expectError(await upload('manager', 'users', '用户名,姓名\nx.y,某人\n'), 403, 'forbidden');
  expectError(await upload('rep', 'products', '产品名称,标准价\n某产品,1\n'), 403, 'forbidden');
  expectError(await upload('anonymous', 'orders', 'x'), 401, 'unauthenticated');
});

test('bad requests: unknown kind, bad skip_bad, empty body', async () => {
  expectError(await upload('admin', 'widgets', 'a\n1\n'), 400, 'invalid_query', 'kind');
  expectError(await upload('admin', 'orders', 'a\n1\n', { skipBad: 'maybe' }), 400, 'invalid_query', 'skip_bad');
  expectError(await upload('admin', 'orders', ''), 400, 'invalid_field', 'file');
});

test('a job is visible to its owner only; progress ends at done with every row counted', async () => {
  const rows = [];
  for (let i = 0; i < 5000; i += 1) {
    rows.push([unique('IMPB'), customers[i % 2].ext, 'rep', '2026-11-20 10:30', '', '', `${i + 1}.25`, '']);
  }
  const started = expectStatus(await upload('admin', 'orders', ordersCsv(rows), { fileName: '批量订单.csv' }), 202);
  expectError(await get('manager', `/api/imports/${started.id}`), 404, 'not_found');
  expectError(await get('admin', '/api/imports/000000000000000000000000'), 404, 'not_found');
  const job = await waitFor('admin', started.id);
  assert.equal(job.status, 'done');
  assert.equal(job.phase, 'done');
  assert.equal(job.kind, 'orders');
  assert.equal(job.file_name, '批量订单.csv');
  assert.equal(job.done, 5000);
  assert.equal(job.total, 5000);
  assert.equal(job.report.inserted, 5000);
  assert.equal(job.error, null);
});

test('uploads to /api/imports may exceed the 1 MiB body limit of other routes', async () => {
  const rows = [];
  const filler = 'x'.repeat(200);
  for (let i = 0; rows.length * 260 < 1.5 * ONE_MIB; i += 1) {
    rows.push([unique('IMPL'), customers[0].ext, 'rep', '2026-11-20', '', '', '1', filler]);
  }
  const body = ordersCsv(rows);
  assert.ok(body.length > ONE_MIB);
  const report = await importClean('admin', 'orders', body);
  assert.equal(report.inserted, rows.length);
  const other = await request('POST', '/api/customers', { as: 'admin', raw: body, type: 'application/json' });
  assert.equal(other.status, 413);
});

test('users: admins import them by username, with roles and teams by name', async () => {
  const username = unique('imp.').replace(/[^a-z0-9.]/g, '');
  const file = `用户名,姓名,邮箱,角色,团队\n${username},导入用户,${username}@example.com,"销售代表,销售经理",上海一部\n`;
  const report = await importClean('admin', 'users', file);
  assert.equal(report.inserted, 1);
  const users = expectStatus(await get('admin', `/api/users?q=${username}`), 200).items;
  assert.equal(users.length, 1);
  assert.deepEqual([...users[0].roles].sort(), ['manager', 'rep']);
  const again = await importClean('admin', 'users', file);
  assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 1]);
});

test('memberships: a team history imported with its stints, re-imported without duplicates', async () => {
  const username = unique('stint.').replace(/[^a-z0-9.]/g, '');
  // The users import puts them in 上海一部 from today (no 加入日期) and says so.
  const joined = await importClean('admin', 'users', `用户名,姓名,团队\n${username},历史成员,上海一部\n`);
  assert.ok(joined.warnings.some((w) => w.includes('加入日期')), 'a team without a join date warns');
  const user = expectStatus(await get('admin', `/api/users?q=${username}`), 200).items[0];
  const stints = async () => expectStatus(await get('admin', `/api/memberships?user_id=${user.id}&page_size=100`), 200)
    .items.map((m) => [m.team_id, m.role, m.valid_from, m.valid_to]).sort((a, b) => a[2].localeCompare(b[2]));
  const d = await discover();
  const sh1 = d.team('上海一部').id;
  const hz = d.team('杭州团队').id;
  // History: 杭州团队 from 2023 to mid-2024, then 上海一部 (the open stint from today moves back).
  const file = `用户名,团队,角色,开始日期,结束日期\n${username},杭州团队,成员,2023-03-01,2024-07-01\n`
    + `${username},上海一部,组长,2024-07-01,\n`;
  const first = await importClean('admin', 'memberships', file);
  assert.deepEqual([first.inserted, first.updated, first.unchanged], [1, 1, 0]);
  assert.deepEqual(await stints(), [[hz, 'member', '2023-03-01', '2024-07-01'], [sh1, 'leader', '2024-07-01', null]]);
  const again = await importClean('admin', 'memberships', file);
  assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 2]);
  assert.equal((await stints()).length, 2, 'no duplicates');

  // Bad rows name their column; nothing is written.
  const job = await importFile('admin', 'memberships', `用户名,团队,开始日期,结束日期\n${username},杭州团队,2024-01-01,\n`
    + `nobody.here,上海一部,2024-01-01,\n${username},没有的团队,2024-01-01,\n${username},上海一部,2024-13-01,\n`);
  assert.equal(job.report.committed, false);
  assert.deepEqual(job.report.errors.map((e) => [e.line, e.column, e.field]), [
    [2, '开始日期', 'valid_from'], [3, '用户名', 'user'], [4, '团队', 'team'], [5, '开始日期', 'valid_from'],
  ]);
  assert.equal((await stints()).length, 2);
  expectError(await upload('manager', 'memberships', file), 403, 'forbidden');
});

test('customers keep their 创建时间 (not in the future); orders dated outside every team warn', async () => {
  const ext = unique('CRT');
  const created = '2024-03-05 09:30';
  const name = unique('老客户');
  await importClean('rep', 'customers', `外部编号,客户名称,创建时间\n${ext},${name},${created}\n`);
  const [c] = await byExternalId('customers', ext);
  assert.equal(Date.parse(c.created_at), Date.parse('2024-03-05T01:30:00Z'), 'a local time in the org zone');
  // Re-imported with a corrected date: updated, not duplicated.
  const fixed = await importClean('rep', 'customers', `外部编号,客户名称,创建时间\n${ext},${name},2024-03-04\n`);
  assert.deepEqual([fixed.inserted, fixed.updated], [0, 1]);
  assert.equal(Date.parse((await byExternalId('customers', ext))[0].created_at), Date.parse('2024-03-03T16:00:00Z'));
  const future = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
  const job = await importFile('rep', 'customers', `客户名称,创建时间\n${unique('未来客户')},${future}\n`);
  assert.deepEqual(job.report.errors.map((e) => [e.column, e.field, e.detail]),
    [['创建时间', 'created_at', 'must not be in the future']]);

  // An order dated before its owner was in any team counts for no team: the import says so.
  const person = expectStatus(await request('POST', '/api/users', { as: 'admin', body: {
    username: unique('noteam.').replace(/[^a-z0-9.]/g, ''), display_name: '无团队', password: 'test-pass-2026',
    roles: ['rep'] } }), 201);
  const report = await importClean('admin', 'orders',
    `客户,负责人,下单时间,订单金额\n${ext},${person.username},2024-05-01,100\n`);
  assert.ok(report.warnings.some((w) => w.startsWith('1 row(s) are dated on days their person was in no team')),
    JSON.stringify(report.warnings));
});
