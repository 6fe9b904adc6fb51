// Optimistic locking: a write with a stale version is 409 version_conflict with the current
// version and changes nothing; of two concurrent writes of one version exactly one wins.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  assertNothingWritten, createMembership, createRegion, createTeam, createUser, del, discover, expectError,
  expectStatus, get, patch, post, request, unique,
} from '../lib.mjs';

let fx;
before(async () => {
  const d = await discover();
  const region = await createRegion();
  const team = await createTeam(region.id);
  const user = await createUser();
  fx = { d, region, team, user, membership: await createMembership(user.id, team.id, { valid_from: '2024-01-01' }) };
});

// Each resource: where it lives and two different valid changes.
const RESOURCES = {
  user: {
    path: () => `/api/users/${fx.user.id}`,
    changes: [() => ({ display_name: unique('甲') }), () => ({ display_name: unique('乙'), phone: '021-5555 0000' })],
  },
  team: {
    path: () => `/api/teams/${fx.team.id}`,
    changes: [() => ({ name: unique('甲队') }), () => ({ name: unique('乙队') })],
  },
  region: {
    path: () => `/api/regions/${fx.region.id}`,
    changes: [() => ({ name: unique('甲区') }), () => ({ code: unique('B') })],
  },
  membership: {
    path: () => `/api/memberships/${fx.membership.id}`,
    changes: [() => ({ role: 'leader' }), () => ({ role: 'member', valid_to: '2030-01-01' })],
  },
  org: {
    path: () => '/api/org',
    // The org is shared by every test: change it in ways that leave it as it was.
    changes: [() => ({ fiscal_year_start_month: 1 }), () => ({ timezone: 'Asia/Shanghai' })],
  },
};

const read = async (path) => expectStatus(await get('admin', path), 200, path);

for (const [name, r] of Object.entries(RESOURCES)) {
  test(`${name}: a PATCH with a stale version is 409 with current_version, and changes nothing`, async () => {
    const path = r.path();
    const v1 = await read(path);
    const v2 = expectStatus(await patch('admin', path, { version: v1.version, ...r.changes[0]() }), 200);
    assert.equal(v2.version, v1.version + 1);
    assert.deepEqual(await read(path), v2, 'the answer is what was stored');
    await assertNothingWritten([path], async () => {
      for (const stale of [v1.version, v1.version - 1, v2.version + 1, v2.version + 1000]) {
        const e = expectError(await patch('admin', path, { version: stale, ...r.changes[1]() }), 409,
          'version_conflict', null, `${name} version ${stale}`);
        assert.equal(e.current_version, v2.version);
      }
    }, `${name} stale PATCH`);
    const en = await patch('admin', path, { version: v1.version, ...r.changes[1]() }, { lang: 'en' });
    assert.match(expectError(en, 409, 'version_conflict').message, /changed/);
  });

  test(`${name}: two concurrent PATCHes of one version: exactly one wins, the other is 409`, async () => {
    const path = r.path();
    for (let round = 0; round < 5; round += 1) {
      const current = await read(path);
      const bodies = r.changes.map((c) => ({ version: current.version, ...c() }));
      const results = await Promise.all(bodies.map((b) => patch('admin', path, b)));
      const statuses = results.map((x) => x.status).sort();
      assert.deepEqual(statuses, [200, 409], `round ${round}: ${results.map((x) => x.text).join(' | ')}`);
      const winner = results.find((x) => x.status === 200).body;
      const loser = results.find((x) => x.status === 409).body;
      assert.equal(winner.version, current.version + 1);
      assert.equal(loser.error.current_version, current.version + 1);
      assert.deepEqual(await read(path), winner, 'the stored record is the winner\'s');
    }
  });
}

test('DELETE with a stale ?version is 409 with current_version, and deletes nothing', async () => {
  const region = await createRegion();
  const team = await createTeam(region.id);
  const user = await createUser();
  const membership = await createMembership(user.id, team.id);
  // Bump every version once, then delete with the old one.
  const targets = [
    [`/api/memberships/${membership.id}`, { role: 'leader' }],
    [`/api/teams/${team.id}`, { name: unique('删前改名') }],
    [`/api/regions/${region.id}`, { code: 'OLD' }],
    [`/api/users/${user.id}`, { phone: '12345' }],
  ];
  for (const [path, change] of targets) {
    const before = await read(path);
    const after = expectStatus(await patch('admin', path, { version: before.version, ...change }), 200, path);
    await assertNothingWritten([path], async () => {
      const e = expectError(await del('admin', `${path}?version=${before.version}`), 409, 'version_conflict', null,
        path);
      assert.equal(e.current_version, after.version);
    }, `stale DELETE ${path}`);
  }
  expectStatus(await del('admin', `/api/memberships/${membership.id}?version=2`), 204);
  expectStatus(await del('admin', `/api/teams/${team.id}?version=2`), 204);
  expectStatus(await del('admin', `/api/regions/${region.id}?version=2`), 204);
  expectError(await get('admin', `/api/regions/${region.id}`), 404, 'not_found');
  // Deleting what is gone is 404, not 409.
  expectError(await del('admin', `/api/regions/${region.id}?version=2`), 404, 'not_found');
});

test('a concurrent DELETE and PATCH of one version: one wins, the other is 409 (or 404 after the delete)', async () => {
  for (let round = 0; round < 5; round += 1) {
    const region = await createRegion();
    const path = `/api/regions/${region.id}`;
    const [d, p] = await Promise.all([del('admin', `${path}?version=${region.version}`),
      patch('admin', path, { version: region.version, code: 'RACE' })]);
    const ok = [d.status === 204, p.status === 200].filter(Boolean).length;
    assert.equal(ok, 1, `round ${round}: DELETE ${d.status} ${d.text} / PATCH ${p.status} ${p.text}`);
    if (d.status === 204) assert.ok([404, 409].includes(p.status), p.text);
    else expectError(d, 409, 'version_conflict');
    if (p.status === 200) expectStatus(await del('admin', `${path}?version=${p.body.version}`), 204);
  }
});

test('two concurrent creates of one name: one 201, the other 409 already_exists', async () => {
  for (let round = 0; round < 3; round += 1) {
    const name = unique('并发区域');
    const results = await Promise.all([post('admin', '/api/regions', { name }), post('admin', '/api/regions', { name })]);
    assert.deepEqual(results.map((x) => x.status).sort(), [201, 409], results.map((x) => x.text).join(' | '));
    expectError(results.find((x) => x.status === 409), 409, 'already_exists', 'name');
    const username = unique('dup');
    const users = await Promise.all([0, 1].map((i) => post('admin', '/api/users',
      { username, display_name: `并发${i}`, password: 'test-pass-2026' })));
    assert.deepEqual(users.map((x) => x.status).sort(), [201, 409], users.map((x) => x.text).join(' | '));
  }
  const all = (await request('GET', '/api/regions?page_size=500&q=并发区域', { as: 'admin' })).body;
  assert.equal(new Set(all.items.map((x) => x.name)).size, all.items.length, 'no duplicate names');
});

test('two concurrent re-parentings that would close a loop: at most one succeeds, the tree stays a tree', async () => {
  for (let round = 0; round < 10; round += 1) {
    const a = await createTeam(fx.region.id);
    const b = await createTeam(fx.region.id);
    const results = await Promise.all([
      patch('admin', `/api/teams/${a.id}`, { version: a.version, parent_id: b.id }),
      patch('admin', `/api/teams/${b.id}`, { version: b.version, parent_id: a.id }),
    ]);
    const ok = results.filter((x) => x.status === 200);
    if (ok.length === 2) {
      // Undo the loop so the rest of the suite can run, then fail.
      const now = await read(`/api/teams/${a.id}`);
      await patch('admin', `/api/teams/${a.id}`, { version: now.version, parent_id: null });
    }
    assert.equal(ok.length, 1, `round ${round}: ${results.map((x) => `${x.status} ${x.text}`).join(' | ')}`);
    expectError(results.find((x) => x.status !== 200), 400, 'invalid_field', 'parent_id');
  }
});

test('two concurrent overlapping memberships of one user in one team: at most one is created', async () => {
  for (let round = 0; round < 5; round += 1) {
    const user = await createUser();
    const results = await Promise.all([
      post('admin', '/api/memberships', { user_id: user.id, team_id: fx.team.id, valid_from: '2024-01-01' }),
      post('admin', '/api/memberships', { user_id: user.id, team_id: fx.team.id, valid_from: '2024-03-01' }),
    ]);
    assert.deepEqual(results.map((x) => x.status).sort(), [201, 400],
      `round ${round}: ${results.map((x) => x.text).join(' | ')}`);
    expectError(results.find((x) => x.status === 400), 400, 'invalid_field', 'valid_from');
  }
});
