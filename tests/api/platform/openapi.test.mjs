// docs/openapi.yaml against the routes the server really has (`fupan routes`): every route must be
// documented, every documented operation must exist, and every '#/components/...' reference must
// point at something defined. Needs the built binary, not a running server.
//
// The document is read by its layout convention, not by a YAML library (no npm dependencies):
// `paths:` at column 0, each path key at exactly 2 spaces (`  /api/users/{id}:`), each method at
// exactly 4 spaces (`    get:`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SPEC = path.join(ROOT, 'docs/openapi.yaml');
const BIN = path.resolve(ROOT, process.env.FUPAN_BIN ?? 'build/fupan');
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);

// Returns the routes the binary serves, as "METHOD /path" strings.
function serverRoutes() {
  const out = execFileSync(BIN, ['routes'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const routes = out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const r of routes) assert.match(r, /^[A-Z]+ \/\S*$/, `unexpected line from "fupan routes": ${r}`);
  return routes;
}

// Removes surrounding quotes from a YAML key.
const unquote = (s) => s.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');

// Returns the length of the leading spaces of `line`.
const indentOf = (line) => line.length - line.trimStart().length;

// Returns {operations: ["METHOD /path"], problems: [string]} read from the `paths:` section.
function documentedOperations(lines) {
  const operations = [];
  const problems = [];
  const seenPaths = new Set();
  let inPaths = false;
  let current = null;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (/^\S/.test(line)) {
      if (line.startsWith('#')) return;
      inPaths = /^paths:\s*$/.test(line);
      current = null;
      return;
    }
    if (!inPaths || line.trim() === '' || line.trim().startsWith('#')) return;
    const p = /^ {2}(\S.*):$/.exec(line);
    if (p) {
      const key = unquote(p[1]);
      if (!key.startsWith('/')) {
        problems.push(`line ${i + 1}: path key "${key}" does not start with "/"`);
        current = null;
        return;
      }
      if (seenPaths.has(key)) problems.push(`line ${i + 1}: path "${key}" is documented twice`);
      seenPaths.add(key);
      current = { path: key, methods: new Set() };
      return;
    }
    const m = /^ {4}([A-Za-z]+):\s*$/.exec(line);
    if (m && current) {
      const method = m[1];
      if (!METHODS.has(method)) return;  // parameters, summary, description, servers
      if (current.methods.has(method)) problems.push(`line ${i + 1}: ${method} ${current.path} is documented twice`);
      current.methods.add(method);
      operations.push(`${method.toUpperCase()} ${current.path}`);
    }
  });
  return { operations, problems };
}

// Returns the set of JSON pointers ("/components/schemas/User", ...) of the mapping keys in `lines`.
function definedPointers(lines) {
  const pointers = new Set();
  const stack = [];  // {indent, key}
  let blockIndent = -1;  // inside a block scalar (| or >) that started at this indent
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    let indent = indentOf(line);
    if (blockIndent >= 0) {
      if (indent > blockIndent) continue;
      blockIndent = -1;
    }
    let body = line.slice(indent);
    // A list item "- key: value": the key sits at the dash's indent + 2.
    while (body.startsWith('- ')) {
      indent += 2;
      body = body.slice(2);
    }
    const kv = /^('[^']*'|"[^"]*"|[^\s'"#][^:]*?):(?:\s+(.*))?$/.exec(body);
    if (!kv) continue;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    stack.push({ indent, key: unquote(kv[1]) });
    pointers.add('/' + stack.map((s) => s.key.replace(/~/g, '~0').replace(/\//g, '~1')).join('/'));
    if (kv[2] && /^[|>][-+0-9]*$/.test(kv[2].trim())) blockIndent = indent;
  }
  return pointers;
}

const specText = readFileSync(SPEC, 'utf8');
const specLines = specText.split(/\r?\n/);

test('docs/openapi.yaml documents every route of `fupan routes`, and nothing else', () => {
  const routes = serverRoutes();
  assert.ok(routes.length > 0, '"fupan routes" printed no routes');
  const { operations, problems } = documentedOperations(specLines);
  assert.ok(operations.length > 0, 'no operations found under "paths:" in docs/openapi.yaml (2-space paths, 4-space methods)');

  const documented = new Set(operations);
  const served = new Set(routes);
  const missing = routes.filter((r) => !documented.has(r));
  const stale = operations.filter((o) => !served.has(o));

  const report = [];
  if (missing.length) report.push(`routes missing from docs/openapi.yaml:\n  ${missing.join('\n  ')}`);
  if (stale.length) report.push(`documented operations the server does not have:\n  ${stale.join('\n  ')}`);
  if (problems.length) report.push(`layout problems:\n  ${problems.join('\n  ')}`);
  assert.equal(report.length, 0, report.join('\n'));
});

test("every $ref '#/components/...' in docs/openapi.yaml points at a definition", () => {
  const pointers = definedPointers(specLines);
  const dangling = [];
  specLines.forEach((line, i) => {
    for (const m of line.matchAll(/\$ref:\s*['"]?#(\/components\/[^'"\s]+)['"]?/g)) {
      if (!pointers.has(m[1])) dangling.push(`line ${i + 1}: #${m[1]}`);
    }
  });
  const refs = specLines.filter((l) => /\$ref:/.test(l));
  assert.ok(refs.length > 0, 'no $ref found in docs/openapi.yaml');
  assert.equal(dangling.length, 0, `$ref targets that do not exist:\n  ${dangling.join('\n  ')}`);
});
