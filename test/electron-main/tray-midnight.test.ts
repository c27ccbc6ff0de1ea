import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appWorld, eventually } from './app-fixture';

// The tray's end times read relative to today ("until tomorrow 09:00"): at midnight they must be
// redrawn though nothing about the session changed (one timer, re-armed after each render).

async function busyUntilTomorrowMorning(t: Parameters<typeof appWorld>[0]) {
  const world = await appWorld(t, { rateLimit: false });
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Status', 'Online')?.checked === true, 'live online status');
  tray.item('Status', 'Busy for…', 'Until tomorrow morning')!.click();
  // A settings write and a request: on a loaded machine this can take seconds.
  await eventually(() => tray.labels().includes('Busy until tomorrow 09:00'), 'the end time in the menu', 10_000);
  const now = world.appClock.now();
  const today = new Date(now);
  const midnight = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).getTime();
  return { world, app, tray, midnight };
}

test('at midnight the tray says "until 09:00" instead of "until tomorrow 09:00", with no state change', async (t) => {
  const { world, tray, midnight } = await busyUntilTomorrowMorning(t);
  assert.match(tray.toolTips.at(-1)!, /\nBusy until tomorrow 09:00\n/);
  assert.ok(world.appClock.pending().includes(midnight - world.appClock.now()), 'one timer waits for midnight');
  const rendersBefore = tray.toolTips.length;
  world.appClock.advance(midnight - world.appClock.now() - 1);
  assert.equal(tray.toolTips.length, rendersBefore, 'nothing redrawn before midnight');
  world.appClock.advance(1);
  assert.match(tray.toolTips.at(-1)!, /\nBusy until 09:00\n/);
  assert.ok(tray.labels().includes('Busy until 09:00'), tray.labels().join(' | '));
  // Re-armed for the end itself (the app's restore on this 7.x server is the engine's own timer).
  assert.deepEqual(world.appClock.pending().filter((delay) => delay === 9 * 3_600_000), [9 * 3_600_000]);
});

test('asleep across midnight: the tray is redrawn for the new day on wake', async (t) => {
  const { world, app, tray, midnight } = await busyUntilTomorrowMorning(t);
  // Timers stand still while asleep (monotonic): only the wake can tell the day changed.
  world.appClock.sleep(midnight - world.appClock.now() + 3_600_000);
  assert.match(tray.toolTips.at(-1)!, /\nBusy until tomorrow 09:00\n/, 'asleep: nothing ran');
  app.electron.powerEvents.emit('resume');
  assert.match(tray.toolTips.at(-1)!, /\nBusy until 09:00\n/);
});

test('with nothing shown that depends on the date, the tray holds no timer', async (t) => {
  const world = await appWorld(t, { rateLimit: false });
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Status', 'Online')?.checked === true, 'live online status');
  const rendersBefore = tray.toolTips.length;
  world.appClock.advance(2 * 86_400_000);
  assert.equal(tray.toolTips.length, rendersBefore, 'no redraw for two days of an unchanged tray');
});
