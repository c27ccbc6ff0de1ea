import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashToken, UserStore } from './users';
import { call, login, serverFor } from './test-helpers';

const UNAUTHORIZED = { success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' };

test('/api/info trims the version and is not rate limited', async (t) => {
  const server = await serverFor(t, { version: '8.7.1', rateLimit: { limit: 1, windowMs: 60000 } });
  for (let i = 0; i < 3; i++) {
    const res = await call(server, 'GET', '/api/info');
    assert.equal(res.status, 200);
    assert.equal(res.body.version, '8.7');
    assert.deepEqual(res.body.minimumClientVersions, { desktop: '3.9.6', mobile: '4.39.0' });
    assert.match(res.body.supportedVersions.signed, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(res.body.success, true);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('pragma'), 'no-cache');
    assert.equal(res.headers.get('x-ratelimit-limit'), null);
  }
  server.setOption('version', '9.1.0');
  assert.equal((await call(server, 'GET', '/api/info')).body.version, '9.1');
});

test('every documented login form works', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const forms: unknown[] = [
    { user: 'alice', password: 'alice-password' },
    { user: 'alice@example.com', password: 'alice-password' },
    { username: 'alice', password: 'alice-password' },
    { email: 'alice@example.com', password: 'alice-password' },
    { user: { username: 'alice' }, password: 'alice-password' },
    { user: { email: 'alice@example.com' }, password: 'alice-password' },
    { ldap: true, username: 'dave', ldapPass: 'dave-password', ldapOptions: {} },
    { user: 'dave', password: 'dave-password' },
  ];
  for (const form of forms) {
    const res = await call(server, 'POST', '/api/v1/login', form);
    assert.equal(res.status, 200, JSON.stringify(form));
    assert.equal(res.body.status, 'success');
    assert.equal(res.body.success, true);
    assert.equal(res.body.data.userId, res.body.data.me._id);
    assert.match(res.body.data.authToken, /^[\w-]{43}$/);
  }
  const alice = server.user('alice');
  assert.equal(server.tokenCount('alice'), 6);
  const me = (await login(server, 'alice', 'alice-password')).res.body.data.me;
  assert.equal(me._id, alice.id);
  assert.deepEqual(me.emails, [{ address: 'alice@example.com', verified: true }]);
  assert.equal(me.email, 'alice@example.com');
  assert.deepEqual(me.roles, ['user']);
  assert.equal(me.status, 'offline');
  assert.equal(me.statusConnection, 'offline');
  assert.equal(me.statusDefault, 'online');
  assert.equal(me.settings.preferences.enableAutoAway, true);
  assert.equal(me.settings.preferences.idleTimeLimit, 300);
  assert.equal(me.avatarUrl, `${server.url}/avatar/alice`);
  assert.deepEqual(me.services, { password: { exists: true } });
  assert.equal(me.isOAuthUser, false);
});

test('raw {totp:{code, login}} and X-2fa-code header both carry the code', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const raw = await call(server, 'POST', '/api/v1/login', {
    totp: { code: server.totpCode('bob'), login: { user: { username: 'bob' }, password: 'bob-password' } },
  });
  assert.equal(raw.status, 200);
  assert.deepEqual(raw.body.data.me.services.totp, { enabled: true });
  const viaHeader = await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'bob-password' }, { 'X-2fa-code': server.totpCode('bob') });
  assert.equal(viaHeader.status, 200);
});

test('resume returns the same token; tokens are stored hashed', async (t) => {
  const server = await serverFor(t);
  const first = await login(server, 'alice', 'alice-password');
  const second = await login(server, 'alice', 'alice-password');
  assert.notEqual(first.authToken, second.authToken);
  const resumed = await call(server, 'POST', '/api/v1/login', { resume: first.authToken });
  assert.equal(resumed.status, 200);
  assert.equal(resumed.body.data.authToken, first.authToken);
  assert.equal(server.tokenCount('alice'), 2);
  const bad = await call(server, 'POST', '/api/v1/login', { resume: 'nope' });
  assert.equal(bad.status, 401);
  assert.deepEqual(bad.body, UNAUTHORIZED);

  const store = new UserStore(Date.now);
  const user = store.add({ username: 'x', password: 'y' });
  const { token } = store.createToken(user);
  assert.equal(user.tokens[0]!.hashedToken, hashToken(token));
  assert.ok(!JSON.stringify(user).includes(token));
});

test('failures use the legacy bodies before 9.0', async (t) => {
  const server = await serverFor(t, {
    rateLimit: false,
    users: [
      { username: 'alice', password: 'pw' },
      { username: 'off', password: 'pw', active: false },
      { username: 'nobody', password: 'pw', roles: [] },
    ],
  });
  for (const body of [
    { user: 'alice', password: 'wrong' },
    { user: 'ghost', password: 'pw' },
    { user: 'alice' },
    {},
    { user: 'alice', password: 'wrong', code: '123456' },
  ]) {
    const res = await call(server, 'POST', '/api/v1/login', body);
    assert.equal(res.status, 401, JSON.stringify(body));
    assert.deepEqual(res.body, UNAUTHORIZED);
  }
  const inactive = await call(server, 'POST', '/api/v1/login', { user: 'off', password: 'pw' });
  assert.equal(inactive.status, 401);
  assert.deepEqual(inactive.body, {
    success: false,
    error: 'error-user-is-not-activated',
    status: 'error',
    details: { function: 'Accounts.validateLoginAttempt' },
    message: 'User is not activated',
  });
  const noRoles = await call(server, 'POST', '/api/v1/login', { user: 'nobody', password: 'pw' });
  assert.equal(noRoles.body.error, 'error-user-has-no-roles');
  assert.equal(noRoles.body.message, 'User has no roles');

  for (const body of ['{not json', JSON.stringify({ user: 123, password: 'x' }), '[1]']) {
    const res = await call(server, 'POST', '/api/v1/login', body);
    assert.equal(res.status, 500, body);
    assert.deepEqual(res.body, { success: false, error: 'Internal server error' });
  }
  const me = await call(server, 'GET', '/api/v1/me');
  assert.equal(me.status, 401);
  const text = 'You must be logged in to do this.';
  assert.deepEqual(me.body, { success: false, error: text, status: 'error', message: text });
  const notFound = await call(server, 'GET', '/api/v1/nope');
  assert.equal(notFound.status, 404);
  assert.deepEqual(notFound.body, { success: false, error: 'Not found' });
});

test('9.0 servers send the short bodies', async (t) => {
  const server = await serverFor(t, { version: '9.0.0', rateLimit: false });
  const bad = await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'wrong' });
  assert.equal(bad.status, 401);
  assert.deepEqual(bad.body, { success: false, error: 'unauthorized' });
  const me = await call(server, 'GET', '/api/v1/me', undefined, { 'X-User-Id': 'a', 'X-Auth-Token': 'b' });
  assert.deepEqual(me.body, { success: false, error: 'unauthorized' });
  // Every failed login, the 2FA challenge included, is the same bare body (ApiClass.ts@0358e0dc).
  const totp = await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'bob-password' });
  assert.equal(totp.status, 401);
  assert.deepEqual(totp.body, { success: false, error: 'unauthorized' });
  const deactivated = await call(server, 'POST', '/api/v1/login', { user: 'erin', password: 'erin-password' });
  assert.deepEqual(deactivated.body, { success: false, error: 'unauthorized' });
  server.setOption('version', '8.9.0');
  const legacy = await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'wrong' });
  assert.deepEqual(legacy.body, UNAUTHORIZED);
});

test('form-encoded login is ignored from 7.6.0 on', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const form = 'user=alice&password=alice-password';
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
  assert.equal((await call(server, 'POST', '/api/v1/login', form, headers)).status, 401);
  server.setOption('version', '7.5.0');
  assert.equal((await call(server, 'POST', '/api/v1/login', form, headers)).status, 200);
});
