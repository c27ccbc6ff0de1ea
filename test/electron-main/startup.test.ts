import assert from 'node:assert/strict';
import * as path from 'node:path';
import { IPC_INVOKE } from '../../main/common/ipc-contract';
import { appFilesBeside } from '../../main/electron-main/app-files';
import { startDesktopApp } from '../../main/electron-main/desktop-app';
import { appWorld, eachPlatform, eventually, trayIconFile } from './app-fixture';
import { fakeElectron } from './fake-electron';

const icon = (file: string) => path.basename(path.dirname(file)) + '/' + path.basename(file);

eachPlatform('a second instance asks to quit at once and builds nothing', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  const second = world.launch({ lock: false });
  assert.equal(second.handle.primaryInstance, false);
  assert.equal(second.electron.appCalls.quit, 1);
  second.electron.fireReady();
  assert.equal(await second.handle.runtime, undefined);
  assert.deepEqual(second.electron.trays, []);
  assert.deepEqual(second.electron.windows, []);
  assert.deepEqual(second.electron.log, []);
  assert.equal(world.resumeCalls.count, 0);
});

eachPlatform('on ready the tray appears connecting and resume starts in the same tick, before any window', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  const app = world.launch();
  assert.deepEqual(app.electron.privilegedSchemes, ['app'], 'app:// is privileged before ready');
  assert.equal(app.electron.trays.length, 0);
  const runtime = await app.ready();
  // Nothing has been awaited since ready: both already happened.
  assert.deepEqual(app.electron.log, ['protocol:privileged', 'tray:created', 'engine:resumeAll']);
  assert.equal(icon(app.electron.trays[0]!.initialImage), trayIconFile('connecting', platform));
  assert.match(app.electron.trays[0]!.toolTips.at(-1)!, /Connecting…/);
  await runtime.started;
  assert.deepEqual(app.electron.log, ['protocol:privileged', 'tray:created', 'engine:resumeAll', 'window:created']);
});

eachPlatform("Electron's default application menu is replaced before any window", async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  const app = world.launch();
  await app.started();
  const menu = app.electron.applicationMenu();
  if (platform === 'darwin') {
    assert.ok(typeof menu === 'object' && menu !== null, 'macOS keeps a menu for Cmd+C/V');
    assert.deepEqual(menu.items.map((item) => item.role), ['appMenu', 'editMenu']);
  } else {
    assert.equal(menu, null, 'no File/Edit/View/Window/Help');
    assert.equal(app.electron.windows[0]!.menuBar, null, 'the login window has no menu bar (not even behind Alt)');
  }
});

eachPlatform('HTTP goes through Electron net and settings live in RC_TRAY_CONFIG_DIR', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  assert.equal(world.engineOptions[0]?.http?.adapter, 'fetch');
  assert.equal(world.engineOptions[0]?.configFolder, world.configFolder);
  assert.ok(app.electron.fetchCalls.count >= 1, 'the resume request went through Electron net');
});

eachPlatform('a saved session resumes with no window at all; the tray shows the user', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  assert.deepEqual(app.electron.windows, []);
  const tray = app.electron.trays[0]!;
  assert.equal(icon(tray.image), trayIconFile('online', platform));
  assert.deepEqual(tray.labels().slice(0, 3), ['Alice Example (@alice)', 'Online', world.server.url]);
  assert.match(tray.toolTips.at(-1)!, /@alice/);
  assert.ok(tray.item('Sign out'));
  assert.equal(tray.item('Sign in…'), undefined);
});

eachPlatform('signed out: the login window opens, locked down, on the app protocol, and is shown', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  const app = world.launch();
  await app.started();
  assert.equal(app.electron.windows.length, 1);
  const window = app.electron.windows[0]!;
  assert.deepEqual(window.loadedUrls, ['app://rc-tray/login.html']);
  const prefs = window.options.webPreferences;
  assert.deepEqual([prefs.sandbox, prefs.contextIsolation, prefs.nodeIntegration, prefs.webSecurity], [true, true, false, true]);
  assert.equal('preload' in prefs ? prefs.preload : undefined, path.resolve(__dirname, '../../dist/app/preload.js'));
  assert.equal(window.options.show, false, 'created hidden, shown once painted (or loaded)');
  // On native Wayland (the fake's Linux default) ready-to-show never comes: the load shows it.
  await eventually(() => window.shown === 1, 'login window shown');
  assert.equal(window.webContents.navigate('will-navigate'), true);
  assert.equal(window.webContents.navigate('will-redirect'), true);
  assert.equal(window.webContents.navigate('will-frame-navigate'), true);
  assert.deepEqual(window.webContents.windowOpenHandler?.(), { action: 'deny' });
  let granted: boolean | undefined;
  app.electron.permissionHandlers.request?.({}, 'media', (answer) => (granted = answer));
  assert.equal(granted, false);
  assert.equal(app.electron.permissionHandlers.check?.({}, 'clipboard-read'), false);
  assert.equal(icon(app.electron.trays[0]!.image), trayIconFile('signed-out', platform));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(window.shown, 1, 'shown once, not again on ready-to-show');
});

eachPlatform('signing in through the window: the page gets its answer, then the window closes; the next launch resumes without one', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  const first = world.launch();
  await first.started();
  const window = first.electron.windows[0]!;
  const state = (await first.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), {
    server: world.server.url,
    user: 'alice',
    password: 'alice-password',
  })) as { session: { kind: string } };
  assert.equal(state.session.kind, 'signed-in', 'the answer reached the page');
  await first.windowClosesAfterSignIn(window);
  const tray = first.electron.trays[0]!;
  await eventually(() => icon(tray.image) === trayIconFile('online', platform), 'online');
  assert.ok(tray.item('Status', 'Online')?.checked);
  first.electron.app.quit();
  assert.equal(tray.destroyed, true);

  const second = world.launch();
  await second.started();
  assert.deepEqual(second.electron.windows, []);
  assert.equal(icon(second.electron.trays[0]!.image), trayIconFile('online', platform));
});

eachPlatform('--hidden with an expired session: a notification, no window, until it is clicked', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  await world.signInBefore('alice', 'alice-password');
  world.server.revokeTokens('alice');
  const app = world.launch({ argv: ['/opt/rc-tray/rc-tray', '--hidden'] });
  await app.started();
  assert.deepEqual(app.electron.windows, []);
  assert.equal(app.electron.notifications.length, 1);
  const notification = app.electron.notifications[0]!;
  assert.equal(notification.shown, true);
  assert.match(notification.options.body, /session has expired/);
  notification.click();
  assert.equal(app.electron.windows.length, 1);
});

eachPlatform('--hidden with no session at all: only the tray, offering "Sign in…"', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  const app = world.launch({ argv: ['/opt/rc-tray/rc-tray', '--hidden'] });
  await app.started();
  assert.deepEqual(app.electron.windows, []);
  assert.deepEqual(app.electron.notifications, []);
  const tray = app.electron.trays[0]!;
  tray.item('Sign in…')?.click();
  assert.equal(app.electron.windows.length, 1, 'the person asked');
});

eachPlatform('not hidden with an expired session: the login window opens', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  await world.signInBefore('alice', 'alice-password');
  world.server.revokeTokens('alice');
  const app = world.launch();
  await app.started();
  assert.equal(app.electron.windows.length, 1);
});

eachPlatform('opening rc-tray again shows it: the login window signed out; signed in, the menu where it can pop up, else the window', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  const app = world.launch({ argv: ['/opt/rc-tray/rc-tray', '--hidden'] });
  await app.started();
  app.electron.launchAgain(['/opt/rc-tray/rc-tray']);
  assert.equal(app.electron.windows.length, 1, 'signed out: the login window');
  const window = app.electron.windows[0]!;
  await app.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), { server: world.server.url, user: 'alice', password: 'alice-password' });
  await app.windowClosesAfterSignIn(window);
  const tray = app.electron.trays[0]!;
  app.electron.launchAgain(['/opt/rc-tray/rc-tray']);
  if (platform === 'linux') {
    // popUpContextMenu is a no-op on Linux, and without a StatusNotifierItem host nothing else shows.
    assert.equal(app.electron.windows.length, 2, 'the login window, with its signed-in view');
    assert.equal(tray.menuOpens, 0);
  } else {
    assert.equal(app.electron.windows.length, 1, 'no new window');
    assert.equal(tray.menuOpens, 1, 'the tray menu opened');
  }
});

eachPlatform('a tray click: the menu opens exactly once; signed out, the login window opens (not on macOS, where the menu has "Sign in…")', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  const app = world.launch({ argv: ['/opt/rc-tray/rc-tray', '--hidden'] });
  await app.started();
  const tray = app.electron.trays[0]!;
  tray.click();
  assert.equal(app.electron.windows.length, platform === 'darwin' ? 0 : 1, 'signed out');
  assert.equal(tray.menuOpens, platform === 'darwin' ? 1 : 0, 'macOS opens its menu natively');
  app.electron.windows[0]?.destroy();

  await world.signInBefore('alice', 'alice-password');
  const signedIn = world.launch();
  await signedIn.started();
  const signedInTray = signedIn.electron.trays[0]!;
  signedInTray.click();
  assert.equal(signedInTray.menuOpens, platform === 'linux' ? 0 : 1, 'once, never twice');
  assert.deepEqual(signedIn.electron.windows, []);
});

eachPlatform('closing the login window disposes it; the app keeps running in the tray', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  const app = world.launch();
  const runtime = await app.started();
  const window = app.electron.windows[0]!;
  const event = window.invokeEvent();
  window.destroy();
  assert.equal(runtime.loginWindowOpen, false);
  assert.equal(app.electron.appCalls.quit, 0, 'window-all-closed is handled, so Electron does not quit');
  assert.equal(app.electron.appCalls.exited, false);
  await assert.rejects(app.electron.ipcHandlers.get(IPC_INVOKE.getState.channel)!(event, {}), /may not talk/);
});

eachPlatform('quitting with the login window open: the window closes, then the app quits', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  const app = world.launch();
  await app.started();
  const window = app.electron.windows[0]!;
  app.electron.trays[0]!.item('Quit')?.click();
  await eventually(() => app.electron.appCalls.exited, 'quit');
  assert.equal(window.destroyed, true);
  assert.equal(app.electron.trays[0]!.destroyed, true);
});

eachPlatform('a fault while starting is logged in one line (no stack) and the app quits, instead of living on with no tray', async (_t, platform) => {
  const electron = fakeElectron({ userData: '/tmp/unused', platform });
  const lines: string[] = [];
  const handle = startDesktopApp({
    electron,
    createEngine: () => {
      throw new Error('settings folder is not writable');
    },
    files: appFilesBeside(path.resolve(__dirname, '../../dist/app')),
    argv: ['/opt/rc-tray/rc-tray'],
    env: {},
    platform,
    homeDir: '/tmp/unused-home',
    execPath: '/opt/rc-tray/rc-tray',
    log: (line) => lines.push(line),
  });
  electron.fireReady();
  await assert.rejects(handle.runtime, /settings folder is not writable/);
  await eventually(() => electron.appCalls.exited, 'quit');
  assert.deepEqual(lines, ['rc-tray could not start: settings folder is not writable']);
});
