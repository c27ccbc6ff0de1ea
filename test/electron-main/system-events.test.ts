import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appProtocolResponse } from '../../main/electron-main/app-protocol-handler';
import { appWorld, eachPlatform, eventually } from './app-fixture';

async function unreachableAtStart(t: Parameters<typeof appWorld>[0], platform: NodeJS.Platform) {
  const world = await appWorld(t, {}, { platform });
  await world.signInBefore('alice', 'alice-password');
  await world.server.close();
  const app = world.launch();
  await app.started();
  const tray = app.electron.trays[0]!;
  assert.match(tray.image, /unreachable(-32|Template)?\.png$/);
  assert.deepEqual(app.electron.windows, [], 'the token is kept: no window');
  await world.server.restart();
  return { world, app, tray };
}

const online = (image: string) => /online(-32|Template)?\.png$/.test(image);

eachPlatform("powerMonitor 'resume' (wake from sleep) retries at once instead of waiting out the backoff", async (t, platform) => {
  const { app, tray } = await unreachableAtStart(t, platform);
  app.electron.powerEvents.emit('resume');
  await eventually(() => online(tray.image), 'signed in again');
});

eachPlatform('unlocking the screen retries at once (powerMonitor on macOS/Windows, D-Bus on Linux)', async (t, platform) => {
  const { app, tray } = await unreachableAtStart(t, platform);
  app.lockScreen(true);
  app.lockScreen(false);
  await eventually(() => online(tray.image), 'signed in again');
});

eachPlatform('the network coming back (net.isOnline) retries at once', async (t, platform) => {
  const { world, app, tray } = await unreachableAtStart(t, platform);
  app.electron.online.value = false;
  world.appClock.advance(10_000);
  assert.match(tray.image, /unreachable(-32|Template)?\.png$/, 'nothing while offline');
  app.electron.online.value = true;
  world.appClock.advance(10_000);
  await eventually(() => online(tray.image), 'signed in again');
});

eachPlatform('auto-away: idle time, screen lock and suspend mark the connection away; activity brings it back', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
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
  app.lockScreen(true);
  app.lockScreen(false);
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
