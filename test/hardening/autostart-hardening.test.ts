import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { AppPort } from '../../main/electron-main/electron-ports';
import { createStartAtLogin } from '../../main/electron-main/start-at-login';

test('F-11: the autostart entry is written without following a link planted at the temporary name', async () => {
  const home = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-autostart-'));
  const folder = path.join(home, '.config', 'autostart');
  await mkdir(folder, { recursive: true });
  const victim = path.join(home, 'victim.txt');
  await writeFile(victim, 'precious\n');
  await symlink(victim, path.join(folder, `rc-tray.desktop.${process.pid}.tmp`));
  const app = { isPackaged: true, getAppPath: () => '/opt/rc-tray' } as unknown as AppPort;
  const startAtLogin = createStartAtLogin({ platform: 'linux', app, env: {}, homeDir: home, execPath: '/opt/rc-tray/rc-tray' });
  await startAtLogin.setEnabled(true);
  assert.equal(await readFile(victim, 'utf8'), 'precious\n');
  const entry = path.join(folder, 'rc-tray.desktop');
  assert.ok((await lstat(entry)).isFile());
  assert.match(await readFile(entry, 'utf8'), /^Exec="\/opt\/rc-tray\/rc-tray" --hidden$/m);
  assert.deepEqual((await readdir(folder)).filter((name) => name.endsWith('.tmp') && !name.includes(String(process.pid))), [], 'no temporary file left');
});
