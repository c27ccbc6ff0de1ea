import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeScheduler } from '../support/fake-scheduler';
import { engineFixture, loginRequests } from '../support/engine-fixture';

test('a restart resumes the session with exactly one request, and no 2FA', async (t) => {
  const fixture = await engineFixture(t);
  const { server } = fixture;
  await fixture.engine.login(server.url, { user: 'bob', password: 'bob-password', code: server.totpCode('bob') });
  const firstToken = (await fixture.tokens.get(server.url))!.authToken;
  fixture.engine.dispose();

  server.resetRequests();
  const engine = fixture.restart();
  const [state] = await engine.resumeAll();
  assert.ok(state?.kind === 'signed-in');
  assert.equal(state.user.username, 'bob');
  assert.equal(server.requests().length, 1);
  assert.equal((await fixture.tokens.get(server.url))!.authToken, firstToken);
});

test('nothing saved: signed out, no request', async (t) => {
  const { server, engine } = await engineFixture(t);
  server.resetRequests();
  assert.deepEqual(await engine.resumeAll(), []);
  assert.equal((await engine.session(server.url).resume()).kind, 'signed-out');
  assert.equal(server.requests().length, 0);
});

test('a revoked token: "session expired", and the keychain entry is removed', async (t) => {
  const fixture = await engineFixture(t);
  const { server, tokens } = fixture;
  await fixture.engine.login(server.url, { user: 'alice', password: 'alice-password' });
  server.revokeTokens('alice');
  const state = await fixture.restart().session(server.url).resume();
  assert.ok(state.kind === 'signed-out' && state.error);
  assert.equal(state.error.code, 'session-expired');
  assert.equal(state.error.message, 'Your session has expired. Sign in again.');
  assert.equal(await tokens.get(server.url), undefined);
});

test('the 9.0-style 401 body also expires the session', async (t) => {
  const fixture = await engineFixture(t, { server: { version: '9.0.0' } });
  await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  fixture.server.revokeTokens('alice');
  const state = await fixture.restart().session(fixture.server.url).resume();
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'session-expired');
});

for (const [label, fault] of [
  ['connection dropped', { hangUp: true }],
  ['HTTP 503', { status: 503, body: 'Service Unavailable' }],
  ['rate limited', { status: 429, body: '{"success":false,"error":"Error, too many requests. Please slow down. You must wait 5 seconds before trying this endpoint again. [error-too-many-requests]"}' }],
  ['garbage body', { status: 200, body: '{"status":"success"' }],
] as const) {
  test(`a network or server fault (${label}) keeps the token and reports offline`, async (t) => {
    const fixture = await engineFixture(t);
    await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
    const saved = await fixture.tokens.get(fixture.server.url);
    fixture.server.addFault({ path: '/api/v1/me', ...fault });
    const state = await fixture.restart().session(fixture.server.url).resume();
    assert.equal(state.kind, 'offline');
    assert.deepEqual(await fixture.tokens.get(fixture.server.url), saved);
  });
}

test('a timeout keeps the token too', async (t) => {
  const fixture = await engineFixture(t);
  await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  fixture.server.addFault({ path: '/api/v1/me', delayMs: 1_000 });
  const state = await fixture.restart({ http: { timeoutMs: 200 } }).session(fixture.server.url).resume();
  assert.equal(state.kind === 'offline' && state.error.code, 'timeout');
  assert.ok(await fixture.tokens.get(fixture.server.url));
});

test('offline: retries with capped exponential backoff, and "retry now" goes at once', async (t) => {
  const scheduler = new FakeScheduler(0.5);
  const fixture = await engineFixture(t);
  const { server } = fixture;
  await fixture.engine.login(server.url, { user: 'alice', password: 'alice-password' });
  const engine = fixture.restart({ scheduler, backoff: { initialMs: 1_000, maxMs: 4_000, jitter: 0 } });
  const session = engine.session(server.url);

  server.addFault({ path: '/api/v1/me', status: 502, body: 'bad gateway' });
  server.resetRequests();
  let state = await session.resume();
  assert.equal(state.kind, 'offline');
  assert.deepEqual(scheduler.pending(), [1_000]);
  const delays: number[] = [];
  for (let retry = 0; retry < 4; retry += 1) {
    const [delay] = scheduler.pending();
    delays.push(delay!);
    scheduler.advance(delay!);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await waitFor(() => session.state.kind === 'offline' && scheduler.pending().length === 1);
  }
  assert.deepEqual(delays, [1_000, 2_000, 4_000, 4_000]);
  assert.equal(server.requests().filter((request) => request.path === '/api/v1/me').length, 5);
  assert.equal(loginRequests(server), 0);

  server.clearFaults();
  state = await session.retryNow();
  assert.equal(state.kind, 'signed-in');
  assert.deepEqual(scheduler.pending(), []);
});

test('concurrent resumes join: one request', async (t) => {
  const fixture = await engineFixture(t);
  await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  const session = fixture.restart().session(fixture.server.url);
  fixture.server.resetRequests();
  const states = await Promise.all([session.resume(), session.resume(), session.resume()]);
  assert.ok(states.every((state) => state.kind === 'signed-in'));
  assert.equal(fixture.server.requests().length, 1);
});

async function waitFor(condition: () => boolean, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('an unexpected fault while resuming keeps the token (only a refusal removes it)', async (t) => {
  const fixture = await engineFixture(t);
  await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  const saved = await fixture.tokens.get(fixture.server.url);
  fixture.server.addFault({ path: '/api/v1/me', status: 418, body: '{"success":false}' });
  const state = await fixture.restart().session(fixture.server.url).resume();
  assert.equal(state.kind, 'offline');
  assert.deepEqual(await fixture.tokens.get(fixture.server.url), saved);
});
