import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionState } from '../../main/common/session-state';
import { BROADCAST_DISABLED_REFRESH_MS } from '../../main/engine/session/status-control';
import { engineFixture } from '../support/engine-fixture';
import { FakeScheduler } from '../support/fake-scheduler';
import { until } from '../support/session-waits';
import type { TestServerOptions } from '../server/rocketchat-test-server';

const FAST_RECONNECT = { backoff: { initialMs: 50, maxMs: 400, jitter: 0.3 } };

const ready = (state: SessionState) => state.kind === 'signed-in' && state.live === 'live' && state.features !== undefined;

async function liveSession(t: Parameters<typeof engineFixture>[0], server: TestServerOptions, scheduler?: FakeScheduler) {
  const fixture = await engineFixture(t, { engine: { live: FAST_RECONNECT, ...(scheduler ? { scheduler } : {}) }, server: { rateLimit: false, ...server } });
  await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  await until(fixture.engine, fixture.server.url, ready);
  return { ...fixture, session: fixture.engine.session(fixture.server.url) };
}

const userOf = (state: SessionState) => {
  assert.ok(state.kind === 'signed-in');
  return state.user;
};

test('pre-8.6 with message changes locked: a status-only change goes over DDP UserPresence:setDefaultStatus', async (t) => {
  const { server, engine, session } = await liveSession(t, { version: '8.5.1', allowStatusMessageChange: false });
  const state = await session.setStatus({ status: 'busy' });
  assert.equal(userOf(state).chosenStatus, 'busy');
  assert.equal(server.user('alice').statusDefault, 'busy');
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'busy');
  assert.ok(server.requests().some((r) => r.path === '/api/v1/users.setStatus'), 'REST was tried first');
});

test('pre-8.6 with message changes locked: a message is refused, and the error says what was not changed', async (t) => {
  const { server, session } = await liveSession(t, { version: '7.10.1', allowStatusMessageChange: false });
  await assert.rejects(session.setStatus({ status: 'busy', message: 'Lunch' }), {
    code: 'status-message-not-allowed',
    message: 'This server does not allow changing the status message, so neither the status nor the message was changed.',
  });
  await assert.rejects(session.setStatus({ message: 'Lunch' }), { message: 'This server does not allow changing the status message, so it was not changed.' });
  assert.equal(server.user('alice').statusDefault, 'online');
  assert.equal(server.user('alice').statusText, '');
});

test('8.6 with message changes locked: the status goes over REST (no fallback needed)', async (t) => {
  const { server, session } = await liveSession(t, { version: '8.6.0', allowStatusMessageChange: false });
  await session.setStatus({ status: 'away' });
  assert.equal(server.user('alice').statusDefault, 'away');
  assert.equal(server.realtimeConnections('alice'), 1, 'no second (fallback) connection was opened');
});

test('the message is trimmed and cut to 120 characters before it is sent and shown', async (t) => {
  const { server, session } = await liveSession(t, { version: '7.10.1' });
  const state = await session.setStatus({ message: `   ${'m'.repeat(150)}  ` });
  assert.equal(userOf(state).statusText, 'm'.repeat(120));
  assert.equal(server.user('alice').statusText, 'm'.repeat(120));
});

test('8.6: choosing Online clears the message, as the server does; 7.x keeps it', async (t) => {
  for (const version of ['8.6.0', '7.10.1']) {
    const { server, session } = await liveSession(t, { version });
    await session.setStatus({ status: 'busy', message: 'Focus' });
    const state = await session.setStatus({ status: 'online' });
    const expected = version === '8.6.0' ? '' : 'Focus';
    assert.equal(userOf(state).statusText, expected, version);
    assert.equal(server.user('alice').statusText, expected, version);
  }
});

test('the server features are read once at sign-in: invisible, message changes, live status', async (t) => {
  const { engine, server, session } = await liveSession(t, { version: '8.6.0', allowInvisibleStatus: false, allowStatusMessageChange: false });
  const state = session.state;
  assert.ok(state.kind === 'signed-in');
  assert.deepEqual(state.features, { expiringStatus: true, invisibleAllowed: false, messageChangeAllowed: false, liveStatusShared: true, customStatuses: [] });
  server.resetRequests();
  await session.setStatus({ status: 'busy' });
  assert.deepEqual(server.requests().filter((r) => r.transport === 'http').map((r) => r.path), ['/api/v1/users.setStatus'], 'no second read');
  assert.ok(engine);
});

test('Presence_broadcast_disabled: "does not share live status", and GET /me every 5 minutes only while it is on', async (t) => {
  const scheduler = new FakeScheduler();
  const { server, engine, session } = await liveSession(t, { presenceBroadcastDisabled: true }, scheduler);
  const state = session.state;
  assert.ok(state.kind === 'signed-in' && state.features?.liveStatusShared === false);
  server.resetRequests();
  server.setStatusFromOtherClient('alice', 'busy', 'Elsewhere');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(userOf(session.state).status, 'online', 'no event arrives');
  const meCalls = () => server.requests().filter((r) => r.path === '/api/v1/me').length;
  scheduler.advance(BROADCAST_DISABLED_REFRESH_MS - 1);
  assert.equal(meCalls(), 0);
  scheduler.advance(1);
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'busy');
  assert.equal(userOf(session.state).statusText, 'Elsewhere');
  assert.equal(meCalls(), 1);

  // The setting goes off: the refresh stops (live events flow again).
  server.setOption('presenceBroadcastDisabled', false);
  scheduler.advance(BROADCAST_DISABLED_REFRESH_MS);
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.features?.liveStatusShared === true);
  scheduler.advance(BROADCAST_DISABLED_REFRESH_MS * 3);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(meCalls(), 2);
});

test('with live status shared, nothing is polled', async (t) => {
  const scheduler = new FakeScheduler();
  const { server } = await liveSession(t, {}, scheduler);
  server.resetRequests();
  scheduler.advance(BROADCAST_DISABLED_REFRESH_MS * 4);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(server.requests().filter((r) => r.transport === 'http').length, 0);
});
