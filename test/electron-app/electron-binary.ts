import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export type ElectronTarget =
  | { ok: true; kind: 'source' | 'packaged'; executable: string; args: string[] }
  | { ok: false; reason: string };

/**
 * The packaged test build: electron-builder's `dir` target with every fuse as shipped except the
 * inspect fuse, which Playwright needs ("Debugger listening on ws://") and the release turns off.
 * Made by `npm run dist:e2e`; nothing else differs from the installer's app.
 */
export function packagedTestBuild(root: string, platform: NodeJS.Platform = process.platform): string {
  const out = path.join(root, 'release', 'e2e');
  if (platform === 'darwin') return path.join(out, 'mac', 'rc-tray.app', 'Contents', 'MacOS', 'rc-tray');
  if (platform === 'win32') return path.join(out, 'win-unpacked', 'rc-tray.exe');
  return path.join(out, 'linux-unpacked', 'rc-tray');
}

function runs(executable: string, env: NodeJS.ProcessEnv): string | undefined {
  const probe = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 15_000, env: { ...env, ELECTRON_RUN_AS_NODE: '' } });
  return probe.status === 0 ? undefined : `the Electron binary does not run (${probe.error?.message ?? `exit ${probe.status}`})`;
}

/**
 * What the suite drives: the dev binary with the source tree (default), or the packaged test
 * build (RC_TRAY_E2E_TARGET=packaged). Found without `require('electron')`, which downloads the
 * binary when it is missing: these tests never touch the network.
 */
export function findElectronTarget(root: string, env: NodeJS.ProcessEnv = process.env): ElectronTarget {
  const display = process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY ? 'no display (set DISPLAY, e.g. run under xvfb-run)' : undefined;
  if (env.RC_TRAY_E2E_TARGET === 'packaged') {
    const executable = env.RC_TRAY_E2E_EXECUTABLE?.trim() || packagedTestBuild(root);
    if (!existsSync(executable)) return { ok: false, reason: `no packaged test build at ${executable} (run npm run dist:e2e where Electron can be downloaded)` };
    const broken = runs(executable, env) ?? display;
    return broken ? { ok: false, reason: broken } : { ok: true, kind: 'packaged', executable, args: [] };
  }
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const overrideDist = env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  let executable: string;
  if (overrideDist) executable = path.join(overrideDist, relative || 'electron');
  else if (relative) executable = path.join(packageDir, 'dist', relative);
  else return { ok: false, reason: 'no Electron binary installed (node_modules/electron/path.txt is missing: it downloads on the first npm start, from github.com)' };
  if (!existsSync(executable)) return { ok: false, reason: `the Electron binary ${executable} does not exist` };
  const broken = runs(executable, env) ?? display;
  return broken ? { ok: false, reason: broken } : { ok: true, kind: 'source', executable, args: [root] };
}
