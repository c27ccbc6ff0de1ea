import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export type ElectronBinary = { ok: true; executable: string } | { ok: false; reason: string };

/**
 * Finds a runnable Electron without `require('electron')`: that call downloads the binary when it
 * is missing, and these tests must never touch the network.
 */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const overrideDist = env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  let executable: string;
  if (overrideDist) executable = path.join(overrideDist, relative || 'electron');
  else if (relative) executable = path.join(packageDir, 'dist', relative);
  else return { ok: false, reason: 'no Electron binary installed (node_modules/electron/path.txt is missing: its download needs github.com)' };
  if (!existsSync(executable)) return { ok: false, reason: `the Electron binary ${executable} does not exist` };
  const probe = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 15_000, env: { ...env, ELECTRON_RUN_AS_NODE: '' } });
  if (probe.status !== 0) return { ok: false, reason: `the Electron binary does not run (${probe.error?.message ?? `exit ${probe.status}`})` };
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { ok: false, reason: 'no display (set DISPLAY, e.g. run under xvfb-run)' };
  return { ok: true, executable };
}
