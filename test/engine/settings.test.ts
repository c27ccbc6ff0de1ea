import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { configDir } from '../../main/engine/settings/config-dir';
import { JsonSettingsStore, rememberServer } from '../../main/engine/settings/settings-store';

test("the settings folder is Electron's userData for an app named rc-tray, on each OS", () => {
  assert.equal(configDir({}, 'linux', '/home/ann'), '/home/ann/.config/rc-tray');
  assert.equal(configDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ann'), '/xdg/rc-tray');
  assert.equal(configDir({}, 'darwin', '/Users/ann'), '/Users/ann/Library/Application Support/rc-tray');
  assert.equal(configDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann'), 'C:\\Users\\ann\\AppData\\Roaming\\rc-tray');
  assert.equal(configDir({ RC_TRAY_CONFIG_DIR: '/tmp/x' }, 'darwin', '/Users/ann'), '/tmp/x');
});

test('settings survive a restart, are private to the user, and concurrent updates are not lost', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-settings-'));
  const store = new JsonSettingsStore(path.join(folder, 'nested'));
  await Promise.all([
    store.update((settings) => rememberServer(settings, 'https://a.example', 'ann')),
    store.update((settings) => rememberServer(settings, 'https://b.example', 'bob')),
  ]);
  const reread = await new JsonSettingsStore(path.join(folder, 'nested')).read();
  assert.deepEqual(reread.servers.map((server) => server.url).sort(), ['https://a.example', 'https://b.example']);
  assert.equal(reread.activeServer, 'https://b.example');
  assert.equal((await stat(store.file)).mode & 0o777, 0o600);
});

test('a damaged settings file is set aside, not silently overwritten', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-settings-'));
  const store = new JsonSettingsStore(folder);
  await writeFile(store.file, '{"version": 1, "servers": [ oops');
  assert.deepEqual(await store.read(), { version: 1, servers: [] });
  const kept = (await readdir(folder)).filter((name) => name.startsWith('settings.json.damaged-'));
  assert.equal(kept.length, 1);
  assert.match(await readFile(path.join(folder, kept[0]!), 'utf8'), /oops/);
});
