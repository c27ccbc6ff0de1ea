#!/usr/bin/env node
// `npm start`: checks that Electron can run here, builds, then runs the app from source. Where it
// cannot run it says what is wrong and what to do in two plain lines, never a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** "22.12.0" from a semver range like ">= 22.12.0". */
export function minimumVersion(range) {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(range ?? '');
  return match ? match.slice(1, 4).map(Number) : undefined;
}

function older(version, minimum) {
  for (let i = 0; i < 3; i += 1) if (version[i] !== minimum[i]) return version[i] < minimum[i];
  return false;
}

/** Node older than what Electron's own tools (its download, @electron/get) declare. */
export function nodeProblem(nodeVersion, electronPackage) {
  const minimum = minimumVersion(electronPackage.engines?.node);
  const version = minimumVersion(nodeVersion);
  if (!minimum || !version || !older(version, minimum)) return undefined;
  const wanted = `${minimum[0]}.${minimum[1]}`;
  return [
    `rc-tray: npm start needs Node.js ${wanted} or newer (Electron ${electronPackage.version} requires it); this is Node.js ${nodeVersion.replace(/^v/, '')}.`,
    `Install Node.js ${minimum[0]} LTS or newer (nodejs.org, or "nvm install ${minimum[0]}"), then run npm install and npm start again.`,
  ];
}

/** Where node_modules/electron would run its binary from (index.js's own rule), or undefined. */
export function electronBinary(electronDir, env) {
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  return relative ? path.join(electronDir, 'dist', relative) : undefined;
}

/** The one line of a failed download that says why (no stack). */
export function downloadReason(output) {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const reason = lines.find((line) => /^(Error|RequestError|HTTPError|[A-Za-z]*Error):/.test(line)) ?? lines.find((line) => !/^at /.test(line));
  const text = (reason ?? 'no reason given').replace(/^[A-Za-z]*Error:\s*/, '').slice(0, 160);
  // Node's fetch says only "fetch failed" when there is no connection at all.
  return text === 'fetch failed' ? 'no connection to the download server' : text;
}

/** Electron 45 downloads its binary on first use (node_modules/electron/install.js); try once, quietly. */
export function electronProblem(electronDir, env, electronPackage) {
  const existing = electronBinary(electronDir, env);
  if (existing && existsSync(existing)) return undefined;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    return [
      `rc-tray: ELECTRON_OVERRIDE_DIST_PATH points to ${env.ELECTRON_OVERRIDE_DIST_PATH}, which has no Electron binary.`,
      `Point it at an unpacked Electron ${electronPackage.version}, or unset it to let npm start download Electron.`,
    ];
  }
  process.stdout.write(`rc-tray: downloading Electron ${electronPackage.version} (once)…\n`);
  const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { env, encoding: 'utf8', timeout: 10 * 60_000 });
  const installed = electronBinary(electronDir, env);
  if (install.status === 0 && installed && existsSync(installed)) return undefined;
  const reason = install.error ? install.error.message : downloadReason(`${install.stderr ?? ''}\n${install.stdout ?? ''}`);
  return [
    `rc-tray: the Electron ${electronPackage.version} binary is not installed, and downloading it failed (${reason}).`,
    `Connect to the internet (the download comes from github.com) and run npm start again, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron ${electronPackage.version}.`,
  ];
}

/**
 * Ubuntu 24.04+ forbids unprivileged user namespaces to unconfined apps (AppArmor), so Chromium
 * falls back to the SUID chrome-sandbox, which a source checkout does not have (electron/electron#42510).
 */
export function sandboxProblem(binary, platform, readRestriction) {
  if (platform !== 'linux' || readRestriction() !== '1') return undefined;
  const sandbox = path.join(path.dirname(binary), 'chrome-sandbox');
  const info = existsSync(sandbox) ? statSync(sandbox) : undefined;
  if (info && info.uid === 0 && (info.mode & 0o4000) !== 0) return undefined;
  return [
    'rc-tray: this system (AppArmor, Ubuntu 24.04+) blocks the Chromium sandbox for apps run from source.',
    `Run: sudo chown root:root ${sandbox} && sudo chmod 4755 ${sandbox} — then npm start again (or install the .deb, which sets this up).`,
  ];
}

function fail(lines) {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}

function main() {
  const electronDir = path.join(ROOT, 'node_modules', 'electron');
  if (!existsSync(path.join(electronDir, 'package.json'))) fail(['rc-tray: the electron package is not installed.', 'Run npm install, then npm start again.']);
  const electronPackage = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8'));
  const problem = nodeProblem(process.version, electronPackage) ?? electronProblem(electronDir, process.env, electronPackage);
  if (problem) fail(problem);
  const binary = electronBinary(electronDir, process.env);
  const restriction = () => {
    try {
      return readFileSync('/proc/sys/kernel/apparmor_restrict_unprivileged_userns', 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const sandbox = sandboxProblem(binary, process.platform, restriction);
  if (sandbox) fail(sandbox);
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) fail(['rc-tray: the build failed (its errors are above).', 'Fix them, or run npm install if files are missing, then npm start again.']);
  const child = spawn(binary, [ROOT, ...process.argv.slice(2)], { stdio: 'inherit', cwd: ROOT });
  child.on('error', (error) => fail([`rc-tray: Electron could not be started (${error.message}).`, 'Delete node_modules/electron, run npm install, then npm start again.']));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
