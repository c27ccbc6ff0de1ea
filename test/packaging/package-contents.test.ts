import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

import { electronBuilder, ensureBuilt, FUSE, OFF, ON, ROOT, stubElectronDist } from './stub-electron';

test('the Linux package holds only the built app, unpacks keytar and flips the fuses (offline)', { timeout: 60_000 }, async (t) => {
  ensureBuilt();
  const work = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-package-'));
  t.after(() => rm(work, { recursive: true, force: true }));
  await stubElectronDist(path.join(work, 'electron'));
  const result = electronBuilder(work, ['--linux', 'dir']);
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
  assert.equal(wire[FUSE.grantFileProtocol], OFF, 'file:// gets no extra privileges (the app serves app://)');
});

test('the packaged test build for the _electron suite (npm run dist:e2e) differs from the release only in the inspect fuse', { timeout: 120_000 }, async (t) => {
  ensureBuilt();
  const work = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-e2e-package-'));
  t.after(() => rm(work, { recursive: true, force: true }));
  await stubElectronDist(path.join(work, 'electron'));
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const builderArgs = pkg.scripts['dist:e2e']!.split('&&')[1]!.trim().split(/\s+/).slice(1).filter((arg) => !arg.startsWith('-c.directories.output='));
  const result = electronBuilder(work, ['--linux', ...builderArgs]);
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  const fuses = (await import('@electron/fuses')) as typeof import('@electron/fuses');
  const wire = (await fuses.getCurrentFuseWire(path.join(work, 'out/linux-unpacked/rc-tray'))) as unknown as Record<number, number>;
  assert.equal(wire[FUSE.nodeCliInspect], ON, '--inspect allowed, so Playwright can attach');
  for (const [name, index] of Object.entries(FUSE)) {
    if (name === 'nodeCliInspect' || name === 'v8Snapshot') continue;
    const release = { runAsNode: OFF, cookieEncryption: ON, nodeOptions: OFF, asarIntegrity: ON, onlyLoadAppFromAsar: ON, grantFileProtocol: OFF }[name];
    assert.equal(wire[index], release, `${name} as in the release`);
  }
});
