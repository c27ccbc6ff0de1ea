import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');
// Electron's fuse wire (@electron/fuses, wire version 1): a sentinel, the version, the length,
// then one byte per fuse in its stock state ('1' on, '0' off), as in a real Electron binary.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const STOCK_FUSES = '10110001';
const FUSE = { runAsNode: 0, cookieEncryption: 1, nodeOptions: 2, nodeCliInspect: 3, asarIntegrity: 4, onlyLoadAppFromAsar: 5 } as const;
const ON = 0x31;
const OFF = 0x30;

/** An "Electron" that is a shell script with a fuse wire inside: enough for electron-builder to package and flip fuses. */
async function stubElectronDist(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  const executable = path.join(folder, 'electron');
  const wire = Buffer.concat([Buffer.from(`#!/bin/sh\nexit 0\n# ${FUSE_SENTINEL}`), Buffer.from([1, STOCK_FUSES.length]), Buffer.from(STOCK_FUSES), Buffer.from('\n')]);
  await writeFile(executable, wire);
  await chmod(executable, 0o755);
  const version = (await import(path.join(ROOT, 'node_modules/electron/package.json'), { with: { type: 'json' } })) as { default: { version: string } };
  await writeFile(path.join(folder, 'version'), version.default.version);
}

test('the Linux package holds only the built app, unpacks keytar and flips the fuses (offline)', { timeout: 60_000 }, async (t) => {
  if (!existsSync(path.join(ROOT, 'dist/app/main.js'))) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-package-'));
  t.after(() => rm(work, { recursive: true, force: true }));
  await stubElectronDist(path.join(work, 'electron'));

  const offline = {
    ...process.env,
    // Any download attempt fails fast instead of reaching the network.
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    ELECTRON_CACHE: path.join(work, 'cache'),
    ELECTRON_BUILDER_CACHE: path.join(work, 'cache'),
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
  };
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      `-c.electronDist=${path.join(work, 'electron')}`,
      `-c.directories.output=${path.join(work, 'out')}`,
      // keytar is N-API: the Node build already matches Electron, and a rebuild would fetch headers.
      '-c.npmRebuild=false',
    ],
    { cwd: ROOT, env: offline, encoding: 'utf8', timeout: 50_000 },
  );
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);

  const resources = path.join(work, 'out/linux-unpacked/resources');
  const asar = (await import('@electron/asar')) as typeof import('@electron/asar');
  const files = asar.listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'));

  for (const required of ['/package.json', '/dist/app/main.js', '/dist/app/preload.js', '/dist/renderer/login.html', '/dist/renderer/login.js', '/dist/renderer/login.css', '/dist/app/assets/tray/online-32.png', '/dist/app/assets/tray/onlineTemplate@2x.png']) {
    assert.ok(files.includes(required), `${required} is packaged`);
  }
  const offenders = files.filter(
    (file) =>
      /^\/(test|main|preload|renderer|scripts|src)\//.test(file) ||
      /\.ts$/.test(file) ||
      /\.map$/.test(file) ||
      /rocketchat-test-server|demo-server|\/test\//.test(file) ||
      file.startsWith('/dist/cli/'),
  );
  assert.deepEqual(offenders, [], 'no sources, tests, maps, CLI or demo server');
  assert.ok(files.includes('/node_modules/keytar/package.json'), 'keytar (the one external module) is packaged');

  const unpacked = await readdir(path.join(resources, 'app.asar.unpacked'), { recursive: true });
  assert.ok(
    unpacked.some((file) => file.replaceAll('\\', '/').endsWith('keytar/build/Release/keytar.node')),
    "keytar's .node is unpacked so it can be loaded",
  );

  const fuses = (await import('@electron/fuses')) as typeof import('@electron/fuses');
  const wire = (await fuses.getCurrentFuseWire(path.join(work, 'out/linux-unpacked/rc-tray'))) as unknown as Record<number, number>;
  assert.equal(wire[FUSE.runAsNode], OFF, 'RunAsNode off');
  assert.equal(wire[FUSE.cookieEncryption], ON, 'cookie encryption on');
  assert.equal(wire[FUSE.nodeOptions], OFF, 'NODE_OPTIONS ignored');
  assert.equal(wire[FUSE.nodeCliInspect], OFF, '--inspect refused');
  assert.equal(wire[FUSE.asarIntegrity], ON, 'asar integrity validation on');
  assert.equal(wire[FUSE.onlyLoadAppFromAsar], ON, 'only loads the app from the asar');
});
