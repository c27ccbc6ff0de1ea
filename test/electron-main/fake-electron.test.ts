// The fake's own rules, each as Electron 45 behaves (the citations are in fake-electron.ts and
// fake/*.ts). A later edit that makes the fake kinder than Electron turns one of these red.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { test, type TestContext } from 'node:test';
import { WebSocketServer } from 'ws';
import { loginWindowOptions } from '../../main/desktop/login-window-options';
import { listenOnLoopback } from '../support/loopback';
import { fakeElectron, IpcReplyDropped, win32DisplayedLabel, type FakeElectron } from './fake-electron';

const options = () => loginWindowOptions({ preload: '/p.js', darkTheme: false, devTools: false });
const make = (platform: NodeJS.Platform = 'linux', extra: Partial<Parameters<typeof fakeElectron>[0]> = {}) => fakeElectron({ userData: '/tmp/unused', platform, ...extra });
const tick = () => new Promise((resolve) => setImmediate(resolve));

test('before ready: Tray, BrowserWindow, Notification, defaultSession, protocol.handle and net throw', async () => {
  const electron = make();
  assert.throws(() => new electron.Tray('/i.png'), /Cannot create Tray before app is ready/);
  assert.throws(() => new electron.BrowserWindow(options()), /Cannot create BrowserWindow before app is ready/);
  assert.throws(() => new electron.Notification({ title: 't', body: 'b' }), /Cannot create Notification before app is ready/);
  assert.throws(() => electron.session.defaultSession, { name: 'TypeError', message: 'Session can only be received when app is ready' });
  assert.throws(() => electron.protocol.handle('app', async () => new Response('')), /Session can only be received when app is ready/);
  await assert.rejects(electron.net.fetch('http://127.0.0.1:9/'), /Session can only be received when app is ready/);
  assert.throws(() => electron.net.request({ method: 'GET', url: 'http://127.0.0.1:9/', redirect: 'manual' }), /net module can only be used after app is ready/);
  assert.throws(() => new electron.net.WebSocket('ws://127.0.0.1:9/'), /net.WebSocket can only be used after app is ready/);
  electron.fireReady();
  assert.doesNotThrow(() => new electron.Tray('/i.png'));
  assert.doesNotThrow(() => electron.session.defaultSession);
});

test('registerSchemesAsPrivileged: only before ready, and only once', () => {
  const scheme = { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } };
  const early = make();
  early.protocol.registerSchemesAsPrivileged([scheme]);
  assert.throws(() => early.protocol.registerSchemesAsPrivileged([scheme]), /only once/);
  const late = make();
  late.fireReady();
  assert.throws(() => late.protocol.registerSchemesAsPrivileged([scheme]), /should be called before app is ready/);
});

test('a second ipcMain.handle or protocol.handle for the same channel or scheme throws', () => {
  const electron = make();
  electron.fireReady();
  electron.ipcMain.handle('c', async () => 1);
  assert.throws(() => electron.ipcMain.handle('c', async () => 2), /Attempted to register a second handler for 'c'/);
  electron.ipcMain.removeHandler('c');
  assert.doesNotThrow(() => electron.ipcMain.handle('c', async () => 2));
  electron.protocol.handle('app', async () => new Response(''));
  assert.throws(() => electron.protocol.handle('app', async () => new Response('')), /Failed to register protocol: app/);
});

test('a destroyed BrowserWindow, its webContents and a destroyed Tray throw', () => {
  const electron = make();
  electron.fireReady();
  const window = new electron.BrowserWindow(options());
  const contents = window.webContents;
  window.destroy();
  assert.equal(window.isDestroyed(), true);
  assert.equal(contents.isDestroyed(), true);
  assert.throws(() => window.show(), { name: 'TypeError', message: 'Object has been destroyed' });
  assert.throws(() => window.webContents, /Object has been destroyed/);
  assert.throws(() => contents.send('x'), /Object has been destroyed/);
  const tray = new electron.Tray('/i.png');
  tray.destroy();
  assert.throws(() => tray.setToolTip('x'), /Tray is destroyed/);
});

async function withWindow(electron: FakeElectron) {
  electron.fireReady();
  new electron.BrowserWindow(options());
  return electron.windows.at(-1)!;
}

test('ipcMain.handle replies are structured-cloned; thrown errors arrive as strings', async () => {
  const electron = make();
  const window = await withWindow(electron);
  const value = { nested: { n: 1 } };
  electron.ipcMain.handle('echo', async () => value);
  const reply = (await electron.invoke('echo', window.invokeEvent())) as typeof value;
  assert.deepEqual(reply, value);
  assert.notEqual(reply, value, 'a copy, not the object');
  electron.ipcMain.handle('fn', async () => ({ f: () => 1 }));
  await assert.rejects(electron.invoke('fn', window.invokeEvent()), IpcReplyDropped);
  electron.ipcMain.handle('bad', async () => {
    throw new TypeError('nope');
  });
  await assert.rejects(electron.invoke('bad', window.invokeEvent()), { message: "Error invoking remote method 'bad': TypeError: nope" });
  await assert.rejects(electron.invoke('none', window.invokeEvent()), /No handler registered for 'none'/);
});

test('a reply is dropped when the sender was destroyed before the handler settled', async () => {
  const electron = make();
  const window = await withWindow(electron);
  electron.ipcMain.handle('slow', async () => {
    window.destroy();
    return 'late';
  });
  await assert.rejects(electron.invoke('slow', window.invokeEvent()), IpcReplyDropped);
  assert.equal(window.invokeEvent().senderFrame, null, 'a destroyed frame has no senderFrame');
});

test('window-all-closed follows the last window; with no listener of its own the app quits', async () => {
  const electron = make();
  const window = await withWindow(electron);
  const quitEvents: string[] = [];
  for (const event of ['before-quit', 'will-quit', 'quit']) electron.appEvents.on(event, () => quitEvents.push(event));
  window.destroy();
  assert.deepEqual(quitEvents, ['before-quit', 'will-quit', 'quit'], 'Electron\'s own listener quit');
  assert.equal(electron.appCalls.exited, true);

  const kept = make();
  const keptWindow = await withWindow(kept);
  let allClosed = 0;
  kept.app.on('window-all-closed', () => (allClosed += 1));
  keptWindow.destroy();
  assert.equal(allClosed, 1);
  assert.equal(kept.appCalls.exited, false);
});

test('app.quit: before-quit, then windows close on a later turn, then will-quit and quit', async () => {
  const electron = make();
  const window = await withWindow(electron);
  const order: string[] = [];
  electron.app.on('window-all-closed', () => order.push('window-all-closed'));
  for (const event of ['before-quit', 'will-quit', 'quit']) electron.appEvents.on(event, () => order.push(event));
  window.on('closed', () => order.push('closed'));
  electron.app.quit();
  assert.deepEqual(order, ['before-quit'], 'the window has not closed yet');
  await tick();
  assert.deepEqual(order, ['before-quit', 'closed', 'will-quit', 'quit'], 'no window-all-closed while quitting');
});

test('popUpContextMenu does nothing on Linux; macOS opens the menu with the click; Windows only emits click', async () => {
  for (const [platform, afterClick, afterPopUp] of [
    ['linux', 0, 0],
    ['darwin', 1, 2],
    ['win32', 0, 1],
  ] as const) {
    const electron = make(platform);
    electron.fireReady();
    new electron.Tray('/i.png');
    const tray = electron.trays.at(-1)!;
    tray.setContextMenu(electron.Menu.buildFromTemplate([{ label: 'Quit' }]));
    let clicks = 0;
    tray.on('click', () => (clicks += 1));
    tray.click();
    assert.equal(clicks, 1, platform);
    assert.equal(tray.menuOpens, afterClick, `${platform}: menu after click`);
    tray.popUpContextMenu();
    assert.equal(tray.menuOpens, afterPopUp, `${platform}: menu after popUpContextMenu`);
  }
});

test('lock-screen and unlock-screen never fire on Linux', () => {
  const linux = make('linux');
  assert.throws(() => linux.powerEvents.emit('lock-screen'), /never emits 'lock-screen' on Linux/);
  assert.throws(() => linux.powerEvents.emit('unlock-screen'), /never emits/);
  assert.doesNotThrow(() => linux.powerEvents.emit('suspend'));
  for (const platform of ['darwin', 'win32'] as const) assert.doesNotThrow(() => make(platform).powerEvents.emit('lock-screen'));
});

test('a relaunch is activate on macOS (from Finder), second-instance elsewhere', () => {
  for (const [platform, expected] of [
    ['darwin', 'activate'],
    ['linux', 'second-instance'],
    ['win32', 'second-instance'],
  ] as const) {
    const electron = make(platform);
    const seen: string[] = [];
    electron.app.on('activate', () => seen.push('activate'));
    electron.app.on('second-instance', () => seen.push('second-instance'));
    electron.launchAgain(['rc-tray']);
    assert.deepEqual(seen, [expected], platform);
  }
});

test('Windows: a timed-out notification closes into Action Center, where only handleActivation hears a click', () => {
  const electron = make('win32');
  electron.fireReady();
  const activations: string[] = [];
  electron.Notification.handleActivation?.((details) => activations.push(details.type));
  const notification = new electron.Notification({ title: 't', body: 'b' });
  const events: string[] = [];
  notification.on('close', () => events.push('close'));
  notification.on('click', () => events.push('click'));
  notification.show();
  electron.notifications.at(-1)!.timeOut();
  assert.deepEqual(events, ['close']);
  electron.notifications.at(-1)!.clickInActionCenter();
  assert.deepEqual(events, ['close'], 'the instance hears nothing');
  assert.deepEqual(activations, ['click']);
  assert.equal(make('darwin').Notification.handleActivation, undefined, 'Windows only');
});

test('macOS: an unsigned app gets failed instead of a notification', () => {
  const electron = make('darwin');
  electron.fireReady();
  const notification = new electron.Notification({ title: 't', body: 'b' });
  let failure = '';
  notification.on('failed', (_event, error) => (failure = error));
  electron.notifications.at(-1)!.fail();
  assert.match(failure, /not allowed/);
});

test("the login window's ready-to-show never fires on native Wayland; X11, macOS and Windows paint", async () => {
  for (const [platform, display, expected] of [
    ['linux', 'wayland', 0],
    ['linux', 'x11', 1],
    ['darwin', undefined, 1],
    ['win32', undefined, 1],
  ] as const) {
    const electron = make(platform, display ? { display } : {});
    electron.fireReady();
    electron.protocol.handle('app', async () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }));
    const window = new electron.BrowserWindow(options());
    let readyToShow = 0;
    let finished = 0;
    window.once('ready-to-show', () => (readyToShow += 1));
    window.webContents.once('did-finish-load', () => (finished += 1));
    await window.loadURL('app://rc-tray/login.html');
    await tick();
    assert.deepEqual([finished, readyToShow], [1, expected], `${platform} ${display ?? ''}`);
  }
  const noHandler = make();
  noHandler.fireReady();
  await assert.rejects(new noHandler.BrowserWindow(options()).loadURL('app://rc-tray/login.html'), /ERR_UNKNOWN_URL_SCHEME/);
});

async function redirectingServer(t: TestContext) {
  const server = http.createServer((request, response) => {
    if (request.url === '/moved') response.writeHead(301, { location: 'https://chat.example.com/' }).end();
    else response.writeHead(200, { 'content-type': 'text/plain' }).end('here');
  });
  const listening = await listenOnLoopback(server);
  t.after(() => listening.close());
  return listening.url;
}

test("net.fetch: redirect 'manual' rejects with 'Redirect was cancelled'; errors are net::ERR_ strings without a code", async (t) => {
  const url = await redirectingServer(t);
  const electron = make();
  electron.fireReady();
  await assert.rejects(electron.net.fetch(`${url}/moved`, { redirect: 'manual' }), { message: 'Redirect was cancelled' });
  assert.equal(await (await electron.net.fetch(`${url}/`)).text(), 'here');
  const closed = await listenOnLoopback(http.createServer());
  await closed.close();
  const refused = await electron.net.fetch(`${closed.url}/`).catch((error: unknown) => error as Error & { code?: unknown });
  assert.ok(refused instanceof Error);
  assert.equal(refused.message, 'net::ERR_CONNECTION_REFUSED');
  assert.equal(refused.code, undefined);
  assert.equal(refused instanceof TypeError, false);
});

test("net.request in manual mode: 'redirect' is cancelled unless the listener aborts or follows", async (t) => {
  const url = await redirectingServer(t);
  const electron = make();
  electron.fireReady();
  const outcome = await new Promise<string>((resolve) => {
    const request = electron.net.request({ method: 'GET', url: `${url}/moved`, redirect: 'manual' });
    request.on('redirect', (status, _method, location) => resolve(`${status} ${location}`));
    request.on('error', (error) => resolve(error.message));
    request.end();
  });
  assert.equal(outcome, '301 https://chat.example.com/');
  const cancelled = await new Promise<string[]>((resolve) => {
    const seen: string[] = [];
    const request = electron.net.request({ method: 'GET', url: `${url}/moved`, redirect: 'manual' });
    request.on('redirect', () => seen.push('redirect'));
    request.on('error', (error) => resolve([...seen, error.message]));
    request.end();
  });
  assert.deepEqual(cancelled, ['redirect', 'Redirect was cancelled']);
});

test('net.WebSocket: WHATWG events, text as strings, send while connecting throws', async (t) => {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo ${data.toString()}`)));
  const listening = await listenOnLoopback(server);
  const url = listening.url.replace('http', 'ws');
  t.after(() => {
    wss.close();
    return listening.close();
  });
  const electron = make();
  electron.fireReady();
  const socket = new electron.net.WebSocket(url);
  assert.throws(() => socket.send('too early'), { name: 'InvalidStateError' });
  const reply = await new Promise<unknown>((resolve) => {
    socket.addEventListener('open', () => socket.send('hi'));
    socket.addEventListener('message', (event) => resolve((event as MessageEvent).data));
  });
  assert.equal(reply, 'echo hi');
  socket.close();
  assert.deepEqual(electron.netWebSockets, [url]);
});

test('Menu.buildFromTemplate validates items; checkbox and radio items flip before click', () => {
  const electron = make();
  assert.throws(() => electron.Menu.buildFromTemplate([{ enabled: true }]), /must have at least one of label, role or type/);
  assert.throws(() => electron.Menu.buildFromTemplate([{ label: 'S', submenu: [{ checked: true }] }]), /must have at least one of label, role or type/);
  let seenInClick: boolean | undefined;
  const menu = electron.Menu.buildFromTemplate([
    { type: 'checkbox', label: 'Start at login', checked: false, click: () => (seenInClick = menu.items[0]!.checked) },
    { type: 'separator' },
    { type: 'radio', label: 'Online', checked: true },
    { type: 'radio', label: 'Busy', checked: false },
    { type: 'separator' },
  ]) as InstanceType<typeof import('./fake-electron').FakeMenu>;
  const [box, separator, online, busy] = menu.items;
  assert.equal(menu.items.length, 4, 'the trailing separator is removed');
  box!.click();
  assert.equal(seenInClick, true, 'checked before click ran');
  busy!.click();
  assert.deepEqual([online!.checked, busy!.checked], [false, true]);
  assert.equal(separator!.type, 'separator');
  assert.equal(win32DisplayedLabel('Tom && Jerry'), 'Tom & Jerry');
  assert.equal(win32DisplayedLabel('Tom & Jerry'), 'Tom  Jerry');
});

test('setLoginItemSettings refuses the removed openAsHidden; Linux has no login items', () => {
  assert.throws(() => make('darwin').app.setLoginItemSettings({ openAtLogin: true, openAsHidden: true } as never), /openAsHidden was removed/);
  assert.throws(() => make('linux').app.setLoginItemSettings({ openAtLogin: true }), /macOS\/Windows only/);
});

test('the default application menu is set on launch unless the app sets its own first', () => {
  const untouched = make('win32');
  untouched.fireReady();
  assert.equal(untouched.applicationMenu(), 'default');
  const removed = make('win32');
  removed.Menu.setApplicationMenu(null);
  removed.fireReady();
  assert.equal(removed.applicationMenu(), null);
});
