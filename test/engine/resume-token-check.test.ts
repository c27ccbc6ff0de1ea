// Issue 7 §2: resume is a token check (one GET /api/v1/me), never a login.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture, loginRequests } from '../support/engine-fixture';

async function savedSession(t: Parameters<typeof engineFixture>[0], server = {}) {
  const fixture = await engineFixture(t, { server: { rateLimit: false, ...server } });
  const state = await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(state.kind, 'signed-in');
  fixture.engine.dispose();
  fixture.server.resetRequests();
  return fixture;
}

test('resume sends exactly one request, GET /api/v1/me, and no login', async (t) => {
  const fixture = await savedSession(t);
  const state = await fixture.restart().session(fixture.server.url).resume();
  assert.equal(state.kind === 'signed-in' && state.user.username, 'alice');
  assert.deepEqual(
    fixture.server.requests().map((request) => `${request.method} ${request.path}`),
    ['GET /api/v1/me'],
  );
  assert.equal(loginRequests(fixture.server), 0);
});

test('resume is not a login attempt: it works while the user is locked out, and does not renew the block', async (t) => {
  const fixture = await savedSession(t, { lockout: { userAttempts: 2, ipAttempts: 50, blockMs: 60_000 } });
  const other = fixture.restart();
  await other.login(fixture.server.url, { user: 'alice', password: 'wrong' });
  await other.login(fixture.server.url, { user: 'alice', password: 'wrong' });
  other.dispose();
  fixture.server.resetRequests();
  const state = await fixture.restart().session(fixture.server.url).resume();
  assert.equal(state.kind, 'signed-in');
  assert.equal(loginRequests(fixture.server), 0);
});

for (const [label, fault] of [
  ['a WAF 403 page', { status: 403, body: '<!doctype html><html><body>Access denied</body></html>', headers: { 'Content-Type': 'text/html' } }],
  ['a 400 without a Rocket.Chat error id', { status: 400, body: '{"message":"Bad Request"}' }],
  ['a 403 without a Rocket.Chat error id', { status: 403, body: 'Forbidden' }],
  ['maintenance HTML with 200', { status: 200, body: '<html><body>Maintenance</body></html>', headers: { 'Content-Type': 'text/html' } }],
  ['HTTP 502', { status: 502, body: 'bad gateway' }],
  ['a rate limit', { status: 429, body: '{"success":false,"error":"Error, too many requests. Please slow down. You must wait 30 seconds before trying this endpoint again. [error-too-many-requests]"}' }],
] as const) {
  test(`resume answered with ${label}: the token is kept and the state is offline`, async (t) => {
    const fixture = await savedSession(t);
    const saved = await fixture.tokens.get(fixture.server.url);
    fixture.server.addFault({ path: '/api/v1/me', ...fault });
    const state = await fixture.restart().session(fixture.server.url).resume();
    assert.equal(state.kind, 'offline');
    assert.deepEqual(await fixture.tokens.get(fixture.server.url), saved);
  });
}

test('a timeout on /me keeps the token', async (t) => {
  const fixture = await savedSession(t);
  fixture.server.addFault({ path: '/api/v1/me', delayMs: 1_000 });
  const state = await fixture.restart({ http: { timeoutMs: 200 } }).session(fixture.server.url).resume();
  assert.equal(state.kind === 'offline' && state.error.code, 'timeout');
  assert.ok(await fixture.tokens.get(fixture.server.url));
});

test('only 401 (the server refusing the token) deletes it', async (t) => {
  const fixture = await savedSession(t);
  fixture.server.revokeTokens('alice');
  const state = await fixture.restart().session(fixture.server.url).resume();
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'session-expired');
  assert.equal(await fixture.tokens.get(fixture.server.url), undefined);
});

test('a deactivated user on /me signs out and forgets the token', async (t) => {
  const fixture = await savedSession(t);
  fixture.server.addFault({
    path: '/api/v1/me',
    status: 403,
    body: JSON.stringify({ success: false, error: 'User is not activated [error-user-is-not-activated]', errorType: 'error-user-is-not-activated' }),
  });
  const state = await fixture.restart().session(fixture.server.url).resume();
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'user-deactivated');
  assert.equal(await fixture.tokens.get(fixture.server.url), undefined);
});

test('a /me answer for another user is refused; the token is kept', async (t) => {
  const fixture = await savedSession(t);
  const saved = await fixture.tokens.get(fixture.server.url);
  fixture.server.addFault({ path: '/api/v1/me', status: 200, body: JSON.stringify({ _id: 'someone-else', username: 'mallory', success: true }) });
  const state = await fixture.restart().session(fixture.server.url).resume();
  assert.equal(state.kind === 'offline' && state.error.code, 'bad-response');
  assert.deepEqual(await fixture.tokens.get(fixture.server.url), saved);
});

test('a login answer whose userId is not me._id is refused and nothing is saved', async (t) => {
  const { server, engine, tokens } = await engineFixture(t, { server: { rateLimit: false } });
  server.addFault({
    path: '/api/v1/login',
    status: 200,
    body: JSON.stringify({ status: 'success', data: { userId: 'one', authToken: 'token', me: { _id: 'two', username: 'alice' } }, success: true }),
  });
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'bad-response');
  assert.equal(await tokens.get(server.url), undefined);
});
