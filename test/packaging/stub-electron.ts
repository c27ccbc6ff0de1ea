import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

// Electron's fuse wire (@electron/fuses, wire version 1): a sentinel, the version, the length,
// then one byte per fuse in its stock state ('1' on, '0' off), as in a real Electron 45 binary:
// RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadAppFromAsar,
// LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const STOCK_FUSES = '10110001';
export const FUSE = { runAsNode: 0, cookieEncryption: 1, nodeOptions: 2, nodeCliInspect: 3, asarIntegrity: 4, onlyLoadAppFromAsar: 5, v8Snapshot: 6, grantFileProtocol: 7 } as const;
export const ON = 0x31;
export const OFF = 0x30;

/** An "Electron" that is a shell script with a fuse wire inside: enough for electron-builder to package and flip fuses. */
export async function stubElectronDist(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  const executable = path.join(folder, 'electron');
  const wire = Buffer.concat([Buffer.from(`#!/bin/sh\nexit 0\n# ${FUSE_SENTINEL}`), Buffer.from([1, STOCK_FUSES.length]), Buffer.from(STOCK_FUSES), Buffer.from('\n')]);
  await writeFile(executable, wire);
  await chmod(executable, 0o755);
  const version = (await import(path.join(ROOT, 'node_modules/electron/package.json'), { with: { type: 'json' } })) as { default: { version: string } };
  await writeFile(path.join(folder, 'version'), version.default.version);
}

export function ensureBuilt(): void {
  if (existsSync(path.join(ROOT, 'dist/app/main.js'))) return;
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(built.stderr);
}

/** Runs electron-builder offline: any download attempt fails fast instead of reaching the network. */
export function electronBuilder(work: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const offline = {
    ...process.env,
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    ELECTRON_CACHE: path.join(work, 'cache'),
    ELECTRON_BUILDER_CACHE: path.join(work, 'cache'),
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    ...env,
  };
  return spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/electron-builder/cli.js'),
      ...args,
      `-c.electronDist=${path.join(work, 'electron')}`,
      `-c.directories.output=${path.join(work, 'out')}`,
      // keytar is N-API: the Node build already matches Electron, and a rebuild would fetch headers.
      '-c.npmRebuild=false',
    ],
    { cwd: ROOT, env: offline, encoding: 'utf8', timeout: 110_000 },
  );
}
