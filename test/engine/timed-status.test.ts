import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionState } from '../../main/common/session-state';
import type { SignInEngine } from '../../main/engine/sign-in-engine';
import { engineFixture } from '../support/engine-fixture';
import { FakeScheduler } from '../support/fake-scheduler';
import type { TestServerOptions } from '../server/rocketchat-test-server';
import { eventually, eventuallyAsync, until } from '../support/session-waits';

const FAST_RECONNECT = { backoff: { initialMs: 50, maxMs: 400, jitter: 0.3 } };
const HOUR = 3_600_000;
const ready = (state: SessionState) => state.kind === 'signed-in' && state.live === 'live' && state.features !== undefined;

async function world(t: Parameters<typeof engineFixture>[0], server: TestServerOptions = {}) {
  const scheduler = new FakeScheduler();
  const fixture = await engineFixture(t, {
    engine: { live: FAST_RECONNECT, scheduler },
    server: { rateLimit: false, now: () => scheduler.now(), ...server },
  });
  await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  await until(fixture.engine, fixture.server.url, ready);
  const start = (engine: SignInEngine) => engine.session(fixture.server.url);
  return { ...fixture, scheduler, session: start(fixture.engine) };
}

const user = (state: SessionState) => {
  assert.ok(state.kind === 'signed-in', JSON.stringify(state));
  return state.user;
};
const settled = () => new Promise((resolve) => setTimeout(resolve, 150));

test('7.x: busy for an hour — rc-tray restores the previous status itself when the hour is up', async (t) => {
  const { server, engine, scheduler, session, restart } = await world(t);
  await session.setStatus({ status: 'away', message: 'Coffee' });
  const until1h = scheduler.now() + HOUR;
  const state = await session.setStatus({ status: 'busy', message: 'Focus', expiresAt: until1h });
  assert.equal(user(state).statusExpiresAt, until1h);
  assert.equal(user(state).statusAfter, 'away');
  assert.equal(server.user('alice').statusDefault, 'busy');
  assert.equal(server.user('alice').statusExpiresAt, undefined, 'nothing sent the server cannot keep');
  const saved = (await engine.settings.read()).timedStatuses;
  assert.equal(saved?.length, 1);
  assert.equal(saved?.[0]?.restoreBy, 'app');

  scheduler.advance(HOUR - 1);
  await settled();
  assert.equal(server.user('alice').statusDefault, 'busy');
  scheduler.advance(1);
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'away' && s.user.statusText === 'Coffee');
  assert.equal(server.user('alice').statusDefault, 'away');
  assert.equal(server.user('alice').statusText, 'Coffee');
  await eventuallyAsync(async () => (await engine.settings.read()).timedStatuses?.length === 0, 'the entry is gone');
  assert.equal(user(session.state).statusExpiresAt, undefined);
  assert.ok(restart);
});

test('7.x: a change made elsewhere meanwhile cancels the restore', async (t) => {
  const { server, engine, scheduler, session } = await world(t);
  await session.setStatus({ status: 'busy', expiresAt: scheduler.now() + HOUR });
  server.setStatusFromOtherClient('alice', 'away', 'Set on the phone');
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'away');
  await settled();
  await eventuallyAsync(async () => (await engine.settings.read()).timedStatuses?.length === 0, 'the entry is gone');
  scheduler.advance(2 * HOUR);
  await settled();
  assert.equal(server.user('alice').statusDefault, 'away');
  assert.equal(server.user('alice').statusText, 'Set on the phone');
});

test('7.x: auto-away over a chosen online is not a change (the restore stays)', async (t) => {
  const { server, scheduler, session } = await world(t);
  await session.setStatus({ status: 'online', message: 'Around', expiresAt: scheduler.now() + HOUR });
  session.setIdle(true);
  await eventually(() => server.user('alice').status === 'away', 'away for others');
  await settled();
  assert.equal(session.timedStatus?.set.status, 'online');
  scheduler.advance(HOUR);
  await eventually(() => server.user('alice').statusText === '', 'the restore ran');
});

test('7.x: a restart keeps the pending restore, and it still happens on time', async (t) => {
  const { server, engine, scheduler, session, restart } = await world(t);
  await session.setStatus({ status: 'busy', expiresAt: scheduler.now() + HOUR });
  engine.dispose();
  const next = restart({ live: FAST_RECONNECT, scheduler });
  await next.resumeAll();
  await until(next, server.url, (s) => s.kind === 'signed-in' && s.live === 'live' && s.user.statusExpiresAt !== undefined);
  scheduler.advance(HOUR);
  await until(next, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'online');
  assert.equal(server.user('alice').statusDefault, 'online');
  await eventuallyAsync(async () => (await next.settings.read()).timedStatuses?.length === 0, 'the entry is gone');
});

test('7.x: the app was not running when the time came — restored at the next start', async (t) => {
  const { server, engine, scheduler, session, restart } = await world(t);
  await session.setStatus({ status: 'busy', expiresAt: scheduler.now() + HOUR });
  engine.dispose();
  scheduler.advance(3 * HOUR);
  const next = restart({ live: FAST_RECONNECT, scheduler });
  await next.resumeAll();
  await until(next, server.url, (s) => s.kind === 'signed-in' && s.live === 'live' && s.user.status === 'online');
  assert.equal(server.user('alice').statusDefault, 'online');
  await eventuallyAsync(async () => (await next.settings.read()).timedStatuses?.length === 0, 'the entry is gone');
});

test('7.x: sleep across the end — restored on wake, not an hour late', async (t) => {
  const { server, engine, scheduler, session } = await world(t);
  await session.setStatus({ status: 'busy', expiresAt: scheduler.now() + HOUR });
  scheduler.sleep(2 * HOUR);
  await settled();
  assert.equal(server.user('alice').statusDefault, 'busy', 'nothing ran while asleep');
  await session.retryNow(); // what powerMonitor 'resume' does
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'online');
  assert.equal(server.user('alice').statusDefault, 'online');
  await eventuallyAsync(async () => (await engine.settings.read()).timedStatuses?.length === 0, 'the entry is gone');
});

test('8.6: busy for an hour is sent as expiresAt; the server restores it, rc-tray only shows it', async (t) => {
  const { server, engine, scheduler, session } = await world(t, { version: '8.6.0' });
  await session.setStatus({ status: 'away', message: 'Coffee' });
  const end = scheduler.now() + HOUR;
  const pendingBefore = scheduler.pending().length;
  await session.setStatus({ status: 'busy', expiresAt: end });
  assert.equal(server.user('alice').statusExpiresAt, end);
  assert.equal(server.user('alice').statusSource, 'manual');
  assert.equal(scheduler.pending().length, pendingBefore, 'no timer of its own');
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'busy' && s.user.statusExpiresAt === end && s.user.statusAfter === 'away');
  assert.equal((await engine.settings.read()).timedStatuses?.[0]?.restoreBy, 'server');

  scheduler.advance(HOUR);
  assert.deepEqual(server.expireDueStatuses(), ['alice']);
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'away' && s.user.statusText === 'Coffee');
  assert.equal(user(session.state).statusExpiresAt, undefined);
});

test('8.6: a status an integration set is shown as such and auto-away leaves it alone', async (t) => {
  const { server, engine, scheduler, session } = await world(t, { version: '8.6.0' });
  server.setExternalStatus('alice', 'busy', 'In a meeting', scheduler.now() + HOUR);
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.statusSource === 'external');
  server.resetRequests();
  session.setIdle(true);
  await settled();
  assert.equal(server.user('alice').statusConnection, 'online', 'no UserPresence:away was sent');
  assert.equal(user(session.state).statusText, 'In a meeting');
});

test('7.x: a restore the network drops is kept and tried again a minute later', async (t) => {
  const { server, engine, scheduler, session } = await world(t);
  await session.setStatus({ status: 'busy', expiresAt: scheduler.now() + HOUR });
  server.addFault({ path: '/api/v1/users.setStatus', status: 503, times: 1 });
  scheduler.advance(HOUR);
  await settled();
  assert.equal(server.user('alice').statusDefault, 'busy', 'the first try failed');
  assert.equal((await engine.settings.read()).timedStatuses?.length, 1, 'the restore is still owed');
  scheduler.advance(60_000);
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'online');
  assert.equal(server.user('alice').statusDefault, 'online');
  await eventuallyAsync(async () => (await engine.settings.read()).timedStatuses?.length === 0, 'the entry is gone');
});
