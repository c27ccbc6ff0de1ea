// The freedesktop do-not-disturb path against a real notification service: a private dbus-daemon
// of this test's own, a stand-in server on it (test/support/notification-server.py, modelled on
// KDE Plasma's), and rc-tray's real gdbus calls and monitor. Nothing here is a double of rc-tray.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DO_NOT_DISTURB_REASONS, doNotDisturbSource } from '../../main/engine/presence/do-not-disturb';
import { notificationServer, privateBus } from '../support/notification-bus';
import { eventually } from '../support/session-waits';

test('KDE Plasma: Inhibited is read, followed through PropertiesChanged, and the server named', { timeout: 30_000 }, async (t) => {
  const env = await privateBus(t);
  const plasma = await notificationServer(t, env);
  const source = doNotDisturbSource({ env });
  assert.deepEqual(source.availability, { available: false, reason: DO_NOT_DISTURB_REASONS.checking }, 'not known before asking');
  assert.deepEqual(await source.probe(), { available: true, desktop: 'Plasma' });
  assert.deepEqual(source.availability, { available: true, desktop: 'Plasma' });
  const seen: boolean[] = [];
  const stop = source.watch((on) => seen.push(on));
  t.after(stop);
  await eventually(() => seen.length === 1, 'the current state');
  assert.deepEqual(seen, [false]);
  await plasma.say('inhibited true');
  await eventually(() => seen.at(-1) === true, 'do not disturb on');
  await plasma.say('inhibited false');
  await eventually(() => seen.at(-1) === false, 'do not disturb off');
  assert.deepEqual(seen, [false, true, false]);
});

test('another notification server takes over while watched: its state is read', { timeout: 30_000 }, async (t) => {
  const env = await privateBus(t);
  const first = await notificationServer(t, env);
  const source = doNotDisturbSource({ env });
  const seen: boolean[] = [];
  const stop = source.watch((on) => seen.push(on));
  t.after(stop);
  await eventually(() => seen.length === 1, 'the first server’s state');
  await first.stop();
  const second = await notificationServer(t, env);
  await second.say('inhibited true');
  await eventually(() => seen.at(-1) === true, 'the new server’s do not disturb');
  assert.deepEqual(seen, [false, true]);
});

test('a notification server without Inhibited (GDBus answers InvalidArgs): unavailable, and the server named', { timeout: 30_000 }, async (t) => {
  const env = await privateBus(t);
  const plain = await notificationServer(t, env, ['--plain', '--name', 'dunst', '--vendor', 'knopwob']);
  const source = doNotDisturbSource({ env });
  assert.deepEqual(await source.probe(), { available: false, reason: DO_NOT_DISTURB_REASONS.lacks('dunst') });
  assert.equal(DO_NOT_DISTURB_REASONS.lacks('dunst'), 'Following the desktop’s do not disturb is not available: dunst, this desktop’s notification server, does not say when do not disturb is on.');
  assert.equal(source.availability.available, false);
  await plain.stop();
});

test('no notification server on the bus: unavailable, saying so', { timeout: 30_000 }, async (t) => {
  const env = await privateBus(t);
  assert.deepEqual(await doNotDisturbSource({ env }).probe(), { available: false, reason: DO_NOT_DISTURB_REASONS.noServer });
});
