// Shared helpers for the API tests: requests, demo logins (cached), discovery of the demo org
// through admin calls, and the "nothing was written" check.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BASE = (process.env.FUPAN_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
export const BIN = process.env.FUPAN_BIN ?? fileURLToPath(new URL('../../build/fupan', import.meta.url));
// The store the server runs on (run.sh sets it); null when the suite runs against a server it did not start.
export const DB = process.env.FUPAN_DB || null;
export const DEMO_PASSWORD = 'fupan-demo';
export const TEST_PASSWORD = 'test-pass-2026';
export const ROLES = ['rep', 'manager', 'director', 'analyst', 'admin'];
export const CALLERS = ['anonymous', ...ROLES];
export const ONE_MIB = 1 << 20;

// ---- requests ----

let counter = 0;
// Returns a name no other test run uses: `prefix` + time + a counter (lower-case, digits).
export function unique(prefix = 't') {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

// Sends one request. `body` is sent as JSON; `raw` as is (with `type` as Content-Type, default
// application/json). `as` is a role name, 'anonymous'/null, or {token} / {cookie, csrf}.
// Returns {status, body (parsed JSON or null), text, headers}.
export async function request(method, path, { as = null, body, raw, type, headers = {}, lang } = {}) {
  const h = { ...headers };
  if (lang) h['accept-language'] = lang;
  if (typeof as === 'string' && as !== 'anonymous') {
    h.authorization = `Bearer ${(await session(as)).token}`;
  } else if (as && as.token) {
    h.authorization = `Bearer ${as.token}`;
  } else if (as && as.cookie) {
    h.cookie = `fupan_session=${as.cookie}`;
    if (as.csrf) h['x-csrf-token'] = as.csrf;
  }
  let payload;
  if (raw !== undefined) {
    // fetch labels a string body text/plain; bytes go without a Content-Type.
    payload = type === null ? Buffer.from(raw) : raw;
    if (type !== null) h['content-type'] = type ?? 'application/json';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] = type ?? 'application/json';
  }
  const res = await fetch(BASE + path, { method, headers: h, body: payload });
  const text = await res.text();
  let json = null;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text);
  return { status: res.status, body: json, text, headers: res.headers };
}

export const get = (as, path, opts = {}) => request('GET', path, { ...opts, as });
export const post = (as, path, body, opts = {}) => request('POST', path, { ...opts, as, body });
export const patch = (as, path, body, opts = {}) => request('PATCH', path, { ...opts, as, body });
export const del = (as, path, opts = {}) => request('DELETE', path, { ...opts, as });

// Asserts `res` has status `status`, and JSON when `status` is not 204.
export function expectStatus(res, status, what = '') {
  assert.equal(res.status, status, `${what} expected ${status}, got ${res.status}: ${res.text.slice(0, 300)}`);
  return res.body;
}

// Asserts `res` is the error {"error":{"code","message","field"?}} with this status, code and field
// (field undefined: not checked; null: must be absent).
export function expectError(res, status, code, field, what = '') {
  const label = `${what} ${res.status} ${res.text.slice(0, 300)}`;
  assert.equal(res.status, status, label);
  assertErrorShape(res, label);
  assert.equal(res.body.error.code, code, label);
  if (field === null) assert.equal(res.body.error.field, undefined, label);
  else if (field !== undefined) assert.equal(res.body.error.field, field, label);
  return res.body.error;
}

const CJK = /[\u4e00-\u9fff]/;
// Asserts the body is exactly {"error":{code, message, field?, detail_code?, params?,
// current_version?, affected?}}: detail_code and params (integers and strings by name) together.
export function assertErrorShape(res, label = '') {
  assert.ok(res.body && typeof res.body === 'object', `error body is JSON ${label}`);
  assert.deepEqual(Object.keys(res.body), ['error'], label);
  const e = res.body.error;
  for (const k of Object.keys(e)) {
    assert.ok(['code', 'message', 'field', 'detail_code', 'params', 'current_version', 'affected'].includes(k), `unexpected key ${k} ${label}`);
  }
  assert.equal(typeof e.code, 'string', label);
  assert.ok(/^[a-z_]+$/.test(e.code), label);
  assert.equal(typeof e.message, 'string', label);
  assert.ok(e.message.length > 0, label);
  if ('field' in e) assert.equal(typeof e.field, 'string', label);
  assert.equal('detail_code' in e, 'params' in e, `detail_code and params together ${label}`);
  if ('detail_code' in e) {
    assert.ok(/^[a-z0-9_]+$/.test(e.detail_code), label);
    assert.ok(e.params && typeof e.params === 'object' && !Array.isArray(e.params), label);
    for (const v of Object.values(e.params)) assert.ok(Number.isInteger(v) || typeof v === 'string', label);
  }
  if ('current_version' in e) assert.ok(Number.isInteger(e.current_version), label);
  if ('affected' in e) assert.ok(e.code === 'confirmation_required' && Number.isInteger(e.affected), label);
}

// Returns true iff `s` contains Chinese characters.
export const hasChinese = (s) => CJK.test(s);

// ---- sessions ----

const sessions = new Map();

// Logs in; returns the raw response.
export function login(username, password = DEMO_PASSWORD, opts = {}) {
  return request('POST', '/api/auth/login', { ...opts, body: { username, password } });
}

// Returns {token, csrf, user} for a demo role, logging in once per process.
export async function session(role) {
  if (!sessions.has(role)) {
    const res = await login(role);
    expectStatus(res, 200, `login as ${role}`);
    sessions.set(role, { token: res.body.token, csrf: res.body.csrf_token, user: res.body.user });
  }
  return sessions.get(role);
}

// Returns a new session for `username` (not cached).
export async function freshSession(username, password = DEMO_PASSWORD) {
  const res = await login(username, password);
  expectStatus(res, 200, `login as ${username}`);
  return { token: res.body.token, csrf: res.body.csrf_token, user: res.body.user };
}

// Drops the cached session of `role` (after something ended it).
export function forget(role) {
  sessions.delete(role);
}

// Logs in every demo role (so later checks see no login audit rows).
export async function loginAll() {
  for (const r of ROLES) await session(r);
}

// ---- discovery (as admin; ids are never hard-coded) ----

// Returns every item of a list endpoint, paging through it as `as`.
export async function listAll(path, as = 'admin') {
  const items = [];
  for (let page = 1; ; page += 1) {
    const sep = path.includes('?') ? '&' : '?';
    const body = expectStatus(await get(as, `${path}${sep}page=${page}&page_size=500`), 200, path);
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

// Returns the demo org as admin sees it now: regions, teams, users, memberships, and lookups by name.
export async function discover() {
  const [regions, teams, users, memberships] = await Promise.all([
    listAll('/api/regions'),
    listAll('/api/teams'),
    listAll('/api/users'),
    listAll('/api/memberships'),
  ]);
  const byName = (list, key, name) => {
    const found = list.find((x) => x[key] === name);
    assert.ok(found, `demo record ${name} exists`);
    return found;
  };
  return {
    regions,
    teams,
    users,
    memberships,
    region: (name) => byName(regions, 'name', name),
    team: (name) => byName(teams, 'name', name),
    user: (username) => byName(users, 'username', username),
    // Ids of `root` and every team below it.
    subtree(rootId) {
      const out = [rootId];
      for (let i = 0; i < out.length; i += 1) {
        for (const t of teams) if (t.parent_id === out[i]) out.push(t.id);
      }
      return out;
    },
    // User ids with a membership of one of `teamIds` that holds today.
    currentMembers(teamIds, today) {
      const ids = new Set();
      for (const m of memberships) {
        if (!teamIds.includes(m.team_id)) continue;
        if (m.valid_from <= today && (m.valid_to === null || today < m.valid_to)) ids.add(m.user_id);
      }
      return ids;
    },
    // A current member (not a leader) of the team named `name`, other than `except`.
    memberOf(name, except = []) {
      const team = byName(teams, 'name', name);
      const today = todayShanghai();
      const m = memberships.find((x) => x.team_id === team.id && x.role === 'member' &&
        x.valid_from <= today && (x.valid_to === null || today < x.valid_to) && !except.includes(x.user_id));
      assert.ok(m, `a member of ${name}`);
      return users.find((u) => u.id === m.user_id);
    },
  };
}

// The day the demo org was made (its history runs for two years before it), in Shanghai: tests
// that need data derive their periods from it, never from today.
export async function demoDay() {
  const org = expectStatus(await get('admin', '/api/org'), 200);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(org.created_at));
}

// Calendar days as YYYY-MM-DD: `n` days after `day` (UTC midnights, so no zone shifts them).
export const DAY_MS = 86400000;
export const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

// Returns today's date in Asia/Shanghai (the demo org's zone) as YYYY-MM-DD.
export function todayShanghai() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

// ---- fixtures (created by admin, unique names) ----

export async function createRegion(extra = {}) {
  return expectStatus(await post('admin', '/api/regions', { name: unique('测试区域'), code: unique('R'), ...extra }),
    201, 'create region');
}

export async function createTeam(regionId, extra = {}) {
  return expectStatus(await post('admin', '/api/teams', { name: unique('测试团队'), region_id: regionId, ...extra }),
    201, 'create team');
}

export async function createUser(extra = {}) {
  const username = extra.username ?? unique('u');
  return expectStatus(await post('admin', '/api/users', {
    username, display_name: `测试用户${username}`, password: TEST_PASSWORD, roles: ['rep'], ...extra,
  }), 201, 'create user');
}

export async function createMembership(userId, teamId, extra = {}) {
  return expectStatus(await post('admin', '/api/memberships', { user_id: userId, team_id: teamId, ...extra }),
    201, 'create membership');
}

// ---- "nothing was written" ----

// Returns the number of audit entries (as admin).
export async function auditTotal() {
  return expectStatus(await get('admin', '/api/audit-entries?page_size=1'), 200, 'audit').total;
}

// Reads `paths` as admin; returns their bodies.
export async function readAll(paths) {
  const out = [];
  for (const p of paths) out.push((await get('admin', p)).body);
  return out;
}

// Runs `action`, and asserts that the admin reads of `paths` and the audit log are the same after it.
// Returns what `action` returned.
export async function assertNothingWritten(paths, action, what = '') {
  await loginAll();
  const audit = await auditTotal();
  const before = await readAll(paths);
  const result = await action();
  assert.deepEqual(await readAll(paths), before, `${what}: records unchanged`);
  assert.equal(await auditTotal(), audit, `${what}: no audit entry`);
  return result;
}

// Returns every route the server has, from `fupan routes`.
export function serverRoutes() {
  return execFileSync(BIN, ['routes'], { encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean);
}
