// The deb as electron-builder makes it, offline: the packager runs for real and hands its result
// to `fpm` (the one tool it would download); a recording stand-in for fpm keeps the arguments and
// the staged folder, which are exactly what would go into the .deb.
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { electronBuilder, ensureBuilt, ROOT, stubElectronDist } from './stub-electron';

/** Records its arguments (one JSON array) and makes the package file fpm would have made. */
const RECORDING_FPM = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
const afterInstall = fs.readFileSync(args[args.indexOf('--after-install') + 1], 'utf8');
fs.writeFileSync(process.env.RC_TRAY_FPM_RECORD, JSON.stringify({ args, afterInstall }));
const out = args[args.indexOf('--package') + 1];
fs.writeFileSync(out, 'not a real deb');
`;

interface FpmTargetClass {
  prototype: { getDefaultDepends(target: string): string[]; getDefaultRecommends(target: string): string[] };
}

test('npm run dist for Linux: the deb passes the metadata checks, keeps the default dependencies and installs the AppArmor profile', { timeout: 120_000 }, async (t) => {
  ensureBuilt();
  const work = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-deb-'));
  t.after(() => rm(work, { recursive: true, force: true }));
  await stubElectronDist(path.join(work, 'electron'));
  const fpm = path.join(work, 'fpm');
  await writeFile(fpm, RECORDING_FPM);
  await chmod(fpm, 0o755);
  const record = path.join(work, 'fpm-args.json');
  const result = electronBuilder(work, ['--linux', 'deb'], { CUSTOM_FPM_PATH: fpm, RC_TRAY_FPM_RECORD: record });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.doesNotMatch(result.stdout + result.stderr, /Please specify/);

  const { args, afterInstall } = JSON.parse(await readFile(record, 'utf8')) as { args: string[]; afterInstall: string };
  const values = (flag: string) => args.flatMap((arg, index) => (arg === flag ? [args[index + 1]!] : arg.startsWith(`${flag}=`) ? [arg.slice(flag.length + 1)] : []));
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { homepage: string; author: { name: string; email: string } };
  assert.deepEqual(values('--url'), [pkg.homepage]);
  assert.deepEqual(values('--maintainer'), [`${pkg.author.name} <${pkg.author.email}>`]);

  const { default: FpmTarget } = (await import(path.join(ROOT, 'node_modules/app-builder-lib/out/targets/FpmTarget.js'))) as { default: FpmTargetClass };
  const defaults = FpmTarget.prototype.getDefaultDepends('deb');
  assert.deepEqual(values('-d'), defaults, "electron-builder's own dependency list, untouched");
  for (const needed of ['libgtk-3-0', 'libnss3', 'libnotify4', 'xdg-utils', 'libsecret-1-0']) assert.ok(defaults.includes(needed), needed);
  const recommends = values('--deb-recommends');
  for (const recommended of FpmTarget.prototype.getDefaultRecommends('deb')) assert.ok(recommends.includes(recommended), recommended);
  assert.ok(recommends.includes('dbus-bin'), 'dbus-monitor, for screen lock');

  assert.match(afterInstall, /APPARMOR_PROFILE_SOURCE='\/opt\/rc-tray\/resources\/apparmor-profile'/);
  assert.match(afterInstall, /apparmor_parser --replace/);
  const staged = args.find((arg) => arg.endsWith('=/opt/rc-tray'))!.split('=')[0]!;
  const profile = await readFile(path.join(staged, 'resources/apparmor-profile'), 'utf8');
  assert.match(profile, /profile "rc-tray" "\/opt\/rc-tray\/rc-tray" flags=\(unconfined\)/);
  assert.match(profile, /userns,/, 'lets Chromium create its sandbox namespaces on Ubuntu 24.04+');
});
