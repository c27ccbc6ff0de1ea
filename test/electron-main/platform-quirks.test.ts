// Behaviour only one OS has, against the fake's rules for that OS.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrayController } from '../../main/electron-main/tray-controller';
import { platformBehaviour } from '../../main/desktop/platform-behaviour';
import { signedIn } from '../desktop/session-fixtures';
import { appWorld, eventually } from './app-fixture';
import { fakeElectron, win32DisplayedLabel } from './fake-electron';
import { AUTO_AWAY_STRINGS } from '../../main/desktop/auto-away-availability';

test('Windows shows "&" in names and status messages literally, not as a mnemonic; elsewhere labels are as they are', () => {
  for (const platform of ['win32', 'linux', 'darwin'] as const) {
    const electron = fakeElectron({ userData: '/tmp/unused', platform });
    electron.fireReady();
    const input = { session: signedIn('online', { name: 'Tom & Jerry', statusText: 'Lunch & errands' }), resuming: false, startAtLogin: false, startAtLoginAvailable: true };
    new TrayController({ Tray: electron.Tray, Menu: electron.Menu, assetsDir: '/a', platform, behaviour: platformBehaviour(platform), onAction: () => undefined, onClick: () => undefined }, input);
    const labels = electron.trays[0]!.labels();
    const shown = platform === 'win32' ? labels.map(win32DisplayedLabel) : labels;
    assert.ok(shown.includes('Tom & Jerry (@alice)'), `${platform}: ${shown.join(' | ')}`);
    assert.ok(shown.some((label) => label.includes('Lunch & errands')), `${platform}: ${shown.join(' | ')}`);
  }
});

test('Windows: a "session ended" notice clicked in Action Center after its toast timed out opens the login window', async (t) => {
  const world = await appWorld(t, {}, { platform: 'win32' });
  await world.signInBefore('alice', 'alice-password');
  world.server.revokeTokens('alice');
  const app = world.launch({ argv: ['C:\\rc-tray.exe', '--hidden'] });
  await app.started();
  const notification = app.electron.notifications[0]!;
  notification.timeOut();
  assert.deepEqual(app.electron.windows, []);
  notification.clickInActionCenter();
  assert.equal(app.electron.windows.length, 1);
});

test('macOS unsigned build: a notice that cannot be shown ("failed") becomes the login window, which says the same', async (t) => {
  const world = await appWorld(t, {}, { platform: 'darwin' });
  await world.signInBefore('alice', 'alice-password');
  world.server.revokeTokens('alice');
  const app = world.launch({ argv: ['/Applications/rc-tray.app/Contents/MacOS/rc-tray', '--hidden'] });
  await app.started();
  assert.deepEqual(app.electron.windows, []);
  app.electron.notifications[0]!.fail();
  assert.equal(app.electron.windows.length, 1);
});

test('Linux without a notification server (no libnotify): the hidden start says nothing, the tray offers "Sign in…"', async (t) => {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  world.server.revokeTokens('alice');
  const app = world.launch({ argv: ['/opt/rc-tray/rc-tray', '--hidden'] });
  app.electron.notificationsSupported.value = false;
  await app.started();
  assert.deepEqual(app.electron.notifications, []);
  assert.ok(app.electron.trays[0]!.item('Sign in…'));
});

test('Linux on X11: ready-to-show and the page load both come; the window is shown once', async (t) => {
  const world = await appWorld(t);
  const app = world.launch({ display: 'x11' });
  await app.started();
  const window = app.electron.windows[0]!;
  await eventually(() => window.shown === 1, 'shown');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(window.shown, 1);
});

test('Wayland without idle time: after 20 minutes of idle reading 0 the tray says auto-away on idle is off; with no lock source either, that it is off', async (t) => {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch({ env: { XDG_SESSION_TYPE: 'wayland' } });
  await app.started();
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Status', 'Online')?.checked === true, 'live');
  const notice = () => tray.labels().find((label) => label.startsWith('Auto-away'));
  world.appClock.advance(10 * 60_000);
  assert.equal(notice(), undefined, 'too early to tell');
  world.appClock.advance(11 * 60_000);
  assert.equal(notice(), AUTO_AWAY_STRINGS.lockOnly);
  app.screenLockUnavailable();
  assert.equal(notice(), AUTO_AWAY_STRINGS.off);
  app.electron.idleSeconds.value = 3;
  world.appClock.advance(5_000);
  assert.equal(notice(), undefined, 'a reading above 0 proves idle time works');
});

test('X11 (and macOS/Windows) never claim idle time is missing', async (t) => {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch({ env: { XDG_SESSION_TYPE: 'x11' } });
  await app.started();
  world.appClock.advance(30 * 60_000);
  assert.equal(app.electron.trays[0]!.labels().find((label) => label.startsWith('Auto-away')), undefined);
});
