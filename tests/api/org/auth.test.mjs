// Logging in and out, cookies and CSRF, changing one's password, and the login rate limit.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  TEST_PASSWORD, assertNothingWritten, createUser, del, expectError, expectStatus, freshSession, get, login,
  post, request, todayShanghai, unique,
} from '../lib.mjs';

// A user of our own, so failed logins never count against a demo login.
let user;
before(async () => {
  user = await createUser({ username: unique('auth') });
});

test('login answers a token, a CSRF token, the expiry, the user, the org and its today', async () => {
  const res = await login(user.username, TEST_PASSWORD);
  const body = expectStatus(res, 200);
  assert.match(body.token, /^[0-9a-f]{64}$/);
  assert.match(body.csrf_token, /^[0-9a-f]{64}$/);
  assert.notEqual(body.token, body.csrf_token);
  assert.ok(Date.parse(body.expires_at) > Date.now(), 'expires in the future');
  assert.match(body.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.equal(body.user.id, user.id);
  assert.equal(body.user.username, user.username);
  assert.equal(body.user.password, undefined);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  // What /api/auth/me answers comes with it: no second round trip after signing in.
  const me = expectStatus(await get({ token: body.token }, '/api/auth/me'), 200);
  assert.deepEqual([body.org, body.today, body.user], [me.org, me.today, me.user]);
  assert.ok(Math.abs(Date.parse(body.now) - Date.now()) < 60000);
});

test('a wrong password or an unknown user is 401 login_failed, the same for both', async () => {
  const wrong = expectError(await login(user.username, 'not-the-password'), 401, 'login_failed', null);
  const unknown = expectError(await login(unique('nobody'), 'whatever-password'), 401, 'login_failed', null);
  assert.equal(wrong.message, unknown.message);
});

test('login without a user name or a password is 400 missing_field', async () => {
  expectError(await request('POST', '/api/auth/login', { body: { password: 'x' } }), 400, 'missing_field', 'username');
  expectError(await request('POST', '/api/auth/login', { body: { username: user.username } }), 400, 'missing_field',
    'password');
  expectError(await request('POST', '/api/auth/login', { body: {} }), 400, 'missing_field');
  expectError(await request('POST', '/api/auth/login', { body: { username: '', password: TEST_PASSWORD } }), 400,
    'missing_field', 'username');
});

test('login sets an HttpOnly, SameSite=Strict session cookie', async () => {
  const res = await login(user.username, TEST_PASSWORD);
  expectStatus(res, 200);
  const cookie = res.headers.get('set-cookie');
  assert.ok(cookie, 'Set-Cookie present');
  const parts = cookie.split(';').map((p) => p.trim());
  assert.equal(parts[0], `fupan_session=${res.body.token}`);
  assert.ok(parts.includes('HttpOnly'), cookie);
  assert.ok(parts.includes('SameSite=Strict'), cookie);
  assert.ok(parts.includes('Path=/'), cookie);
  const maxAge = parts.find((p) => p.startsWith('Max-Age='));
  assert.ok(maxAge && Number(maxAge.slice(8)) > 0, cookie);
});

test('a cookie session reads freely but writes only with the X-CSRF-Token header', async () => {
  const admin = await login('admin');
  expectStatus(admin, 200);
  const cookie = admin.body.token;
  const csrf = admin.body.csrf_token;

  const me = expectStatus(await get({ cookie }, '/api/auth/me'), 200);
  assert.equal(me.user.username, 'admin');
  assert.equal(me.csrf_token, csrf);

  const name = unique('CSRF区域');
  await assertNothingWritten(['/api/regions?page_size=500'], async () => {
    expectError(await post({ cookie }, '/api/regions', { name }), 403, 'csrf_failed', null);
    expectError(await post({ cookie, csrf: 'f'.repeat(64) }, '/api/regions', { name }), 403, 'csrf_failed');
    expectError(await post({ cookie, csrf: '' }, '/api/regions', { name }), 403, 'csrf_failed');
    expectError(await post({ cookie }, '/api/auth/logout', undefined), 403, 'csrf_failed');
  }, 'cookie write without CSRF');
  // The session survived the refused logout.
  expectStatus(await get({ cookie }, '/api/auth/me'), 200);

  const created = expectStatus(await post({ cookie, csrf }, '/api/regions', { name }), 201);
  assert.equal(created.name, name);
  const changed = expectStatus(await request('PATCH', `/api/regions/${created.id}`,
    { as: { cookie, csrf }, body: { version: created.version, code: 'CSRF' } }), 200);
  expectError(await del({ cookie }, `/api/regions/${created.id}?version=${changed.version}`), 403, 'csrf_failed');
  expectStatus(await del({ cookie, csrf }, `/api/regions/${created.id}?version=${changed.version}`), 204);

  const out = await post({ cookie, csrf }, '/api/auth/logout', undefined);
  expectStatus(out, 204);
  expectError(await get({ cookie }, '/api/auth/me'), 401, 'unauthenticated');
});

test('a Bearer token writes without the CSRF header', async () => {
  const s = await freshSession('admin');
  const name = unique('Bearer区域');
  const created = expectStatus(await post({ token: s.token }, '/api/regions', { name }), 201);
  expectStatus(await del({ token: s.token }, `/api/regions/${created.id}?version=${created.version}`), 204);
  // A Bearer token always wins over a cookie, so a cookie of another user changes nothing.
  const rep = await freshSession('rep');
  const me = expectStatus(await request('GET', '/api/auth/me',
    { headers: { authorization: `Bearer ${s.token}`, cookie: `fupan_session=${rep.token}` } }), 200);
  assert.equal(me.user.username, 'admin');
});

test('/api/auth/me answers the user, the org and the CSRF token; 401 without a session', async () => {
  const s = await freshSession(user.username, TEST_PASSWORD);
  const me = expectStatus(await get({ token: s.token }, '/api/auth/me'), 200);
  assert.equal(me.user.id, user.id);
  assert.deepEqual(me.user.roles, ['rep']);
  assert.equal(me.csrf_token, s.csrf);
  assert.equal(typeof me.org.name, 'string');
  assert.equal(typeof me.org.timezone, 'string');
  assert.equal(me.today, todayShanghai(), "the org's today, in its zone");
  assert.ok(Math.abs(Date.parse(me.now) - Date.now()) < 60000, "the server's now");
  expectError(await get(null, '/api/auth/me'), 401, 'unauthenticated', null);
  expectError(await get({ token: 'a'.repeat(64) }, '/api/auth/me'), 401, 'unauthenticated');
  expectError(await get({ token: 'short' }, '/api/auth/me'), 401, 'unauthenticated');
  expectError(await request('GET', '/api/auth/me', { headers: { authorization: 'Basic YWRtaW46eA==' } }), 401,
    'unauthenticated');
});

test('logout ends the session: the token is refused afterwards, the cookie is cleared', async () => {
  const s = await freshSession(user.username, TEST_PASSWORD);
  const other = await freshSession(user.username, TEST_PASSWORD);
  const res = await post({ token: s.token }, '/api/auth/logout', undefined);
  expectStatus(res, 204);
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, /^fupan_session=;/);
  assert.match(cookie, /Max-Age=0/);
  expectError(await get({ token: s.token }, '/api/auth/me'), 401, 'unauthenticated');
  expectError(await post({ token: s.token }, '/api/auth/logout', undefined), 401, 'unauthenticated');
  // Another session of the same user lives on.
  expectStatus(await get({ token: other.token }, '/api/auth/me'), 200);
});

test('changing one\'s own password: the new one logs in, the old one no longer; other sessions end', async () => {
  const me = await createUser({ username: unique('pw') });
  const s1 = await freshSession(me.username, TEST_PASSWORD);
  const s2 = await freshSession(me.username, TEST_PASSWORD);
  const newPassword = 'brand-new-password-1';

  expectError(await post({ token: s1.token }, '/api/auth/password',
    { old_password: 'wrong-old-password', new_password: newPassword }), 400, 'invalid_field', 'old_password');
  expectError(await post({ token: s1.token }, '/api/auth/password',
    { old_password: TEST_PASSWORD, new_password: 'short' }), 400, 'invalid_field', 'new_password');
  expectStatus(await get({ token: s2.token }, '/api/auth/me'), 200);

  expectStatus(await post({ token: s1.token }, '/api/auth/password',
    { old_password: TEST_PASSWORD, new_password: newPassword }), 204);
  expectStatus(await get({ token: s1.token }, '/api/auth/me'), 200, 'the changing session stays');
  expectError(await get({ token: s2.token }, '/api/auth/me'), 401, 'unauthenticated');
  expectError(await login(me.username, TEST_PASSWORD), 401, 'login_failed');
  const again = expectStatus(await login(me.username, newPassword), 200);
  assert.equal(again.user.id, me.id);

  const audit = expectStatus(await get('admin', `/api/audit-entries?entity=user&entity_id=${me.id}`), 200);
  assert.ok(audit.items.some((a) => a.action === 'password_change' && a.user_id === me.id), 'audited');
});

test('five failed logins for one user name lock it: the sixth is 429 even with the right password', async () => {
  const victim = await createUser({ username: unique('rl') });
  for (let i = 0; i < 5; i += 1) {
    expectError(await login(victim.username, `wrong-password-${i}`), 401, 'login_failed', null, `attempt ${i + 1}`);
  }
  expectError(await login(victim.username, TEST_PASSWORD), 429, 'rate_limited', null, 'attempt 6');
  // The lock is on the name only: other users still log in from the same address.
  expectStatus(await login(user.username, TEST_PASSWORD), 200);
  const en = await login(victim.username, TEST_PASSWORD, { lang: 'en' });
  expectError(en, 429, 'rate_limited');
  assert.match(en.body.error.message, /^Too many attempts/);
});
