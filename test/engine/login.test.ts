import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture, loginRequests } from '../support/engine-fixture';

test('password login signs in, keeps the token in the keychain and remembers server and username', async (t) => {
  const { server, engine, tokens } = await engineFixture(t);
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(state.kind, 'signed-in');
  assert.ok(state.kind === 'signed-in');
  assert.equal(state.user.username, 'alice');
  assert.equal(state.user.name, 'Alice Example');
  assert.match(state.user.avatarUrl, /\/avatar\/alice$/);
  const stored = await tokens.get(server.url);
  assert.equal(stored?.userId, state.user.id);
  assert.equal(server.tokenCount('alice'), 1);
  assert.equal(await engine.activeServer(), server.url);
  assert.equal(await engine.lastUsername(server.url), 'alice');
});

test('an e-mail address works as the user name', async (t) => {
  const { server, engine } = await engineFixture(t);
  const state = await engine.login(server.url, { user: 'carol@example.com', password: 'carol-password' });
  assert.equal(state.kind, 'needs-2fa');
});

test('an LDAP account signs in like any other', async (t) => {
  const { server, engine } = await engineFixture(t);
  const state = await engine.login(server.url, { user: 'dave', password: 'dave-password' });
  assert.equal(state.kind, 'signed-in');
});

for (const version of ['7.10.1', '9.0.0']) {
  test(`wrong password is "wrong credentials" (server ${version}) and stores nothing`, async (t) => {
    const { server, engine, tokens } = await engineFixture(t, { server: { version } });
    const state = await engine.login(server.url, { user: 'alice', password: 'nope' });
    assert.equal(state.kind, 'signed-out');
    assert.equal(state.kind === 'signed-out' && state.error?.code, 'invalid-credentials');
    assert.equal(state.kind === 'signed-out' && state.error?.message, 'Wrong username, email or password.');
    assert.equal(await tokens.get(server.url), undefined);
  });
}

test('an older server that says "Incorrect password" is also wrong credentials', async (t) => {
  const { server, engine } = await engineFixture(t);
  server.addFault({ path: '/api/v1/login', status: 403, body: JSON.stringify({ status: 'error', message: 'Incorrect password' }) });
  const state = await engine.login(server.url, { user: 'alice', password: 'nope' });
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'invalid-credentials');
});

test('a deactivated user is told so', async (t) => {
  const { server, engine } = await engineFixture(t);
  const state = await engine.login(server.url, { user: 'erin', password: 'erin-password' });
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'user-deactivated');
  assert.match(state.kind === 'signed-out' ? state.error?.message ?? '' : '', /deactivated/);
});

test('the failed-login lockout blocks even the right password, with a clear wait', async (t) => {
  const { server, engine } = await engineFixture(t, { server: { lockout: { userAttempts: 2, ipAttempts: 50, blockMs: 60_000 }, rateLimit: false } });
  await engine.login(server.url, { user: 'alice', password: 'x' });
  await engine.login(server.url, { user: 'alice', password: 'y' });
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'login-blocked-user');
  assert.match(state.kind === 'signed-out' ? state.error?.message ?? '' : '', /temporarily blocked/);
});

test('too many attempts: 429 gives the wait in seconds (the body names it)', async (t) => {
  const { server, engine } = await engineFixture(t, { server: { rateLimit: { limit: 2, windowMs: 42_000 } } });
  await engine.login(server.url, { user: 'alice', password: 'x' });
  await engine.login(server.url, { user: 'alice', password: 'y' });
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.ok(state.kind === 'signed-out' && state.error);
  assert.equal(state.error.code, 'rate-limited');
  assert.ok(state.error.retryAfterSeconds! > 30 && state.error.retryAfterSeconds! <= 42, `wait ${state.error.retryAfterSeconds}`);
  assert.match(state.error.message, /Wait \d+ seconds/);
});

test('429 without the header: the wait is read from the message', async (t) => {
  const { server, engine } = await engineFixture(t);
  server.addFault({
    path: '/api/v1/login',
    status: 429,
    body: JSON.stringify({ success: false, error: 'Error, too many requests. Please slow down. You must wait 17 seconds before trying this endpoint again. [error-too-many-requests]' }),
  });
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(state.kind === 'signed-out' && state.error?.retryAfterSeconds, 17);
});

test('server faults become clear errors and never expose the body', async (t) => {
  const { server, engine } = await engineFixture(t, { server: { rateLimit: false } });
  const cases = [
    { fault: { status: 500, body: '{"success":false,"error":"Internal server error"}' }, code: 'server-error' },
    { fault: { status: 502, body: '<html>Bad gateway</html>' }, code: 'server-error' },
    { fault: { status: 200, body: '{"status":"success","data":{"userId":1}}' }, code: 'bad-response' },
    { fault: { status: 200, body: '<html><body>Login</body></html>' }, code: 'bad-response' },
    { fault: { hugeBodyBytes: 5 * 1024 * 1024 }, code: 'bad-response' },
    { fault: { hangUp: true }, code: 'unreachable' },
    { fault: { status: 302, headers: { location: 'https://elsewhere.example/' }, body: '' }, code: 'redirected' },
  ];
  for (const { fault, code } of cases) {
    server.clearFaults();
    server.addFault({ path: '/api/v1/login', ...fault });
    const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
    assert.ok(state.kind === 'signed-out' && state.error, `${code}: got ${state.kind}`);
    assert.equal(state.error.code, code, JSON.stringify(fault).slice(0, 80));
    assert.doesNotMatch(state.error.message, /<html>|Internal server error|at .*\.ts:\d+/);
  }
});

test('a slow server is a timeout, not a hang', async (t) => {
  const { server, engine } = await engineFixture(t, { engine: { http: { timeoutMs: 300 } } });
  server.addFault({ path: '/api/v1/login', delayMs: 2_000 });
  // The server would answer after 2 s; a "timeout" can only come from rc-tray's own 300 ms limit.
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'timeout');
});

test('a second login while one runs joins it: one request', async (t) => {
  const { server, engine } = await engineFixture(t);
  server.addFault({ path: '/api/v1/login', delayMs: 200, times: 1 });
  const session = engine.session(server.url);
  const [first, second] = await Promise.all([
    session.login({ user: 'alice', password: 'alice-password' }),
    session.login({ user: 'alice', password: 'alice-password' }),
  ]);
  assert.equal(first, second);
  assert.equal(loginRequests(server), 1);
});

test('states are observable in order: signing-in then signed-in', async (t) => {
  const { server, engine } = await engineFixture(t);
  const seen: string[] = [];
  engine.onChange((state) => seen.push(state.kind));
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.deepEqual(seen, ['signing-in', 'signed-in']);
});

test('signing in again replaces the saved token and revokes the old one on the server', async (t) => {
  const { server, engine, tokens } = await engineFixture(t);
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  const first = await tokens.get(server.url);
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  const second = await tokens.get(server.url);
  assert.notEqual(first?.authToken, second?.authToken);
  for (let wait = 0; wait < 50 && server.tokenCount('alice') !== 1; wait += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(server.tokenCount('alice'), 1);
});

test('a failed sign-in over a live session loses nothing: the session, its token and its live status stay', async (t) => {
  const { server, engine, tokens } = await engineFixture(t, { engine: { live: true }, server: { rateLimit: false } });
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  const session = engine.session(server.url);
  for (let wait = 0; wait < 200 && !(session.state.kind === 'signed-in' && session.state.live === 'live'); wait += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  const saved = await tokens.get(server.url);
  const seen: string[] = [];
  session.onChange((state) => seen.push(state.kind));

  const attempt = await engine.login(server.url, { user: 'alice', password: 'wrong' });
  assert.equal(attempt.kind === 'signed-out' && attempt.error?.code, 'invalid-credentials');
  assert.equal(session.state.kind, 'signed-in');
  assert.deepEqual(seen, [], 'the session never looked signed out');
  assert.deepEqual(await tokens.get(server.url), saved);
  server.setStatusFromOtherClient('alice', 'busy');
  for (let wait = 0; wait < 200 && !(session.state.kind === 'signed-in' && session.state.user.status === 'busy'); wait += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(session.state.kind === 'signed-in' && session.state.user.status === 'busy');
});

test('a 2FA sign-in over a saved session, cancelled at the code step, gives the saved session back', async (t) => {
  const { server, engine, tokens } = await engineFixture(t, { server: { rateLimit: false } });
  await engine.login(server.url, { user: 'bob', password: 'bob-password', code: server.totpCode('bob') });
  const saved = await tokens.get(server.url);
  const session = engine.session(server.url);
  assert.equal((await engine.login(server.url, { user: 'bob', password: 'bob-password' })).kind, 'needs-2fa');
  session.cancel();
  for (let wait = 0; wait < 200 && session.state.kind !== 'signed-in'; wait += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(session.state.kind, 'signed-in');
  assert.deepEqual(await tokens.get(server.url), saved);
});
