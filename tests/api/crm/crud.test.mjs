// An admin's life cycle of each record: create, read, update, delete, each audited with before
// and after; deactivated users are locked out; lists page, sort and search.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  TEST_PASSWORD, assertNothingWritten, createRegion, createTeam, createUser, del, discover, expectError,
  expectStatus, freshSession, get, listAll, login, patch, post, todayShanghai, unique,
} from '../lib.mjs';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

// Returns the audit entries of one record, oldest first.
async function auditOf(entity, id) {
  const body = expectStatus(await get('admin', `/api/audit-entries?entity=${entity}&entity_id=${id}&page_size=500`),
    200);
  return [...body.items].sort((a, b) => a.id - b.id);
}

let admin;
before(async () => {
  admin = (await discover()).user('admin');
});

test('region: create, read, update, delete, each audited with before and after', async () => {
  const name = unique('华西区');
  const created = expectStatus(await post('admin', '/api/regions', { name, code: 'WEST' }), 201);
  assert.equal(created.name, name);
  assert.equal(created.code, 'WEST');
  assert.equal(created.version, 1);
  assert.match(created.created_at, RFC3339);
  assert.equal(created.created_at, created.updated_at);
  const path = `/api/regions/${created.id}`;
  assert.deepEqual(expectStatus(await get('admin', path), 200), created);

  const updated = expectStatus(await patch('admin', path, { version: 1, name: `${name}改` }), 200);
  assert.equal(updated.name, `${name}改`);
  assert.equal(updated.code, 'WEST', 'fields not sent stay');
  assert.equal(updated.version, 2);
  assert.ok(updated.updated_at >= created.updated_at);
  assert.equal(updated.created_at, created.created_at);
  assert.deepEqual(expectStatus(await get('admin', path), 200), updated);

  expectStatus(await del('admin', `${path}?version=2`), 204);
  expectError(await get('admin', path), 404, 'not_found');
  assert.ok(!(await listAll('/api/regions')).some((r) => r.id === created.id));

  const audit = await auditOf('region', created.id);
  assert.deepEqual(audit.map((a) => a.action), ['create', 'update', 'delete']);
  for (const a of audit) {
    assert.equal(a.user_id, admin.id);
    assert.equal(a.entity, 'region');
    assert.equal(a.entity_id, created.id);
    assert.match(a.at, RFC3339);
  }
  assert.equal(audit[0].before, null);
  assert.equal(audit[0].after.name, name);
  assert.equal(audit[1].before.name, name);
  assert.equal(audit[1].after.name, `${name}改`);
  assert.equal(audit[1].after.version, 2);
  assert.equal(audit[2].before.name, `${name}改`);
  assert.equal(audit[2].after, null);
});

test('team and sub-team: a sub-team takes its parent\'s region; a team in use cannot be deleted', async () => {
  const region = await createRegion();
  const team = expectStatus(await post('admin', '/api/teams', { name: unique('西部一部'), region_id: region.id }), 201);
  assert.equal(team.region_id, region.id);
  assert.equal(team.parent_id, null);
  const sub = expectStatus(await post('admin', '/api/teams', { name: unique('西部二部'), parent_id: team.id }), 201);
  assert.equal(sub.parent_id, team.id);
  assert.equal(sub.region_id, region.id, 'the region comes from the parent');

  const children = expectStatus(await get('admin', `/api/teams?parent_id=${team.id}`), 200);
  assert.deepEqual(children.items.map((t) => t.id), [sub.id]);
  const tops = await listAll(`/api/teams?region_id=${region.id}&parent_id=null`);
  assert.deepEqual(tops.map((t) => t.id), [team.id]);

  // The parent has a sub-team: deleting it is 409 in_use, and nothing changes.
  await assertNothingWritten([`/api/teams/${team.id}`, `/api/teams/${sub.id}`], async () => {
    expectError(await del('admin', `/api/teams/${team.id}?version=1`), 409, 'in_use', null);
  }, 'delete a parent team');

  // Move the sub-team to the top level, rename it, then delete both.
  const moved = expectStatus(await patch('admin', `/api/teams/${sub.id}`,
    { version: 1, parent_id: null, name: unique('西部独立') }), 200);
  assert.equal(moved.parent_id, null);
  assert.equal(moved.version, 2);
  expectStatus(await del('admin', `/api/teams/${team.id}?version=1`), 204);
  expectStatus(await del('admin', `/api/teams/${sub.id}?version=2`), 204);
  const audit = await auditOf('team', sub.id);
  assert.deepEqual(audit.map((a) => a.action), ['create', 'update', 'delete']);
  assert.equal(audit[1].before.parent_id, team.id);
  assert.equal(audit[1].after.parent_id, null);
});

test('a region that has teams cannot be deleted: 409 in_use, nothing changes', async () => {
  const region = await createRegion();
  const team = await createTeam(region.id);
  await assertNothingWritten([`/api/regions/${region.id}`, `/api/teams/${team.id}`], async () => {
    const e = expectError(await del('admin', `/api/regions/${region.id}?version=1`), 409, 'in_use', null);
    assert.ok(e.message.length > 0);
  }, 'delete a region in use');
  // A demo region with teams and users, too.
  const d = await discover();
  const east = d.region('华东区');
  await assertNothingWritten([`/api/regions/${east.id}`], async () => {
    expectError(await del('admin', `/api/regions/${east.id}?version=${east.version}`), 409, 'in_use');
  }, 'delete 华东区');
  expectStatus(await del('admin', `/api/teams/${team.id}?version=1`), 204);
  // A director's region is in use too.
  const director = await createUser({ roles: ['director'], region_id: region.id });
  await assertNothingWritten([`/api/regions/${region.id}`], async () => {
    expectError(await del('admin', `/api/regions/${region.id}?version=1`), 409, 'in_use');
  }, 'delete a director\'s region');
  expectStatus(await patch('admin', `/api/users/${director.id}`, { version: 1, region_id: null }), 200);
  expectStatus(await del('admin', `/api/regions/${region.id}?version=1`), 204);
});

test('memberships keep history: a move between teams on a date, shown by date', async () => {
  const region = await createRegion();
  const teamA = await createTeam(region.id);
  const teamB = await createTeam(region.id);
  const user = await createUser();
  const today = todayShanghai();

  const first = expectStatus(await post('admin', '/api/memberships',
    { user_id: user.id, team_id: teamA.id, valid_from: '2024-01-01' }), 201);
  assert.equal(first.role, 'member', 'member by default');
  assert.equal(first.valid_to, null);
  // The move: end the stint in A, start one in B the same day.
  const ended = expectStatus(await patch('admin', `/api/memberships/${first.id}`,
    { version: 1, valid_to: '2025-06-01' }), 200);
  assert.equal(ended.valid_to, '2025-06-01');
  assert.equal(ended.valid_from, '2024-01-01');
  const second = expectStatus(await post('admin', '/api/memberships',
    { user_id: user.id, team_id: teamB.id, role: 'leader', valid_from: '2025-06-01' }), 201);
  // A later stint back in A that does not overlap the first is fine.
  const back = expectStatus(await post('admin', '/api/memberships',
    { user_id: user.id, team_id: teamA.id, valid_from: '2025-06-01', valid_to: '2025-07-01' }), 201);

  const history = await listAll(`/api/memberships?user_id=${user.id}`);
  assert.deepEqual(history.map((m) => m.id).sort((a, b) => a - b), [first.id, second.id, back.id]);
  const current = await listAll(`/api/memberships?user_id=${user.id}&current=true`);
  assert.deepEqual(current.map((m) => m.id), today >= '2025-06-01' ? [second.id] : [first.id]);
  const u = expectStatus(await get('admin', `/api/users/${user.id}`), 200);
  assert.deepEqual(u.teams, [{ team_id: teamB.id, team_name: teamB.name, role: 'leader' }]);
  const members = await listAll(`/api/users?team_id=${teamB.id}`);
  assert.deepEqual(members.map((x) => x.id), [user.id]);
  assert.deepEqual(await listAll(`/api/users?team_id=${teamA.id}`), []);

  // A team with memberships, even past ones, cannot be deleted.
  expectError(await del('admin', `/api/teams/${teamA.id}?version=1`), 409, 'in_use');

  expectStatus(await del('admin', `/api/memberships/${back.id}?version=1`), 204);
  expectError(await get('admin', `/api/memberships/${back.id}`), 404, 'not_found');
  const audit = await auditOf('membership', first.id);
  assert.deepEqual(audit.map((a) => a.action), ['create', 'update']);
  assert.equal(audit[1].before.valid_to, null);
  assert.equal(audit[1].after.valid_to, '2025-06-01');
});

test('user: create, read, update; deactivation locks them out and ends their sessions', async () => {
  const d = await discover();
  const username = unique('zhang.san');
  const created = expectStatus(await post('admin', '/api/users', {
    username, display_name: '张三', password: TEST_PASSWORD, roles: ['rep', 'analyst'],
    email: 'zhangsan@example.cn', phone: '+86 138 0000 0000', region_id: d.region('华东区').id,
  }), 201);
  assert.equal(created.username, username);
  assert.deepEqual([...created.roles].sort(), ['analyst', 'rep']);
  assert.equal(created.active, true);
  assert.equal(created.version, 1);
  assert.deepEqual(created.teams, []);
  assert.equal(created.password, undefined);
  assert.equal(created.password_hash, undefined);
  const path = `/api/users/${created.id}`;
  assert.deepEqual(expectStatus(await get('admin', path), 200), created);

  const s = await freshSession(username, TEST_PASSWORD);
  assert.deepEqual(expectStatus(await get({ token: s.token }, '/api/auth/me'), 200).user.id, created.id);

  const updated = expectStatus(await patch('admin', path,
    { version: 1, display_name: '张三丰', roles: ['manager'], region_id: null, email: '' }), 200);
  assert.equal(updated.display_name, '张三丰');
  assert.deepEqual(updated.roles, ['manager']);
  assert.equal(updated.region_id, null);
  assert.equal(updated.email, '');
  assert.equal(updated.phone, '+86 138 0000 0000');
  assert.equal(updated.version, 2);
  // The session carries on with the new roles.
  assert.deepEqual(expectStatus(await get({ token: s.token }, '/api/auth/me'), 200).user.roles, ['manager']);

  // DELETE deactivates (the record stays for history).
  const gone = expectStatus(await del('admin', `${path}?version=2`), 200);
  assert.equal(gone.active, false);
  assert.equal(gone.version, 3);
  expectError(await get({ token: s.token }, '/api/auth/me'), 401, 'unauthenticated');
  expectError(await login(username, TEST_PASSWORD), 401, 'login_failed');
  assert.equal(expectStatus(await get('admin', path), 200).active, false);
  const inactive = await listAll('/api/users?active=false');
  assert.ok(inactive.some((u) => u.id === created.id));
  assert.ok(!(await listAll('/api/users?active=true')).some((u) => u.id === created.id));

  // Reactivated, they log in again.
  expectStatus(await patch('admin', path, { version: 3, active: true }), 200);
  expectStatus(await login(username, TEST_PASSWORD), 200);

  const audit = await auditOf('user', created.id);
  const changes = audit.filter((a) => ['create', 'update'].includes(a.action));
  assert.deepEqual(changes.map((a) => a.action), ['create', 'update', 'update', 'update']);
  assert.equal(changes[0].after.username, username);
  assert.equal(changes[1].before.display_name, '张三');
  assert.equal(changes[1].after.display_name, '张三丰');
  assert.equal(changes[2].before.active, true);
  assert.equal(changes[2].after.active, false);
  for (const a of audit) assert.ok(!JSON.stringify(a).includes('argon2'), 'no password hash in the audit log');
  const sessions = await auditOf('session', created.id);
  assert.ok(sessions.some((a) => a.action === 'login' && a.user_id === created.id), 'logins are audited');
  assert.ok(sessions.some((a) => a.action === 'login_failed'), 'refused logins are audited');
});

test('admin password reset: the new password works, the user\'s sessions end', async () => {
  const user = await createUser();
  const s = await freshSession(user.username, TEST_PASSWORD);
  expectStatus(await post('admin', `/api/users/${user.id}/password`, { password: 'reset-by-admin-1' }), 204);
  expectError(await get({ token: s.token }, '/api/auth/me'), 401, 'unauthenticated');
  expectStatus(await login(user.username, 'reset-by-admin-1'), 200);
  const audit = await auditOf('user', user.id);
  assert.ok(audit.some((a) => a.action === 'password_reset' && a.user_id === admin.id));
  expectError(await post('admin', '/api/users/99999999/password', { password: 'reset-by-admin-1' }), 404, 'not_found');
});

test('org settings: read and update, audited', async () => {
  const org = expectStatus(await get('admin', '/api/org'), 200);
  assert.equal(org.timezone, 'Asia/Shanghai');
  assert.equal(org.currency, 'CNY');
  const changed = expectStatus(await patch('admin', '/api/org', { version: org.version, fiscal_year_start_month: 4 }),
    200);
  assert.equal(changed.fiscal_year_start_month, 4);
  assert.equal(changed.name, org.name);
  const back = expectStatus(await patch('admin', '/api/org',
    { version: changed.version, fiscal_year_start_month: org.fiscal_year_start_month }), 200);
  assert.equal(back.fiscal_year_start_month, org.fiscal_year_start_month);
  const audit = await auditOf('org', org.id);
  const last = audit.slice(-2);
  assert.deepEqual(last.map((a) => [a.before.fiscal_year_start_month, a.after.fiscal_year_start_month]),
    [[org.fiscal_year_start_month, 4], [4, org.fiscal_year_start_month]]);
});

test('lists page: page_size, page and total', async () => {
  const all = await listAll('/api/users');
  const total = all.length;
  assert.ok(total > 5);
  const p1 = expectStatus(await get('admin', '/api/users?page_size=2'), 200);
  assert.equal(p1.total, total);
  assert.equal(p1.page, 1);
  assert.equal(p1.page_size, 2);
  assert.equal(p1.items.length, 2);
  const p2 = expectStatus(await get('admin', '/api/users?page_size=2&page=2'), 200);
  assert.equal(p2.page, 2);
  assert.equal(p2.items.length, 2);
  assert.deepEqual([...p1.items, ...p2.items].map((u) => u.id), all.slice(0, 4).map((u) => u.id));
  const last = Math.ceil(total / 3);
  const tail = expectStatus(await get('admin', `/api/users?page_size=3&page=${last}`), 200);
  assert.equal(tail.items.length, total - (last - 1) * 3);
  const beyond = expectStatus(await get('admin', `/api/users?page_size=3&page=${last + 1}`), 200);
  assert.deepEqual(beyond.items, []);
  assert.equal(beyond.total, total);
  const dflt = expectStatus(await get('admin', '/api/users'), 200);
  assert.equal(dflt.page_size, 50);
  assert.equal(dflt.items.length, Math.min(50, total));
  const audit = expectStatus(await get('admin', '/api/audit-entries?page_size=3&page=2'), 200);
  assert.equal(audit.items.length, 3);
});

test('lists sort by a field, ascending or descending with -', async () => {
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const byName = (await listAll('/api/users?sort=username')).map((u) => u.username);
  assert.deepEqual(byName, [...byName].sort(cmp));
  const desc = (await listAll('/api/users?sort=-username')).map((u) => u.username);
  assert.deepEqual(desc, [...byName].reverse());
  const ids = (await listAll('/api/teams?sort=-id')).map((t) => t.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  const names = (await listAll('/api/regions?sort=name')).map((r) => r.name);
  assert.deepEqual(names, [...names].sort(cmp));
  const dflt = (await listAll('/api/teams')).map((t) => t.id);
  assert.deepEqual(dflt, [...dflt].sort((a, b) => a - b), 'by id by default');
});

test('lists search with q, Chinese names included', async () => {
  const d = await discover();
  const teams = expectStatus(await get('admin', `/api/teams?q=${encodeURIComponent('上海')}`), 200);
  const expected = d.teams.filter((t) => t.name.includes('上海')).map((t) => t.id);
  assert.ok(expected.length >= 2);
  assert.equal(teams.total, expected.length);
  assert.deepEqual(teams.items.map((t) => t.id), expected);
  assert.ok(teams.items.some((t) => t.name === '上海一部'));
  assert.ok(teams.items.some((t) => t.name === '上海二部'));

  const regions = expectStatus(await get('admin', `/api/regions?q=${encodeURIComponent('华南')}`), 200);
  assert.deepEqual(regions.items.map((r) => r.name), ['华南区']);
  const byCode = expectStatus(await get('admin', '/api/regions?q=north'), 200);
  assert.deepEqual(byCode.items.map((r) => r.code), ['NORTH'], 'case-insensitive on the code');

  const user = await createUser({ display_name: unique('欧阳') });
  const found = expectStatus(await get('admin', `/api/users?q=${encodeURIComponent(user.display_name)}`), 200);
  assert.deepEqual(found.items.map((u) => u.id), [user.id]);
  const byUsername = expectStatus(await get('admin', `/api/users?q=${user.username.toUpperCase()}`), 200);
  assert.deepEqual(byUsername.items.map((u) => u.id), [user.id]);
  const none = expectStatus(await get('admin', `/api/users?q=${encodeURIComponent('不存在的名字')}`), 200);
  assert.equal(none.total, 0);
  // q combines with paging: total counts all matches.
  const wang = await listAll('/api/users?q=wang');
  const page = expectStatus(await get('admin', '/api/users?q=wang&page_size=1'), 200);
  assert.equal(page.total, wang.length);
  assert.ok(wang.every((u) => `${u.username}${u.display_name}${u.email}`.toLowerCase().includes('wang')));
});
