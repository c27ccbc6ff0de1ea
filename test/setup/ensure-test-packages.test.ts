import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, test } from 'node:test';

// `npm test` installs the system packages it needs before any suite runs. The real packages are
// on this machine already, so the script runs here against stand-in dpkg-query / apt-get / sudo /
// id on a PATH of their own, which record what they were asked to do.
const SCRIPT = path.resolve(__dirname, '../../scripts/ensure-test-packages.sh');
const NEEDED = ['libsecret-1-dev', 'gnome-keyring', 'libsecret-tools', 'dbus', 'dbus-x11', 'chromium', 'p7zip-full', 'openssl', 'bsdutils', 'libglib2.0-bin', 'gsettings-desktop-schemas', 'python3-dbus', 'python3-gi'];
const folders: string[] = [];
afterEach(() => { for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true }); });

interface Machine { installed: string[]; uid: number; sudo?: 'passwordless' | 'asks-password' | 'absent'; debian?: boolean; aptFails?: boolean }

function run(machine: Machine) {
  const folder = mkdtempSync(path.join(tmpdir(), 'rc-tray-ensure-'));
  folders.push(folder);
  const bin = path.join(folder, 'bin');
  const log = path.join(folder, 'calls.log');
  spawnSync('mkdir', [bin]);
  for (const tool of ['bash', 'grep', 'env', 'cat', 'printf']) {
    const real = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (real.startsWith('/')) symlinkSync(real, path.join(bin, tool));
  }
  const stub = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  writeFileSync(path.join(folder, 'installed'), machine.installed.join('\n') + '\n');
  if (machine.debian !== false) {
    stub('dpkg-query', `pkg="\${@: -1}"; grep -qx "$pkg" "${folder}/installed" && printf 'install ok installed' || exit 1`);
    stub('apt-get', `echo "apt-get $*" >> "${log}"; ${machine.aptFails ? 'exit 100' : 'exit 0'}`);
  }
  stub('id', `echo ${machine.uid}`);
  if (machine.sudo && machine.sudo !== 'absent') {
    stub('sudo', machine.sudo === 'passwordless'
      ? `echo "sudo $*" >> "${log}"; [ "$1" = -n ] && exit 0; exec "$@"`
      : `[ "$1" = -n ] && exit 1; echo "sudo asked for a password" >> "${log}"; exit 1`);
  }
  const result = spawnSync('/bin/bash', [SCRIPT], { encoding: 'utf8', env: { PATH: bin }, stdio: ['ignore', 'pipe', 'pipe'] });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: result.status, output: result.stdout + result.stderr, calls };
}

test('with every package present it says nothing and installs nothing', () => {
  const result = run({ installed: NEEDED, uid: 1000 });
  assert.equal(result.status, 0);
  assert.equal(result.output, '');
  assert.deepEqual(result.calls, []);
});

test('as root it installs only the missing packages, saying what and why', () => {
  const result = run({ installed: NEEDED.filter((name) => name !== 'chromium' && name !== 'gnome-keyring'), uid: 0 });
  assert.equal(result.status, 0, result.output);
  assert.match(result.output, /installing 2 Debian package\(s\) the tests need/);
  assert.match(result.output, /gnome-keyring — a real Secret Service/);
  assert.match(result.output, /chromium — a real browser for the login-window tests/);
  assert.deepEqual(result.calls, ['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends gnome-keyring chromium']);
});

test('a user with passwordless sudo gets the install through sudo', () => {
  const result = run({ installed: NEEDED.filter((name) => name !== 'openssl'), uid: 1000, sudo: 'passwordless' });
  assert.equal(result.status, 0, result.output);
  assert.ok(result.calls.includes('apt-get install -y -qq --no-install-recommends openssl'), result.calls.join('\n'));
  assert.ok(result.calls.some((call) => call.startsWith('sudo env DEBIAN_FRONTEND=noninteractive apt-get install')), result.calls.join('\n'));
});

test('without root and without usable sudo it stops at once with the one command to run', () => {
  for (const sudo of ['absent', 'asks-password'] as const) {
    const result = run({ installed: NEEDED.filter((name) => name !== 'libsecret-1-dev'), uid: 1000, sudo });
    assert.equal(result.status, 2, sudo);
    assert.match(result.output, /libsecret-1-dev — headers to build keytar/);
    assert.match(result.output, /Run this once, then npm test again: {2}sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends libsecret-1-dev'/);
    assert.deepEqual(result.calls.filter((call) => call.startsWith('apt-get')), [], sudo);
  }
});

test('on a system that is not Debian-based it names what is needed and stops', () => {
  const result = run({ installed: [], uid: 0, debian: false });
  assert.equal(result.status, 2);
  assert.match(result.output, /not a Debian-based system/);
  assert.match(result.output, /libsecret-1-dev gnome-keyring .* gsettings-desktop-schemas python3-dbus python3-gi$/m);
});

test('an apt-get that fails is reported with the command to run by hand', () => {
  const result = run({ installed: [], uid: 0, aptFails: true });
  assert.equal(result.status, 2);
  assert.match(result.output, /installing them failed/);
  assert.match(result.output, /sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends libsecret-1-dev/);
});
