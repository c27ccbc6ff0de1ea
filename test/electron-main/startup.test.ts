import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { IPC_INVOKE } from '../../main/common/ipc-contract';
import { appWorld, eventually } from './app-fixture';

const icon = (file: string) => path.basename(path.dirname(file)) + '/' + path.basename(file);

test('a second instance asks to quit at once and builds nothing', async (t) => {
  const world = await appWorld(t);
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

test('on ready the tray appears connecting and resume starts in the same tick, before any window', async (t) => {
  const world = await appWorld(t);
  const app = world.launch();
  assert.deepEqual(app.electron.privilegedSchemes, ['app'], 'app:// is privileged before ready');
  assert.equal(app.electron.trays.length, 0);
  const runtime = await app.ready();
  // Nothing has been awaited since ready: both already happened.
  assert.deepEqual(app.electron.log, ['protocol:privileged', 'tray:created', 'engine:resumeAll']);
  assert.equal(icon(app.electron.trays[0]!.initialImage), 'tray/connecting-32.png');
  assert.match(app.electron.trays[0]!.toolTips.at(-1)!, /Connecting…/);
  await runtime.started;
  assert.deepEqual(app.electron.log, ['protocol:privileged', 'tray:created', 'engine:resumeAll', 'window:created']);
});

test('HTTP goes through Electron net.fetch and settings live in RC_TRAY_CONFIG_DIR', async (t) => {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  assert.equal(world.engineOptions[0]?.http?.adapter, 'fetch');
  assert.equal(world.engineOptions[0]?.configFolder, world.configFolder);
  assert.ok(app.electron.fetchCalls.count >= 1, 'the resume request went through net.fetch');
});

test('a saved session resumes with no window at all; the tray shows the user', async (t) => {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  assert.deepEqual(app.electron.windows, []);
  const tray = app.electron.trays[0]!;
  assert.equal(icon(tray.image), 'tray/online-32.png');
  assert.deepEqual(tray.labels().slice(0, 3), ['Alice Example (@alice)', 'Online', world.server.url.replace('http://', '')]);
  assert.match(tray.toolTips.at(-1)!, /@alice/);
  assert.ok(tray.item('Sign out'));
  assert.equal(tray.item('Sign in…'), undefined);
});

test('signed out: the login window opens, locked down, on the app protocol', async (t) => {
  const world = await appWorld(t);
  const app = world.launch();
  await app.started();
  assert.equal(app.electron.windows.length, 1);
  const window = app.electron.windows[0]!;
  assert.deepEqual(window.loadedUrls, ['app://rc-tray/login.html']);
  const prefs = window.options.webPreferences;
  assert.deepEqual([prefs.sandbox, prefs.contextIsolation, prefs.nodeIntegration, prefs.webSecurity], [true, true, false, true]);
  assert.equal(prefs.preload, path.resolve(__dirname, '../../dist/app/preload.js'));
  assert.equal(window.options.show, false, 'shown on ready-to-show only');
  window.emit('ready-to-show');
  assert.equal(window.shown, 1);
  assert.equal(window.webContents.navigate('will-navigate'), true);
  assert.equal(window.webContents.navigate('will-redirect'), true);
  assert.equal(window.webContents.navigate('will-frame-navigate'), true);
  assert.deepEqual(window.webContents.windowOpenHandler?.(), { action: 'deny' });
  let granted: boolean | undefined;
  app.electron.permissionHandlers.request?.({}, 'media', (answer) => (granted = answer));
  assert.equal(granted, false);
  assert.equal(app.electron.permissionHandlers.check?.({}, 'clipboard-read'), false);
  assert.equal(icon(app.electron.trays[0]!.image), 'tray/signed-out-32.png');
});

test('signing in through the window destroys it; the next launch resumes without one', async (t) => {
  const world = await appWorld(t);
  const first = world.launch();
  await first.started();
  const window = first.electron.windows[0]!;
  const state = (await first.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), {
    server: world.server.url,
    user: 'alice',
    password: 'alice-password',
  })) as { session: { kind: string } };
  assert.equal(state.session.kind, 'signed-in');
  await eventually(() => window.destroyed, 'login window destroyed');
  const tray = first.electron.trays[0]!;
  assert.equal(icon(tray.image), 'tray/online-32.png');
  assert.ok(tray.item('Status', 'Online')?.checked);
  first.electron.app.quit();
  assert.equal(tray.destroyed, true);

  const second = world.launch();
  await second.started();
  assert.deepEqual(second.electron.windows, []);
  assert.equal(icon(second.electron.trays[0]!.image), 'tray/online-32.png');
});

test('--hidden with an expired session: a notification, no window, until it is clicked', async (t) => {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  world.server.revokeTokens('alice');
  const app = world.launch({ argv: ['/opt/rc-tray/rc-tray', '--hidden'] });
  await app.started();
  assert.deepEqual(app.electron.windows, []);
  assert.equal(app.electron.notifications.length, 1);
  const notification = app.electron.notifications[0]!;
  assert.equal(notification.shown, true);
  assert.match(notification.options.body, /session has expired/);
  notification.emit('click');
  assert.equal(app.electron.windows.length, 1);
});

test('--hidden with no session at all: only the tray, offering "Sign in…"', async (t) => {
  const world = await appWorld(t);
  const app = world.launch({ argv: ['/opt/rc-tray/rc-tray', '--hidden'] });
  await app.started();
  assert.deepEqual(app.electron.windows, []);
  assert.deepEqual(app.electron.notifications, []);
  const tray = app.electron.trays[0]!;
  tray.item('Sign in…')?.click?.();
  assert.equal(app.electron.windows.length, 1, 'the person asked');
});

test('not hidden with an expired session: the login window opens', async (t) => {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  world.server.revokeTokens('alice');
  const app = world.launch();
  await app.started();
  assert.equal(app.electron.windows.length, 1);
});

test('a second launch shows the login window when signed out, the tray menu when signed in', async (t) => {
  const world = await appWorld(t);
  const app = world.launch({ argv: ['/opt/rc-tray/rc-tray', '--hidden'] });
  await app.started();
  app.electron.appEvents.emit('second-instance', {}, ['/opt/rc-tray/rc-tray']);
  assert.equal(app.electron.windows.length, 1);
  const window = app.electron.windows[0]!;
  await app.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), { server: world.server.url, user: 'alice', password: 'alice-password' });
  await eventually(() => window.destroyed, 'login window destroyed');
  app.electron.appEvents.emit('second-instance', {}, ['/opt/rc-tray/rc-tray']);
  assert.equal(app.electron.windows.length, 1, 'no new window');
  assert.equal(app.electron.trays[0]!.popUps, 1);
});

test('closing the login window disposes it; the app keeps running in the tray', async (t) => {
  const world = await appWorld(t);
  const app = world.launch();
  const runtime = await app.started();
  app.electron.windows[0]!.destroy();
  assert.equal(runtime.loginWindowOpen, false);
  assert.equal(app.electron.appCalls.quit, 0);
  assert.ok(app.electron.appEvents.listenerCount('window-all-closed') >= 1, 'window-all-closed is handled, so Electron does not quit');
  await assert.rejects(app.electron.invoke(IPC_INVOKE.getState.channel, app.electron.windows[0]!.invokeEvent(), {}), /may not talk/);
});
