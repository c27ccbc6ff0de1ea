import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { appWorld, eachPlatform, eventually, trayIconFile } from './app-fixture';

async function signedInApp(t: Parameters<typeof appWorld>[0], platform: NodeJS.Platform, serverOptions: Parameters<typeof appWorld>[1] = {}) {
  const world = await appWorld(t, serverOptions, { platform });
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  const runtime = await app.started();
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Status', 'Online')?.checked === true, 'live online status');
  return { world, app, runtime, tray };
}

eachPlatform('choosing a status sets it on the server and the rebuilt menu checks it', async (t, platform) => {
  const { world, tray } = await signedInApp(t, platform);
  const menusBefore = tray.menus.length;
  tray.item('Status', 'Busy')?.click();
  await eventually(() => world.server.user('alice').statusDefault === 'busy', 'busy on the server');
  await eventually(() => path.basename(tray.image) === path.basename(trayIconFile('busy', world.platform)), 'busy icon');
  assert.equal(tray.item('Status', 'Busy')?.checked, true);
  assert.ok(tray.menus.length > menusBefore, 'the menu was built and set again');
  assert.equal(tray.item('Status', 'Online')?.checked, false);
});

eachPlatform('a status message preset is set, and cleared again', async (t, platform) => {
  const { world, tray } = await signedInApp(t, platform);
  tray.item('Set status message', 'In a meeting', "Don't clear")?.click();
  await eventually(() => world.server.user('alice').statusText === 'In a meeting', 'message on server');
  await eventually(() => tray.item('Set status message', 'Clear status message')?.enabled === true, 'clear enabled');
  tray.item('Set status message', 'Clear status message')?.click();
  await eventually(() => world.server.user('alice').statusText === '', 'message cleared');
});

eachPlatform("a status the server refuses becomes a notification with the server's reason", async (t, platform) => {
  const { world, app, tray } = await signedInApp(t, platform);
  await eventually(() => tray.item('Status', 'Invisible') !== undefined, 'invisible offered (allowed at sign-in)');
  // The admin turns it off after rc-tray read the settings: the server's refusal is what the person sees.
  world.server.setOption('allowInvisibleStatus', false);
  tray.item('Status', 'Invisible')?.click();
  assert.equal(tray.item('Status', 'Invisible')?.checked, true, 'the OS flipped the radio item at once');
  await eventually(() => app.electron.notifications.length === 1, 'notification');
  assert.equal(app.electron.notifications[0]!.options.body, 'This server does not allow the invisible status.');
  assert.equal(tray.item('Status', 'Online')?.checked, true, 'the menu was rebuilt from the real status');
  assert.notEqual(tray.item('Status', 'Invisible')?.checked, true, 'no longer shown as chosen');
});

eachPlatform('Invisible is not offered where the server disables it (Accounts_AllowInvisibleStatusOption)', async (t, platform) => {
  const { tray } = await signedInApp(t, platform, { allowInvisibleStatus: false });
  await eventually(() => tray.item('Status', 'Invisible') === undefined, 'invisible hidden once the settings are read');
  assert.ok(tray.item('Status', 'Away'), 'Away stays (Rocket.Chat PR #41414)');
});

eachPlatform('a server that shares no live status says so in the tray', async (t, platform) => {
  const { tray } = await signedInApp(t, platform, { presenceBroadcastDisabled: true });
  await eventually(() => tray.item('This server does not share live status') !== undefined, 'menu line');
  assert.match(tray.toolTips.at(-1) ?? '', /This server does not share live status/);
});

eachPlatform('"Open in browser" hands only the server URL to the OS', async (t, platform) => {
  const { world, app, tray } = await signedInApp(t, platform);
  tray.item(`Open ${world.server.url} in browser`)?.click();
  // The parsed, normalised href (audit F-10), never the raw string.
  assert.deepEqual(app.electron.openedExternally, [new URL(world.server.url).href]);
});

eachPlatform('sign out from the tray: signed-out look, "Sign in…", no window, no notification', async (t, platform) => {
  const { world, app, tray } = await signedInApp(t, platform);
  tray.item('Sign out')?.click();
  await eventually(() => tray.item('Sign in…') !== undefined, 'sign in offered');
  assert.equal(path.basename(tray.image), path.basename(trayIconFile('signed-out', platform)));
  assert.deepEqual(app.electron.windows, []);
  assert.deepEqual(app.electron.notifications, []);
  assert.equal(world.tokens.items.size, 0);
  assert.equal(world.server.tokenCount('alice'), 0, 'the token was revoked on the server');
});

eachPlatform('a session revoked while running: a notification (not a window) that opens the login window', async (t, platform) => {
  const { world, app, tray } = await signedInApp(t, platform);
  world.livePresences.at(-1)!.events.rejected();
  await eventually(() => app.electron.notifications.length === 1, 'notification');
  assert.deepEqual(app.electron.windows, []);
  assert.match(app.electron.notifications[0]!.options.body, /expired/);
  assert.equal(path.basename(tray.image), path.basename(trayIconFile('signed-out', platform)));
  app.electron.notifications[0]!.click();
  assert.equal(app.electron.windows.length, 1);
});

test('Linux start at login writes and removes the XDG autostart entry; the checkbox shows the file', async (t) => {
  const { world, tray } = await signedInApp(t, 'linux');
  const file = path.join(world.home, '.config', 'autostart', 'rc-tray.desktop');
  assert.equal(tray.item('Start at login')?.checked, false);
  const menusBefore = tray.menus.length;
  tray.item('Start at login')?.click();
  await eventually(() => existsSync(file), 'autostart entry written');
  assert.match(await readFile(file, 'utf8'), /^Exec="\/opt\/rc-tray\/rc-tray" --hidden$/m);
  // The clicked item flips by itself (the fake, as menus do): wait for a menu drawn after the change,
  // or the next click lands on the old item, whose action still says "turn on" (seen under load).
  await eventually(() => tray.menus.length > menusBefore && tray.item('Start at login')?.checked === true, 'a redrawn menu, checked');
  tray.item('Start at login')?.click();
  await eventually(() => !existsSync(file), 'autostart entry removed');
  await eventually(() => tray.item('Start at login')?.checked === false, 'unchecked');
});

test('Linux start at login from an AppImage starts the AppImage file', async (t) => {
  const world = await appWorld(t);
  const app = world.launch({ argv: ['/tmp/.mount_x/rc-tray', '--hidden'], env: { APPIMAGE: '/home/a/Apps/rc tray.AppImage' } });
  await app.started();
  const tray = app.electron.trays[0]!;
  const file = path.join(world.home, '.config', 'autostart', 'rc-tray.desktop');
  tray.item('Start at login')?.click();
  await eventually(() => existsSync(file), 'autostart entry written');
  assert.match(await readFile(file, 'utf8'), /^Exec="\/home\/a\/Apps\/rc tray\.AppImage" --hidden$/m);
});

test('Windows start at login uses the login item with --hidden', async (t) => {
  const world = await appWorld(t);
  const app = world.launch({ platform: 'win32', argv: ['C:\\rc-tray.exe', '--hidden'] });
  await app.started();
  const tray = app.electron.trays[0]!;
  assert.equal(path.basename(tray.image), 'signed-out.png');
  tray.item('Start at login')?.click();
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

eachPlatform('quit disposes tray, window, engine, IPC handlers and system listeners', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  await eventually(() => world.livePresences.length === 1, 'live');
  app.electron.trays[0]!.item('Quit')?.click();
  assert.equal(app.electron.appCalls.quit, 1);
  assert.equal(app.electron.trays[0]!.destroyed, true);
  assert.equal(world.livePresences[0]!.closed, true);
  assert.equal(app.electron.ipcHandlers.size, 0);
  for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen']) assert.equal(app.electron.powerEvents.listenerCount(event), 0, event);
  assert.deepEqual(world.appClock.pending(), [], 'no app timer left');
});
