// The app on a KDE-like desktop, with a real notification service on a private session bus
// (test/support/notification-bus.ts): the quiet-hours submenu offers following the desktop's do not
// disturb only where the server says it, and following it changes the status on the server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DO_NOT_DISTURB_REASONS } from '../../main/engine/presence/do-not-disturb';
import { notificationServer, privateBus } from '../support/notification-bus';
import { appWorld, eventually } from './app-fixture';

const FOLLOW = "Also while the desktop's do not disturb is on";

async function kdeApp(t: Parameters<typeof appWorld>[0], serverArgs: string[] = []) {
  const bus = await privateBus(t);
  const notifications = await notificationServer(t, bus, serverArgs);
  const world = await appWorld(t, { rateLimit: false });
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch({ env: { PATH: bus.PATH, DBUS_SESSION_BUS_ADDRESS: bus.DBUS_SESSION_BUS_ADDRESS, XDG_CURRENT_DESKTOP: 'KDE' } });
  await app.started();
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Status', 'Online')?.checked === true, 'live online status');
  return { world, tray, notifications };
}

test('KDE Plasma: the option is offered, and following it sets Busy while do not disturb is on', { timeout: 30_000 }, async (t) => {
  const { world, tray, notifications } = await kdeApp(t);
  await eventually(() => tray.item('Quiet hours', FOLLOW) !== undefined, 'the option, once the server answered', 10_000);
  tray.item('Quiet hours', FOLLOW)!.click();
  await eventually(() => tray.item('Quiet hours', FOLLOW)?.checked === true, 'following');
  await notifications.say('inhibited true');
  await eventually(() => world.server.user('alice').statusDefault === 'busy', 'busy while the desktop is quiet', 10_000);
  assert.equal(world.server.user('alice').statusText, 'Outside working hours');
  await notifications.say('inhibited false');
  await eventually(() => world.server.user('alice').statusDefault === 'online', 'back when it ends', 10_000);
});

test('a notification server without Inhibited: the option is shown as unavailable, with the reason', { timeout: 30_000 }, async (t) => {
  const { tray } = await kdeApp(t, ['--plain', '--name', 'dunst', '--vendor', 'knopwob']);
  await eventually(() => tray.item('Quiet hours', DO_NOT_DISTURB_REASONS.lacks('dunst')) !== undefined, 'the reason', 10_000);
  assert.equal(tray.item('Quiet hours', DO_NOT_DISTURB_REASONS.lacks('dunst'))?.enabled, false);
  assert.equal(tray.item('Quiet hours', FOLLOW), undefined, 'not offered');
});
