// The analyses as .xlsx (GET /api/analysis/{funnel,quadrant,forecast,risks}?format=xlsx): a workbook
// of the page's table with Chinese headers (English with lang=en), a file name in
// Content-Disposition, the same rows and numbers as the JSON (money in 元), the same data scope
// (404 for a scope out of view), and 400 for a bad format or, for risks, a missing or bad kind.
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { before, test } from 'node:test';

import { BASE, discover, expectError, expectStatus, get, session, todayShanghai } from '../lib.mjs';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- reading a workbook (zip + the first sheet's XML; no packages) ----

// Returns {name: Buffer} of the files of a zip archive, read from its central directory.
function unzip(buf) {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end -= 1;
  assert.ok(end >= 0, 'a zip archive has an end of central directory record');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = {};
  for (let i = 0; i < count; i += 1) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files[name] = method === 8 ? inflateRawSync(data) : data;
    at += 46 + skip;
  }
  return files;
}

const unescapeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const columnIndex = (ref) => [...ref.replace(/\d+$/, '')].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

// Returns the first sheet's rows as arrays (strings as strings, numbers as numbers, empty cells
// undefined, empty rows []), by the cells' own references.
function sheetRows(buf) {
  const files = unzip(buf);
  const shared = [];
  if (files['xl/sharedStrings.xml']) {
    for (const [, si] of files['xl/sharedStrings.xml'].toString('utf8').matchAll(/<si>(.*?)<\/si>/gs)) {
      shared.push(unescapeXml(si.replace(/<[^>]+>/g, '')));
    }
  }
  const xml = files['xl/worksheets/sheet1.xml'].toString('utf8');
  const rows = [];
  for (const [, attrs, body] of xml.matchAll(/<row ([^>]*?)(?:\/>|>(.*?)<\/row>)/gs)) {
    const index = Number(/r="(\d+)"/.exec(attrs)[1]) - 1;
    const row = [];
    for (const [, cellAttrs, cellBody = ''] of (body ?? '').matchAll(/<c ([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const col = columnIndex(/r="([A-Z]+\d+)"/.exec(cellAttrs)[1]);
      const type = /t="(\w+)"/.exec(cellAttrs)?.[1];
      const v = /<v>(.*?)<\/v>/s.exec(cellBody)?.[1];
      if (type === 'inlineStr') row[col] = unescapeXml((/<t[^>]*>(.*?)<\/t>/s.exec(cellBody)?.[1] ?? ''));
      else if (type === 's') row[col] = shared[Number(v)];
      else if (type === 'str') row[col] = unescapeXml(v ?? '');
      else if (v !== undefined) row[col] = Number(v);
    }
    rows[index] = row;
  }
  return Array.from(rows, (r) => r ?? []);
}

// GETs `path` as `as` and returns {status, type, disposition, fileName, bytes, json}.
async function fetchFile(as, path, headers = {}) {
  const res = await fetch(BASE + path, { headers: { authorization: `Bearer ${(await session(as)).token}`, ...headers } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  return {
    status: res.status, type, disposition, bytes,
    fileName: star ? decodeURIComponent(star[1]) : null,
    json: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : null,
  };
}

// Fetches a workbook (200 and the xlsx type expected) and returns {fileName, rows}.
async function workbook(as, path, headers) {
  const f = await fetchFile(as, path, headers);
  assert.equal(f.status, 200, `${path}: ${f.bytes.toString('utf8', 0, 300)}`);
  assert.equal(f.type, XLSX_TYPE, path);
  assert.match(f.disposition, /^attachment; filename="[^"]+"; filename\*=UTF-8''/, path);
  assert.ok(f.bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')), `${path} is a zip archive`);
  return { fileName: f.fileName, rows: sheetRows(f.bytes) };
}

const yuan = (fen) => fen / 100;
const near = (a, b, what) => assert.ok(Math.abs(a - b) < 0.006, `${what}: ${a} ≈ ${b}`);

let fx;
before(async () => {
  const d = await discover();
  const today = todayShanghai();
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);  // this quarter, 0-based
  const year = Number(today.slice(0, 4));
  fx = {
    d,
    today,
    lastQuarter: q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`,
    sh1: d.team('上海一部'),
    gzRep: d.memberOf('广州团队'),
  };
  fx.scope = `team:${fx.sh1.id}`;
  fx.paths = {
    funnel: `/api/analysis/funnel?scope=${fx.scope}&period=${fx.lastQuarter}`,
    quadrant: `/api/analysis/quadrant?scope=${fx.scope}&period=${fx.lastQuarter}&by=user`,
    forecast: `/api/analysis/forecast?scope=${fx.scope}&months=3`,
    risks: '/api/analysis/risks',
  };
});

test('funnel: one row per stage, Chinese headers, the JSON numbers, 漏斗-<scope>-<period>.xlsx', async () => {
  const json = expectStatus(await get('manager', `${fx.paths.funnel}&format=json`), 200);
  const { fileName, rows } = await workbook('manager', `${fx.paths.funnel}&format=xlsx`);
  assert.equal(fileName, `漏斗-${fx.scope}-${fx.lastQuarter}.xlsx`);
  assert.deepEqual(rows[0], ['阶段', '赢率（%）', '到达数', '转化率', '公司近12个月', '差距（百分点）', '中位停留天数',
    '平均停留天数', '已完成停留', '是否瓶颈']);
  assert.equal(rows.length, 1 + json.stages.length);
  json.stages.forEach((s, i) => {
    const row = rows[i + 1];
    assert.equal(row[0], s.name);
    assert.equal(row[1], s.probability);
    assert.equal(row[2], s.reached);
    if (s.conversion === null) assert.equal(row[3], undefined);
    else near(row[3], s.conversion, `${s.name} conversion`);
    if (s.conversion !== null && s.benchmark !== null) near(row[5], (s.conversion - s.benchmark) * 100, 'gap');
    assert.equal(row[9], s.stage_id === json.bottleneck_stage_id ? '是' : '否');
  });
  const en = await workbook('manager', `${fx.paths.funnel}&format=xlsx&lang=en`);
  assert.equal(en.fileName, `funnel-${fx.scope}-${fx.lastQuarter}.xlsx`);
  assert.equal(en.rows[0][0], 'Stage');
  // Accept-Language chooses English too.
  const byHeader = await workbook('manager', `${fx.paths.funnel}&format=xlsx`, { 'accept-language': 'en-US' });
  assert.equal(byHeader.rows[0][0], 'Stage');
});

test('quadrant: one row per point with sales in 元, growth, quadrant and action', async () => {
  const json = expectStatus(await get('manager', fx.paths.quadrant), 200);
  const { fileName, rows } = await workbook('manager', `${fx.paths.quadrant}&format=xlsx`);
  assert.equal(fileName, `象限-${fx.scope}-${fx.lastQuarter}.xlsx`);
  assert.deepEqual(rows[0], ['名称', '编号', '销售额（元）', '增长率', '象限', '建议']);
  assert.equal(rows.length, 1 + json.points.length);
  const names = { high_high: '明星', high_low: '现金牛', low_high: '潜力股', low_low: '待改进' };
  json.points.forEach((p, i) => {
    const row = rows[i + 1];
    assert.equal(row[0], p.label);
    assert.equal(row[1], p.key);
    near(row[2], yuan(p.sales), `${p.key} sales`);
    if (p.growth === null) assert.equal(row[3], undefined);
    else near(row[3], p.growth, `${p.key} growth`);
    assert.equal(row[4], p.quadrant ? names[p.quadrant] : undefined);
    assert.equal(row[5], p.action ?? undefined);
  });
  const en = await workbook('manager', `${fx.paths.quadrant}&format=xlsx&lang=en`);
  assert.deepEqual(en.rows[0], ['Name', 'Key', 'Sales (yuan)', 'Growth', 'Quadrant', 'Suggested action']);
});

test('forecast: the pipeline months and 已延期, an empty row, then the monthly series', async () => {
  const json = expectStatus(await get('manager', fx.paths.forecast), 200);
  const { fileName, rows } = await workbook('manager', `${fx.paths.forecast}&format=xlsx`);
  assert.equal(fileName, `预测-${fx.scope}-${json.as_of}.xlsx`);
  assert.deepEqual(rows[0], ['月份', '商机数', '商机金额（元）', '加权金额（元）', '承诺（元）', '最佳情况（元）', '已赢单（元）']);
  const months = json.pipeline.months;
  months.forEach((m, i) => {
    const row = rows[i + 1];
    assert.equal(row[0], m.month);
    assert.equal(row[1], m.count);
    near(row[2], yuan(m.amount), `${m.month} amount`);
    near(row[3], yuan(Math.round(m.weighted)), `${m.month} weighted`);
    near(row[6], yuan(m.won), `${m.month} won`);
  });
  const slipped = rows[months.length + 1];
  assert.equal(slipped[0], '已延期');
  assert.equal(slipped[1], json.pipeline.slipped.count);
  near(slipped[2], yuan(json.pipeline.slipped.amount), 'slipped amount');
  assert.deepEqual(rows[months.length + 2], [], 'an empty row between the tables');
  const head = months.length + 3;
  assert.deepEqual(rows[head], ['月份', '实际销售额（元）', '预测（元）']);
  const { history, forecast, backtest } = json.series;
  assert.equal(rows.length, head + 1 + history.length + forecast.length);
  history.forEach((m, i) => {
    const row = rows[head + 1 + i];
    assert.equal(row[0], m.month);
    near(row[1], yuan(m.value), `${m.month} actual`);
    const point = backtest.points.find((p) => p.month === m.month);
    if (point) near(row[2], yuan(Math.round(point.forecast)), `${m.month} backtest`);
    else assert.equal(row[2], undefined);
  });
  forecast.forEach((m, i) => {
    const row = rows[head + 1 + history.length + i];
    assert.equal(row[0], m.month);
    assert.equal(row[1], undefined);
    near(row[2], yuan(Math.round(m.value)), `${m.month} forecast`);
  });
  const en = await workbook('manager', `${fx.paths.forecast}&format=xlsx&lang=en`);
  assert.equal(en.rows[0][0], 'Month');
  assert.equal(en.rows[months.length + 1][0], 'Slipped');
});

test('risks: kind chooses the list; one row per item of the JSON list', async () => {
  const json = expectStatus(await get('manager', fx.paths.risks), 200);
  const lists = {
    stalled: { name: '停滞商机', header: ['商机', '客户', '负责人', '阶段', '金额（元）', '最近活动', '停滞天数'] },
    slipped: { name: '延期商机', header: ['商机', '客户', '负责人', '阶段', '金额（元）', '预计成交日期', '延期天数'] },
    churn: { name: '流失风险客户', header: ['客户', '负责人', '上次下单', '通常间隔（天）', '距今（天）'] },
    overdue: {
      name: '逾期应收', header: ['订单编号', '外部编号', '客户', '负责人', '订单金额（元）', '未回款（元）', '到期日', '逾期天数'],
    },
  };
  for (const [kind, { name, header }] of Object.entries(lists)) {
    const { fileName, rows } = await workbook('manager', `${fx.paths.risks}?format=xlsx&kind=${kind}`);
    assert.equal(fileName, `${name}-${json.today}.xlsx`);
    assert.deepEqual(rows[0], header, kind);
    assert.equal(rows.length, 1 + json[kind].length, `${kind} rows`);
    assert.ok(json[kind].length > 0, `the demo has ${kind} items for the manager`);
  }
  const first = async (kind) => (await workbook('manager', `${fx.paths.risks}?format=xlsx&kind=${kind}`)).rows[1];
  const s = json.stalled[0];
  assert.deepEqual((await first('stalled')).slice(0, 4), [s.name, s.customer_name, s.owner_name, s.stage_name]);
  near((await first('stalled'))[4], yuan(s.amount), 'stalled amount');
  assert.equal((await first('slipped'))[6], json.slipped[0].days_slipped);
  assert.equal((await first('churn'))[0], json.churn[0].customer_name);
  const o = json.overdue[0];
  const row = await first('overdue');
  assert.equal(row[0], o.id);
  near(row[5], yuan(o.total - o.paid), 'unpaid');
  assert.equal(row[7], o.days_past_due);
  // The JSON answer holds all four lists whatever kind says.
  assert.deepEqual(Object.keys(expectStatus(await get('manager', `${fx.paths.risks}?kind=churn`), 200)),
    Object.keys(json));
  const en = await workbook('manager', `${fx.paths.risks}?format=xlsx&kind=overdue&lang=en`);
  assert.equal(en.fileName, `overdue-receivables-${json.today}.xlsx`);
  assert.equal(en.rows[0][0], 'Order');
});

test('a bad format is 400 on every route; risks as xlsx needs a known kind', async () => {
  for (const path of Object.values(fx.paths)) {
    const sep = path.includes('?') ? '&' : '?';
    const e = expectError(await get('manager', `${path}${sep}format=csv`), 400, 'invalid_query', 'format', path);
    assert.match(e.message, /json 或 xlsx/);
    expectError(await get('manager', `${path}${sep}format=`), 400, 'invalid_query', 'format', path);
  }
  expectError(await get('manager', '/api/analysis/risks?format=xlsx'), 400, 'invalid_query', 'kind');
  const e = expectError(await get('manager', '/api/analysis/risks?format=xlsx&kind=lost'), 400, 'invalid_query', 'kind');
  assert.match(e.message, /stalled、slipped、churn、overdue/);
  const en = expectError(await get('manager', '/api/analysis/risks?kind=lost', { lang: 'en' }), 400, 'invalid_query', 'kind');
  assert.match(en.message, /use stalled, slipped, churn or overdue/);
  // The other parameters are checked as for JSON.
  expectError(await get('manager', `${fx.paths.forecast.replace('months=3', 'months=13')}&format=xlsx`), 400,
    'invalid_query', 'months');
});

test('the workbook keeps to the data scope: a rep asking about another team gets the JSON 404', async () => {
  const far = [`team:${fx.sh1.id}`, `user:${fx.gzRep.id}`];
  for (const scope of far) {
    for (const path of [fx.paths.funnel, fx.paths.quadrant, fx.paths.forecast]) {
      const p = path.replace(fx.scope, scope);
      const asJson = expectError(await get('rep', p), 404, 'not_found', null, p);
      const asFile = expectError(await get('rep', `${p}&format=xlsx`), 404, 'not_found', null, p);
      assert.deepEqual(asFile, asJson, p);
    }
  }
  // The rep's own scope exports; the risk lists are the rep's own.
  const me = (await session('rep')).user.id;
  await workbook('rep', `${fx.paths.quadrant.replace(fx.scope, `user:${me}`)}&format=xlsx`);
  const mine = expectStatus(await get('rep', fx.paths.risks), 200);
  const { rows } = await workbook('rep', `${fx.paths.risks}?format=xlsx&kind=slipped`);
  assert.equal(rows.length, 1 + mine.slipped.length);
  for (const r of rows.slice(1)) assert.equal(r[2], (await session('rep')).user.display_name);
});
