import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_QUIET_HOURS, type QuietHours } from '../../main/common/quiet-hours';
import type { SessionState } from '../../main/common/session-state';
import type { DoNotDisturbSource } from '../../main/engine/presence/do-not-disturb';
import { QuietHoursControl } from '../../main/engine/status/quiet-hours-control';
import type { SignInEngine } from '../../main/engine/sign-in-engine';
import { engineFixture } from '../support/engine-fixture';
import { FakeScheduler } from '../support/fake-scheduler';
import { eventually, until } from '../support/session-waits';
import type { TestServerOptions } from '../server/rocketchat-test-server';

const FAST_RECONNECT = { backoff: { initialMs: 50, maxMs: 400, jitter: 0.3 } };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 7 December 2026, 17:00 local time. */
const MONDAY_5PM = new Date(2026, 11, 7, 17, 0).getTime();
const WEEKDAY_EVENINGS: QuietHours = { ...DEFAULT_QUIET_HOURS, enabled: true, message: 'Off work' };
const ready = (state: SessionState) => state.kind === 'signed-in' && state.live === 'live' && state.features !== undefined;

class FakeDesktopDnd implements DoNotDisturbSource {
  readonly availability = { available: true as const, desktop: 'GNOME' };
  async probe() {
    return this.availability;
  }
  private listener?: (on: boolean) => void;
  watch(onChange: (on: boolean) => void): () => void {
    this.listener = onChange;
    onChange(false);
    return () => (this.listener = undefined);
  }
  set(on: boolean): void {
    this.listener?.(on);
  }
}

async function world(t: Parameters<typeof engineFixture>[0], server: TestServerOptions = {}, hours: QuietHours = WEEKDAY_EVENINGS, dnd?: DoNotDisturbSource) {
  const scheduler = new FakeScheduler(0.5, new Date(2026, 11, 7, 16, 55).getTime());
  const fixture = await engineFixture(t, { engine: { live: FAST_RECONNECT, scheduler }, server: { rateLimit: false, now: () => scheduler.now(), ...server } });
  await fixture.engine.settings.update((settings) => ({ ...settings, quietHours: hours }));
  await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  await until(fixture.engine, fixture.server.url, ready);
  scheduler.advance(MONDAY_5PM - scheduler.now());
  const control = (engine: SignInEngine) => {
    const quiet = new QuietHoursControl({ sessions: () => engine.allSessions(), settings: engine.settings, scheduler, doNotDisturb: dnd });
    t.after(() => quiet.dispose());
    return quiet;
  };
  const quiet = control(fixture.engine);
  await quiet.reload();
  return { ...fixture, scheduler, quiet, control, session: fixture.engine.session(fixture.server.url) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
/** Moves the fake clock to a local time on the test's week (day 7 = Monday 7 December 2026). */
const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).getTime();
async function advanceTo(scheduler: FakeScheduler, time: number) {
  scheduler.advance(time - scheduler.now());
  await settle();
}

test('7.x: busy with the message at 18:00, and back to the earlier status at 09:00 (the app restores it)', async (t) => {
  const { server, engine, scheduler, session } = await world(t);
  await session.setStatus({ status: 'away', message: 'Errands' });
  await advanceTo(scheduler, at(7, 17, 59));
  assert.equal(server.user('alice').statusDefault, 'away');
  await advanceTo(scheduler, at(7, 18, 0));
  await eventually(() => server.user('alice').statusDefault === 'busy', 'quiet at 18:00');
  assert.equal(server.user('alice').statusText, 'Off work');
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.statusExpiresAt === at(8, 9, 0) && s.user.statusAfter === 'away');
  await advanceTo(scheduler, at(8, 9, 0));
  await eventually(() => server.user('alice').statusDefault === 'away', 'back at 09:00');
  assert.equal(server.user('alice').statusText, 'Errands');
});

test('8.6: the quiet status is sent with expiresAt at the end, so the server restores it even if the computer sleeps', async (t) => {
  const { server, scheduler } = await world(t, { version: '8.6.0' });
  await advanceTo(scheduler, at(7, 18, 0));
  await eventually(() => server.user('alice').statusDefault === 'busy', 'quiet');
  assert.equal(server.user('alice').statusExpiresAt, at(8, 9, 0));
  scheduler.sleep(16 * HOUR); // asleep through the end: only the server acts
  assert.deepEqual(server.expireDueStatuses(), ['alice']);
  assert.equal(server.user('alice').statusDefault, 'online');
});

test('a status set by hand during quiet hours wins until the next boundary', async (t) => {
  const { server, scheduler, session } = await world(t);
  await advanceTo(scheduler, at(7, 18, 0));
  await eventually(() => server.user('alice').statusDefault === 'busy', 'quiet');
  await advanceTo(scheduler, at(7, 21, 0));
  await session.setStatus({ status: 'online', message: 'Still around' });
  await advanceTo(scheduler, at(8, 9, 0));
  assert.equal(server.user('alice').statusDefault, 'online');
  assert.equal(server.user('alice').statusText, 'Still around', 'not "restored" over the hand-set status');
  await advanceTo(scheduler, at(8, 18, 0));
  await eventually(() => server.user('alice').statusDefault === 'busy', 'quiet again the next evening');
});

test('a change made elsewhere during quiet hours is kept at the end', async (t) => {
  const { server, engine, scheduler } = await world(t);
  await advanceTo(scheduler, at(7, 18, 0));
  await eventually(() => server.user('alice').statusDefault === 'busy', 'quiet');
  server.setStatusFromOtherClient('alice', 'away', 'On the phone');
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'away');
  await advanceTo(scheduler, at(8, 9, 0));
  assert.equal(server.user('alice').statusDefault, 'away');
  assert.equal(server.user('alice').statusText, 'On the phone');
});

test('sleep across the start: applied on wake; sleep across the end (7.x): restored on wake', async (t) => {
  const { server, scheduler, session, quiet } = await world(t);
  scheduler.sleep(3 * HOUR); // 17:00 → 20:00, the 18:00 timer has not fired
  await settle();
  assert.equal(server.user('alice').statusDefault, 'online');
  await quiet.evaluate(); // what powerMonitor 'resume' does
  await eventually(() => server.user('alice').statusDefault === 'busy', 'quiet after wake');
  scheduler.sleep(14 * HOUR); // 20:00 → 10:00
  await settle();
  assert.equal(server.user('alice').statusDefault, 'busy');
  await session.retryNow();
  await quiet.evaluate();
  await eventually(() => server.user('alice').statusDefault === 'online', 'restored after wake');
});

test('a restart during quiet hours applies nothing twice, and the end still restores', async (t) => {
  const { server, engine, scheduler, control, restart } = await world(t);
  await advanceTo(scheduler, at(7, 18, 0));
  await eventually(() => server.user('alice').statusDefault === 'busy', 'quiet');
  engine.dispose();
  server.resetRequests();
  const next = restart({ live: FAST_RECONNECT, scheduler });
  await next.resumeAll();
  await until(next, server.url, ready);
  await control(next).reload();
  await settle();
  assert.equal(server.requests().filter((r) => r.path === '/api/v1/users.setStatus').length, 0);
  await advanceTo(scheduler, at(8, 9, 0));
  await eventually(() => server.user('alice').statusDefault === 'online', 'restored by the new run');
});

test('turning quiet hours off during them puts the earlier status back', async (t) => {
  const { server, engine, scheduler, quiet } = await world(t);
  await advanceTo(scheduler, at(7, 18, 0));
  await eventually(() => server.user('alice').statusDefault === 'busy', 'quiet');
  await engine.settings.update((settings) => ({ ...settings, quietHours: { ...WEEKDAY_EVENINGS, enabled: false } }));
  await quiet.reload();
  await eventually(() => server.user('alice').statusDefault === 'online', 'restored');
});

test("following the desktop's do-not-disturb: quiet while it is on, back when it ends", async (t) => {
  const dnd = new FakeDesktopDnd();
  const { server } = await world(t, {}, { ...WEEKDAY_EVENINGS, followDesktop: true, status: 'offline', message: 'Focus' }, dnd);
  dnd.set(true);
  await eventually(() => server.user('alice').statusDefault === 'offline', 'invisible while do-not-disturb');
  assert.equal(server.user('alice').statusText, 'Focus');
  dnd.set(false);
  await eventually(() => server.user('alice').statusDefault === 'online', 'back');
});

test('quiet hours on: an idle hour sends no HTTP request (boundaries are timers, not polls)', async (t) => {
  const { server, scheduler } = await world(t);
  await advanceTo(scheduler, at(7, 17, 1));
  server.resetRequests();
  for (let minute = 0; minute < 50; minute += 1) scheduler.advance(MINUTE);
  await settle();
  assert.equal(server.requests().filter((r) => r.transport === 'http').length, 0);
  assert.ok(scheduler.pending().includes(at(7, 18, 0) - scheduler.now()), 'one timer waits for 18:00');
});
