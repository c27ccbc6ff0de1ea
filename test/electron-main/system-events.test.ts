import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appProtocolResponse } from '../../main/electron-main/app-protocol-handler';
import { appWorld, eventually } from './app-fixture';

async function unreachableAtStart(t: Parameters<typeof appWorld>[0]) {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  await world.server.close();
  const app = world.launch();
  await app.started();
  const tray = app.electron.trays[0]!;
  assert.equal(tray.image.endsWith('unreachable-32.png'), true);
  assert.deepEqual(app.electron.windows, [], 'the token is kept: no window');
  await world.server.restart();
  return { world, app, tray };
}

for (const event of ['resume', 'unlock-screen'] as const) {
  test(`powerMonitor '${event}' retries at once instead of waiting out the backoff`, async (t) => {
    const { app, tray } = await unreachableAtStart(t);
    app.electron.powerEvents.emit(event);
    await eventually(() => tray.image.endsWith('online-32.png'), 'signed in again');
  });
}

test('the network coming back (net.isOnline) retries at once', async (t) => {
  const { world, app, tray } = await unreachableAtStart(t);
  app.electron.online.value = false;
  world.appClock.advance(10_000);
  assert.equal(tray.image.endsWith('unreachable-32.png'), true, 'nothing while offline');
  app.electron.online.value = true;
  world.appClock.advance(10_000);
  await eventually(() => tray.image.endsWith('online-32.png'), 'signed in again');
});

test('auto-away: idle time, screen lock and suspend mark the connection away; activity brings it back', async (t) => {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  await eventually(() => world.livePresences.length === 1, 'live');
  const live = world.livePresences[0]!;
  app.electron.idleSeconds.value = 301;
  world.appClock.advance(5_000);
  assert.deepEqual(live.awayCalls, [true]);
  app.electron.idleSeconds.value = 0;
  world.appClock.advance(5_000);
  assert.deepEqual(live.awayCalls, [true, false]);
  app.electron.powerEvents.emit('lock-screen');
  app.electron.powerEvents.emit('unlock-screen');
  app.electron.powerEvents.emit('suspend');
  app.electron.powerEvents.emit('resume');
  assert.deepEqual(live.awayCalls, [true, false, true, false, true, false]);
  assert.ok(live.retries >= 2, 'wake and unlock also reconnect the live connection now');
});

test('the app protocol serves the built renderer with the CSP and refuses the rest', async () => {
  const files = new Map([['/r/login.html', new TextEncoder().encode('<!doctype html>')]]);
  const read = async (file: string) => {
    const found = files.get(file);
    if (!found) throw new Error('ENOENT');
    return found;
  };
  const page = await appProtocolResponse('app://rc-tray/login.html', '/r', read);
  assert.equal(page.status, 200);
  assert.equal(await page.text(), '<!doctype html>');
  assert.match(page.headers.get('content-security-policy') ?? '', /^default-src 'none'; script-src 'self'/);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal((await appProtocolResponse('app://rc-tray/missing.css', '/r', read)).status, 404);
  assert.equal((await appProtocolResponse('app://rc-tray/..%2fapp%2fmain.js', '/r', read)).status, 403);
  assert.equal((await appProtocolResponse('app://other/login.html', '/r', read)).status, 404);
});
