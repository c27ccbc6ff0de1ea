import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_QUIET_HOURS } from '../../main/common/quiet-hours';
import { appWorld, eventually } from './app-fixture';

async function signedInApp(t: Parameters<typeof appWorld>[0]) {
  const world = await appWorld(t, { rateLimit: false });
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  const runtime = await app.started();
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Status', 'Online')?.checked === true, 'live online status');
  return { world, app, runtime, tray };
}

/** The next Monday 19:00 local time after `now` (inside weekday-evening quiet hours). */
function nextMondayEvening(now: number): number {
  const date = new Date(now);
  for (let day = 1; day <= 8; day += 1) {
    const candidate = new Date(date.getFullYear(), date.getMonth(), date.getDate() + day, 19, 0);
    if (candidate.getDay() === 1) return candidate.getTime();
  }
  throw new Error('no Monday within a week');
}

test('the tray turns quiet hours on; at their start the app sets busy with the message', async (t) => {
  const { world, runtime, tray } = await signedInApp(t);
  assert.equal(tray.item('Quiet hours', 'Quiet hours are off')?.enabled, false);
  tray.item('Quiet hours', 'Quiet hours on')?.click();
  let saved: unknown;
  for (let tries = 0; tries < 100 && saved === undefined; tries += 1) {
    saved = (await runtime.engine.settings.read()).quietHours;
    if (saved === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.deepEqual(saved, { ...DEFAULT_QUIET_HOURS, enabled: true });
  await eventually(() => tray.item('Quiet hours', 'Quiet hours on')?.checked === true, 'checked');
  assert.equal(tray.item('Quiet hours', 'Weekdays 18:00–09:00')?.checked, true);
  world.appClock.advance(nextMondayEvening(world.appClock.now()) - world.appClock.now());
  await eventually(() => world.server.user('alice').statusDefault === 'busy', 'busy at the start');
  assert.equal(world.server.user('alice').statusText, 'Outside working hours');
  await eventually(() => tray.item('Quiet hours', 'Weekdays 18:00–09:00, Busy: “Outside working hours” — now') !== undefined, 'menu line says now');
});

test('a change made with rc-tray quiet-hours (the settings file) reaches the running app', async (t) => {
  const { runtime, tray } = await signedInApp(t);
  await runtime.engine.settings.update((settings) => ({ ...settings, quietHours: { ...DEFAULT_QUIET_HOURS, enabled: true, days: [0, 6], start: 0, end: 23 * 60, status: 'offline', message: 'Weekend' } }));
  await eventually(() => tray.item('Quiet hours', 'Weekends 00:00–23:00') !== undefined, 'custom schedule shown', 5_000);
  assert.equal(tray.item('Quiet hours', 'During quiet hours: Invisible')?.checked, true);
});

test("on Linux without a desktop that says, the do-not-disturb option explains why it is missing", async (t) => {
  const { tray } = await signedInApp(t);
  assert.ok(tray.item('Quiet hours', 'Following the desktop’s do not disturb is not available on this desktop.'));
});
