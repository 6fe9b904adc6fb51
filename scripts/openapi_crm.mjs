#!/usr/bin/env node
// Writes the OpenAPI paths and schemas of the CRM resources into docs/openapi.yaml, between the
// "# BEGIN CRM" and "# END CRM" markers, from the field table the server itself uses
// (`fupan schema`). `--check` fails instead when the file is not up to date (run by the tests).
//   node scripts/openapi_crm.mjs [--check]      (FUPAN_BIN overrides build/fupan)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = path.join(ROOT, 'docs/openapi.yaml');
const BIN = path.resolve(ROOT, process.env.FUPAN_BIN ?? 'build/fupan');
const schema = JSON.parse(execFileSync(BIN, ['schema'], { encoding: 'utf8' }));

const pascal = (s) => s.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;

// The JSON Schema of one field, as YAML lines at `indent`.
function fieldSchema(f, indent) {
  const p = ' '.repeat(indent);
  const lines = [];
  const nullable = !f.required || !f.writable;
  const t = (type) => (nullable ? `[${type}, 'null']` : type);
  switch (f.type) {
    case 'text':
      lines.push(`type: ${t('string')}`, `maxLength: ${f.max_length}`);
      break;
    case 'choice':
      lines.push(`type: ${t('string')}`, `enum: [${f.choices.map((c) => quote(c.value)).join(', ')}${nullable ? ', null' : ''}]`);
      break;
    case 'date':
      lines.push(`type: ${t('string')}`, 'format: date');
      break;
    case 'instant':
      lines.push(`type: ${t('string')}`, 'format: date-time');
      break;
    case 'boolean':
      lines.push('type: boolean');
      break;
    case 'tags':
      lines.push('type: array', 'items:', `  type: string`, `  maxLength: 32`);
      break;
    case 'coordinate':
      lines.push(`type: ${t('number')}`, `minimum: ${f.min}`, `maximum: ${f.max}`);
      break;
    default: // integer, money, ref
      lines.push(`type: ${t('integer')}`, 'format: int64');
      if (f.min !== undefined) lines.push(`minimum: ${f.min}`);
      if (f.max !== undefined) lines.push(`maximum: ${f.max}`);
  }
  const what = f.type === 'money' ? ' (integer 分)' : f.type === 'ref' ? ` (id of a ${f.ref})`
    : f.type === 'coordinate' ? ' (degrees, up to 6 decimals)' : f.format === 'phone' ? ' (a phone number)' : '';
  lines.push(`description: ${quote(`${f.zh} / ${f.en}${what}`)}`);
  if (f.default !== undefined) lines.push(`default: ${f.type === 'boolean' ? f.default : quote(f.default)}`);
  return lines.map((l) => p + l);
}

function kindSchemas(k) {
  const name = pascal(k.name);
  const out = [];
  out.push(`    ${name}:`, `      type: object`, `      description: ${quote(`${k.zh} / ${k.en}`)}`,
    '      required: [id, version, created_at, updated_at]', '      properties:',
    "        id:\n          $ref: '#/components/schemas/Id'", "        version:\n          $ref: '#/components/schemas/Version'");
  for (const f of k.fields) {
    out.push(`        ${f.name}:`, ...fieldSchema(f, 10));
    if (f.type === 'ref' && f.ref !== 'order' && f.ref !== 'quote') {
      out.push(`        ${f.name.replace(/_id$/, '')}_name:`, "          type: [string, 'null']",
        `          description: The name of the ${f.ref} (read only).`);
    }
  }
  out.push("        external_id:\n          type: [string, 'null']\n          maxLength: 64\n          description: The import key, unique in the org.",
    "        created_at:\n          $ref: '#/components/schemas/Timestamp'",
    "        updated_at:\n          $ref: '#/components/schemas/Timestamp'");
  const writable = k.fields.filter((f) => f.writable);
  const required = writable.filter((f) => f.required && f.name !== 'owner_id' && f.name !== 'user_id');
  for (const [suffix, isCreate] of [['Create', true], ['Update', false]]) {
    out.push(`    ${name}${suffix}:`, '      type: object', '      additionalProperties: false');
    const req = isCreate ? required.map((f) => f.name) : ['version'];
    if (req.length) out.push(`      required: [${req.join(', ')}]`);
    out.push('      properties:');
    if (!isCreate) out.push("        version:\n          $ref: '#/components/schemas/Version'");
    for (const f of writable) out.push(`        ${f.name}:`, ...fieldSchema(f, 10));
    out.push("        external_id:\n          type: [string, 'null']\n          maxLength: 64");
  }
  out.push(`    ${name}Page:`, '      allOf:', "        - $ref: '#/components/schemas/PageMeta'", '        - type: object',
    '          required: [items]', '          properties:', '            items:', '              type: array',
    `              items:\n                $ref: '#/components/schemas/${name}'`);
  return out;
}

function kindPaths(k) {
  const name = pascal(k.name);
  const tag = k.plural;
  const filterable = k.fields.filter((f) => f.filterable);
  const sortable = ['id', 'created_at', 'updated_at', ...k.fields.filter((f) => f.sortable).map((f) => f.name)];
  const searchable = k.fields.filter((f) => f.searchable).map((f) => f.name);
  const filterParams = [];
  for (const f of filterable) {
    const ranged = ['date', 'instant', 'money', 'integer'].includes(f.type);
    filterParams.push(`        - name: ${f.name}`, '          in: query',
      `          description: ${quote(`${f.zh}: any of these values, comma-separated`)}`,
      '          schema:\n            type: string');
    if (ranged) {
      for (const end of ['from', 'to']) {
        filterParams.push(`        - name: ${f.name}_${end}`, '          in: query',
          `          description: ${quote(`${f.zh} ${end === 'from' ? '≥' : '≤'} (a date as the end of a time range covers the day)`)}`,
          '          schema:\n            type: string');
      }
    }
  }
  const listParams = [
    "        - $ref: '#/components/parameters/Page'",
    "        - $ref: '#/components/parameters/PageSize'",
    '        - name: q', '          in: query',
    `          description: ${quote(`Case-insensitive text in ${searchable.join(', ') || 'no field'}, or an exact external_id.`)}`,
    '          schema:\n            type: string',
    '        - name: sort', '          in: query',
    `          description: ${quote(`One of ${sortable.join(', ')}; a leading '-' sorts descending. Default ${k.default_sort}.`)}`,
    '          schema:\n            type: string',
    ...filterParams,
  ];
  const R = (code, ref) => [`        '${code}':`, `          $ref: '#/components/responses/${ref}'`];
  const out = [];
  out.push(`  /api/${k.plural}:`,
    '    get:', `      tags: [${tag}]`, `      operationId: list${pascal(k.plural)}`, `      summary: List ${k.plural}`,
    `      description: ${quote(`分页列出数据范围内的${k.zh}，可搜索、排序、筛选。`)}`, '      parameters:', ...listParams,
    '      responses:', "        '200':", `          description: One page of ${k.plural}.`, '          content:',
    '            application/json:', '              schema:', `                $ref: '#/components/schemas/${name}Page'`,
    ...R(400, 'InvalidQuery'), ...R(401, 'Unauthenticated'), ...R(500, 'Internal'),
    '    post:', `      tags: [${tag}]`, `      operationId: create${name}`, `      summary: Create a ${k.name}`,
    `      description: ${quote(`新建${k.zh}；负责人默认为当前用户，须在数据范围内。`)}`, '      parameters:',
    "        - $ref: '#/components/parameters/CsrfToken'", '      requestBody:', '        required: true', '        content:',
    '          application/json:', '            schema:', `              $ref: '#/components/schemas/${name}Create'`,
    '      responses:', "        '201':", '          description: Created.', '          content:', '            application/json:',
    '              schema:', `                $ref: '#/components/schemas/${name}'`,
    ...R(400, 'BadRequest'), ...R(401, 'Unauthenticated'), ...R(403, 'Forbidden'), ...R(409, 'AlreadyExists'),
    ...R(413, 'PayloadTooLarge'), ...R(415, 'UnsupportedMediaType'), ...R(500, 'Internal'));
  out.push(`  /api/${k.plural}/export:`,
    '    get:', `      tags: [${tag}]`, `      operationId: export${pascal(k.plural)}`, `      summary: Export ${k.plural} to .xlsx`,
    `      description: ${quote(`按列表的筛选、搜索与排序导出数据范围内的${k.zh}（.xlsx，最多 1,000,000 行）；列名可被导入识别。`)}`,
    '      parameters:', ...listParams.filter((l) => !l.includes('/Page')),
    '        - name: lang', '          in: query', '          description: en for English column headers.',
    '          schema:\n            type: string',
    '      responses:', "        '200':", '          description: The workbook.', '          content:',
    '            application/vnd.openxmlformats-officedocument.spreadsheetml.sheet:', '              schema:',
    '                type: string', '                format: binary',
    ...R(400, 'InvalidQuery'), ...R(401, 'Unauthenticated'), ...R(500, 'Internal'));
  out.push(`  /api/${k.plural}/{id}:`,
    '    get:', `      tags: [${tag}]`, `      operationId: get${name}`, `      summary: Get a ${k.name}`,
    `      description: ${quote(`读取一条${k.zh}（须在数据范围内，否则 404）。`)}`, '      parameters:',
    "        - $ref: '#/components/parameters/Id'", '      responses:', "        '200':", `          description: The ${k.name}.`,
    '          content:', '            application/json:', '              schema:', `                $ref: '#/components/schemas/${name}'`,
    ...R(401, 'Unauthenticated'), ...R(404, 'NotFound'), ...R(500, 'Internal'),
    '    patch:', `      tags: [${tag}]`, `      operationId: update${name}`, `      summary: Change a ${k.name}`,
    `      description: ${quote(`修改${k.zh}，须带上读取时的 version；过期的 version 得到 409 与当前版本。`)}`, '      parameters:',
    "        - $ref: '#/components/parameters/Id'", "        - $ref: '#/components/parameters/CsrfToken'",
    '      requestBody:', '        required: true', '        content:', '          application/json:', '            schema:',
    `              $ref: '#/components/schemas/${name}Update'`, '      responses:', "        '200':",
    `          description: The changed ${k.name}.`, '          content:', '            application/json:', '              schema:',
    `                $ref: '#/components/schemas/${name}'`,
    ...R(400, 'BadRequest'), ...R(401, 'Unauthenticated'), ...R(403, 'Forbidden'), ...R(404, 'NotFound'),
    ...R(409, 'VersionConflictOrExists'), ...R(413, 'PayloadTooLarge'), ...R(415, 'UnsupportedMediaType'),
    ...R(500, 'Internal'),
    '    delete:', `      tags: [${tag}]`, `      operationId: delete${name}`, `      summary: Delete a ${k.name}`,
    `      description: ${quote(`删除${k.zh}，须带上 version；仍被其他记录引用时 409 in_use。`)}`, '      parameters:',
    "        - $ref: '#/components/parameters/Id'", "        - $ref: '#/components/parameters/Version'",
    "        - $ref: '#/components/parameters/CsrfToken'", '      responses:', "        '204':", '          description: Deleted.',
    ...R(400, 'InvalidQuery'), ...R(401, 'Unauthenticated'), ...R(403, 'Forbidden'), ...R(404, 'NotFound'),
    ...R(409, 'VersionConflictOrInUse'), ...R(500, 'Internal'));
  out.push(`  /api/${k.plural}/{id}/history:`,
    '    get:', `      tags: [${tag}]`, `      operationId: get${name}History`, `      summary: The changes of a ${k.name}`,
    `      description: ${quote(`一条${k.zh}的变更记录（来自审计日志，最新的在前，最多 200 条）：谁、何时、做了什么（create / update / delete / transfer…），以及每个变化字段的前后值（未变的字段不列出）。能看到该记录的人都能看；看不到时 404。`)}`,
    '      parameters:', "        - $ref: '#/components/parameters/Id'", '      responses:', "        '200':",
    '          description: The changes, newest first.', '          content:', '            application/json:',
    '              schema:', "                $ref: '#/components/schemas/RecordHistory'",
    ...R(400, 'InvalidQuery'), ...R(401, 'Unauthenticated'), ...R(404, 'NotFound'), ...R(500, 'Internal'));
  return out;
}

const schemaPath = ['  /api/schema:', '    get:', '      tags: [crm]', '      operationId: getSchema',
  '      summary: The CRM kinds and their fields', '      description: 各类业务数据的字段定义（类型、中英文名称、必填、可筛选等），网页据此生成表单。',
  '      responses:', "        '200':", '          description: Every kind with its fields.', '          content:',
  '            application/json:', '              schema:', '                type: object',
  "        '401':", "          $ref: '#/components/responses/Unauthenticated'"];

function replaceBetween(text, begin, end, lines) {
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`markers ${begin} / ${end} not found in docs/openapi.yaml`);
  return text.slice(0, a + begin.length) + '\n' + lines.join('\n') + '\n' + text.slice(b);
}

const current = readFileSync(SPEC, 'utf8');
let next = replaceBetween(current, '  # BEGIN CRM paths (generated by scripts/openapi_crm.mjs)', '  # END CRM paths',
  [...schemaPath, ...schema.kinds.flatMap(kindPaths)]);
next = replaceBetween(next, '    # BEGIN CRM schemas (generated by scripts/openapi_crm.mjs)', '    # END CRM schemas',
  schema.kinds.flatMap(kindSchemas));
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('docs/openapi.yaml is out of date with `fupan schema`: run node scripts/openapi_crm.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(SPEC, next);
}
