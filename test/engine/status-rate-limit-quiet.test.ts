// The desktop's do-not-disturb toggled quickly on an 8.6 server, which allows 5 users.setStatus a
// minute (stand-in rate-limiter.ts routeRateLimit): each on sets the quiet status, each off puts
// the earlier one back. The sixth change in a minute waits for the server instead of being lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_QUIET_HOURS } from '../../main/common/quiet-hours';
import type { SessionState } from '../../main/common/session-state';
import type { DoNotDisturbSource } from '../../main/engine/presence/do-not-disturb';
import { QuietHoursControl } from '../../main/engine/status/quiet-hours-control';
import { engineFixture } from '../support/engine-fixture';
import { FakeScheduler } from '../support/fake-scheduler';
import { eventually, until } from '../support/session-waits';

class DesktopDnd implements DoNotDisturbSource {
  readonly availability = { available: true as const, desktop: 'Plasma' };
  private listener?: (on: boolean) => void;
  async probe() {
    return this.availability;
  }
  watch(onChange: (on: boolean) => void): () => void {
    this.listener = onChange;
    onChange(false);
    return () => (this.listener = undefined);
  }
  set(on: boolean): void {
    this.listener?.(on);
  }
}

test('do not disturb on and off three times in a minute: the sixth change waits out the limit, then lands', async (t) => {
  const scheduler = new FakeScheduler(0.5, new Date(2026, 11, 7, 12, 0).getTime()); // Monday noon: outside quiet hours
  const fixture = await engineFixture(t, { engine: { live: true, scheduler }, server: { version: '8.6.0', now: () => scheduler.now() } });
  const { engine, server } = fixture;
  await engine.settings.update((settings) => ({ ...settings, quietHours: { ...DEFAULT_QUIET_HOURS, enabled: true, followDesktop: true, message: 'Focus' } }));
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  await until(engine, server.url, (state: SessionState) => state.kind === 'signed-in' && state.live === 'live' && state.features !== undefined);
  const dnd = new DesktopDnd();
  const quiet = new QuietHoursControl({ sessions: () => engine.allSessions(), settings: engine.settings, scheduler, doNotDisturb: dnd });
  t.after(() => quiet.dispose());
  await quiet.reload();
  const calls = () => server.requests().filter((request) => request.path === '/api/v1/users.setStatus').length;
  server.resetRequests();
  for (let toggle = 1; toggle <= 5; toggle += 1) {
    const on = toggle % 2 === 1;
    dnd.set(on);
    await eventually(() => calls() === toggle && server.user('alice').statusDefault === (on ? 'busy' : 'online'), `change ${toggle}`, 10_000);
  }
  dnd.set(false);
  const session = engine.session(server.url);
  await eventually(() => session.state.kind === 'signed-in' && session.state.user.statusWaiting !== undefined, 'the sixth waits, shown on the session', 10_000);
  assert.equal(calls(), 6, 'one refused call');
  assert.equal(server.user('alice').statusDefault, 'busy');
  scheduler.advance(60_000);
  await eventually(() => server.user('alice').statusDefault === 'online', 'back to online once the window passed', 10_000);
  assert.equal(calls(), 7);
  await eventually(() => session.state.kind === 'signed-in' && session.state.user.statusWaiting === undefined, 'nothing waits');
});
