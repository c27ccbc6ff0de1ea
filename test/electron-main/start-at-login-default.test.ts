import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { IPC_INVOKE } from '../../main/common/ipc-contract';
import { appWorld, eventually, type Launched } from './app-fixture';

async function signInThroughWindow(app: Launched, server: string): Promise<void> {
  await eventually(() => app.electron.windows.some((window) => !window.destroyed), 'login window');
  const window = app.electron.windows.find((each) => !each.destroyed)!;
  await app.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), { server, user: 'alice', password: 'alice-password' });
  await app.windowClosesAfterSignIn(window);
}

test('the first sign-in turns start at login on, once; after that the person’s choice stands', async (t) => {
  const world = await appWorld(t);
  const app = world.launch();
  await app.started();
  const file = path.join(world.home, '.config', 'autostart', 'rc-tray.desktop');
  await signInThroughWindow(app, world.server.url);
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Start at login')?.checked === true, 'checked after the first sign-in');
  assert.match(await readFile(file, 'utf8'), /^Exec=".*" --hidden$/m);

  tray.item('Start at login')?.click();
  await eventually(() => !existsSync(file), 'turned off by the person');
  await eventually(() => tray.item('Start at login')?.checked === false, 'the rebuilt menu shows it');

  tray.item('Sign out')?.click();
  await eventually(() => tray.item('Sign in…') !== undefined, 'signed out');
  tray.item('Sign in…')?.click();
  await signInThroughWindow(app, world.server.url);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(existsSync(file), false, 'a later sign-in does not override the choice');
  assert.equal(tray.item('Start at login')?.checked, false);
});

test('run from source on macOS, start at login is shown as installed-app only and never set', async (t) => {
  const world = await appWorld(t);
  const app = world.launch({ platform: 'darwin', packaged: false });
  await app.started();
  await signInThroughWindow(app, world.server.url);
  const tray = app.electron.trays[0]!;
  const item = tray.item('Start at login (installed app only)');
  assert.equal(item?.enabled, false);
  assert.equal(tray.item('Start at login'), undefined);
  assert.deepEqual(app.electron.appCalls.loginItems, []);
});
