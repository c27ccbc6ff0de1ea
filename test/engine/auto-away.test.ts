import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AutoAway } from '../../main/engine/presence/auto-away';
import { FakeScheduler } from '../support/fake-scheduler';
import { engineFixture } from '../support/engine-fixture';

async function eventually(check: () => boolean, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function liveFixture(t: Parameters<typeof engineFixture>[0], preferences?: { enableAutoAway?: boolean; idleTimeLimit?: number }) {
  const users = [{ username: 'fay', password: 'fay-password', name: 'Fay', preferences }];
  const fixture = await engineFixture(t, { server: { users, rateLimit: false }, engine: { live: true } });
  await fixture.engine.login(fixture.server.url, { user: 'fay', password: 'fay-password' });
  const session = fixture.engine.session(fixture.server.url);
  await eventually(() => session.state.kind === 'signed-in' && session.state.live === 'live');
  const idle = { seconds: 0 };
  const clock = new FakeScheduler();
  const autoAway = new AutoAway({ sessions: () => fixture.engine.allSessions(), idle: { systemIdleSeconds: () => idle.seconds }, scheduler: clock, checkEveryMs: 5_000 });
  t.after(() => autoAway.dispose());
  autoAway.start();
  return { ...fixture, session, idle, clock, autoAway };
}

test("away after the user's own idle limit, back online on activity", async (t) => {
  const { server, idle, clock } = await liveFixture(t, { idleTimeLimit: 120 });
  idle.seconds = 119;
  clock.advance(5_000);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(server.user('fay').statusConnection, 'online');
  idle.seconds = 120;
  clock.advance(5_000);
  await eventually(() => server.user('fay').status === 'away');
  idle.seconds = 0;
  clock.advance(5_000);
  await eventually(() => server.user('fay').status === 'online');
});

test('away on screen lock and on suspend, whatever the idle time', async (t) => {
  const { server, autoAway } = await liveFixture(t);
  autoAway.screenLocked(true);
  await eventually(() => server.user('fay').status === 'away');
  autoAway.screenLocked(false);
  await eventually(() => server.user('fay').status === 'online');
  autoAway.systemSuspended(true);
  await eventually(() => server.user('fay').status === 'away');
});

test('a status chosen by hand stays: busy is still busy while idle', async (t) => {
  const { server, session, idle, clock } = await liveFixture(t, { idleTimeLimit: 60 });
  await session.setStatus({ status: 'busy' });
  idle.seconds = 600;
  clock.advance(5_000);
  await eventually(() => server.user('fay').statusConnection === 'away');
  assert.equal(server.user('fay').status, 'busy');
  assert.equal(server.user('fay').statusDefault, 'busy');
});

test('users who turned auto-away off are never marked away', async (t) => {
  const { server, autoAway, idle, clock } = await liveFixture(t, { enableAutoAway: false, idleTimeLimit: 60 });
  idle.seconds = 10_000;
  autoAway.screenLocked(true);
  clock.advance(5_000);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(server.user('fay').status, 'online');
});

test('away is kept across a reconnect', async (t) => {
  const { server, session, autoAway } = await liveFixture(t);
  autoAway.screenLocked(true);
  await eventually(() => server.user('fay').status === 'away');
  server.dropRealtimeConnections();
  await eventually(() => session.state.kind === 'signed-in' && session.state.live === 'reconnecting');
  await eventually(() => session.state.kind === 'signed-in' && session.state.live === 'live', 5_000);
  await eventually(() => server.user('fay').statusConnection === 'away');
});
