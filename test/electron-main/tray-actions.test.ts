import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { appWorld, eventually } from './app-fixture';

async function signedInApp(t: Parameters<typeof appWorld>[0], serverOptions: Parameters<typeof appWorld>[1] = {}) {
  const world = await appWorld(t, serverOptions);
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  const runtime = await app.started();
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Status', 'Online')?.checked === true, 'live online status');
  return { world, app, runtime, tray };
}

test('choosing a status sets it on the server and the rebuilt menu checks it', async (t) => {
  const { world, tray } = await signedInApp(t);
  const menusBefore = tray.menus.length;
  tray.item('Status', 'Busy')?.click?.();
  await eventually(() => tray.item('Status', 'Busy')?.checked === true, 'busy checked');
  assert.equal(world.server.user('alice').statusDefault, 'busy');
  assert.ok(tray.menus.length > menusBefore, 'the menu was built and set again');
  assert.equal(tray.item('Status', 'Online')?.checked, false);
  assert.equal(path.basename(tray.image), 'busy-32.png');
});

test('a status message preset is set, and cleared again', async (t) => {
  const { world, tray } = await signedInApp(t);
  tray.item('Set status message', 'In a meeting')?.click?.();
  await eventually(() => world.server.user('alice').statusText === 'In a meeting', 'message on server');
  await eventually(() => tray.item('Set status message', 'Clear status message')?.enabled === true, 'clear enabled');
  tray.item('Set status message', 'Clear status message')?.click?.();
  await eventually(() => world.server.user('alice').statusText === '', 'message cleared');
});

test("a status the server refuses becomes a notification with the server's reason", async (t) => {
  const { world, app, tray } = await signedInApp(t);
  await eventually(() => tray.item('Status', 'Invisible') !== undefined, 'invisible offered (allowed at sign-in)');
  // The admin turns it off after rc-tray read the settings: the server's refusal is what the person sees.
  world.server.setOption('allowInvisibleStatus', false);
  tray.item('Status', 'Invisible')?.click?.();
  await eventually(() => app.electron.notifications.length === 1, 'notification');
  assert.equal(app.electron.notifications[0]!.options.body, 'This server does not allow the invisible status.');
  assert.equal(tray.item('Status', 'Online')?.checked, true);
});

test('Invisible is not offered where the server disables it (Accounts_AllowInvisibleStatusOption)', async (t) => {
  const { tray } = await signedInApp(t, { allowInvisibleStatus: false });
  await eventually(() => tray.item('Status', 'Invisible') === undefined, 'invisible hidden once the settings are read');
  assert.ok(tray.item('Status', 'Away'), 'Away stays (Rocket.Chat PR #41414)');
});

test('a server that shares no live status says so in the tray', async (t) => {
  const { tray } = await signedInApp(t, { presenceBroadcastDisabled: true });
  await eventually(() => tray.item('This server does not share live status') !== undefined, 'menu line');
  assert.match(tray.toolTips.at(-1) ?? '', /This server does not share live status/);
});

test('"Open in browser" hands only the server URL to the OS', async (t) => {
  const { world, app, tray } = await signedInApp(t);
  tray.item(`Open ${world.server.url.replace('http://', '')} in browser`)?.click?.();
  assert.deepEqual(app.electron.openedExternally, [world.server.url]);
});

test('sign out from the tray: signed-out look, "Sign in…", no window, no notification', async (t) => {
  const { world, app, tray } = await signedInApp(t);
  tray.item('Sign out')?.click?.();
  await eventually(() => tray.item('Sign in…') !== undefined, 'sign in offered');
  assert.equal(path.basename(tray.image), 'signed-out-32.png');
  assert.deepEqual(app.electron.windows, []);
  assert.deepEqual(app.electron.notifications, []);
  assert.equal(world.tokens.items.size, 0);
  assert.equal(world.server.tokenCount('alice'), 0, 'the token was revoked on the server');
});

test('a session revoked while running: a notification (not a window) that opens the login window', async (t) => {
  const { world, app, tray } = await signedInApp(t);
  world.livePresences.at(-1)!.events.rejected();
  await eventually(() => app.electron.notifications.length === 1, 'notification');
  assert.deepEqual(app.electron.windows, []);
  assert.match(app.electron.notifications[0]!.options.body, /expired/);
  assert.equal(path.basename(tray.image), 'signed-out-32.png');
  app.electron.notifications[0]!.emit('click');
  assert.equal(app.electron.windows.length, 1);
});

test('Linux start at login writes and removes the XDG autostart entry; the checkbox shows the file', async (t) => {
  const { world, tray } = await signedInApp(t);
  const file = path.join(world.home, '.config', 'autostart', 'rc-tray.desktop');
  assert.equal(tray.item('Start at login')?.checked, false);
  tray.item('Start at login')?.click?.();
  await eventually(() => tray.item('Start at login')?.checked === true, 'checked');
  assert.match(await readFile(file, 'utf8'), /^Exec="\/opt\/rc-tray\/rc-tray" --hidden$/m);
  tray.item('Start at login')?.click?.();
  await eventually(() => tray.item('Start at login')?.checked === false, 'unchecked');
  assert.equal(existsSync(file), false);
});

test('Linux start at login from an AppImage starts the AppImage file', async (t) => {
  const world = await appWorld(t);
  const app = world.launch({ argv: ['/tmp/.mount_x/rc-tray', '--hidden'], env: { APPIMAGE: '/home/a/Apps/rc tray.AppImage' } });
  await app.started();
  const tray = app.electron.trays[0]!;
  tray.item('Start at login')?.click?.();
  await eventually(() => tray.item('Start at login')?.checked === true, 'checked');
  const file = path.join(world.home, '.config', 'autostart', 'rc-tray.desktop');
  assert.match(await readFile(file, 'utf8'), /^Exec="\/home\/a\/Apps\/rc tray\.AppImage" --hidden$/m);
});

test('Windows start at login uses the login item with --hidden', async (t) => {
  const world = await appWorld(t);
  const app = world.launch({ platform: 'win32', argv: ['C:\\rc-tray.exe', '--hidden'] });
  await app.started();
  const tray = app.electron.trays[0]!;
  assert.equal(path.basename(tray.image), 'signed-out.png');
  tray.item('Start at login')?.click?.();
  await eventually(() => tray.item('Start at login')?.checked === true, 'checked');
  assert.deepEqual(app.electron.appCalls.loginItems, [{ openAtLogin: true, args: ['--hidden'] }]);
});

test('macOS uses template icons and treats a login-item launch as hidden', async (t) => {
  const world = await appWorld(t);
  const app = world.launch({ platform: 'darwin' });
  app.electron.loginItem.wasOpenedAtLogin = true;
  await app.started();
  assert.deepEqual(app.electron.windows, []);
  assert.equal(path.basename(app.electron.trays[0]!.image), 'signed-outTemplate.png');
});

test('quit disposes tray, window, engine, IPC handlers and system listeners', async (t) => {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  await eventually(() => world.livePresences.length === 1, 'live');
  app.electron.trays[0]!.item('Quit')?.click?.();
  assert.equal(app.electron.appCalls.quit, 1);
  assert.equal(app.electron.trays[0]!.destroyed, true);
  assert.equal(world.livePresences[0]!.closed, true);
  assert.equal(app.electron.ipcHandlers.size, 0);
  for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen']) assert.equal(app.electron.powerEvents.listenerCount(event), 0, event);
  assert.deepEqual(world.appClock.pending(), [], 'no app timer left');
});
