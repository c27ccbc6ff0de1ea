import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';

const WITH_KEYRING = path.resolve(__dirname, '../../scripts/with-keyring.sh');

function inFreshKeyring(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Not the suite's own session: this test stops a keyring daemon on purpose.
  const { RC_TRAY_IN_PRIVATE_KEYRING: _outer, DBUS_SESSION_BUS_ADDRESS: _bus, RC_TRAY_KEYRING_HOME: _home, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [WITH_KEYRING, 'bash', '-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// This session's daemon: the one whose data folder is this session's (matched from the start of
// its command line, so this script, which names it too, is not taken for it).
const STOP_DAEMON = `for pid in $(pgrep -f '^gnome-keyring-daemon '); do
  if tr '\\0' '\\n' < /proc/$pid/environ 2>/dev/null | grep -qx "XDG_DATA_HOME=$RC_TRAY_KEYRING_HOME/data"; then kill $pid; fi
done
for _ in $(seq 1 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q 'boolean false' && break
  sleep 0.05
done`;

test('with-keyring: a keyring daemon that stops mid-run is started again, unlocked, with what was stored, and says so', { timeout: 90_000 }, async () => {
  const result = await inFreshKeyring(`set -e
printf 'kept-secret' | secret-tool store --label=probe service rc-tray-probe account a
${STOP_DAEMON}
echo "after: $(secret-tool lookup service rc-tray-probe account a)"`);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^after: kept-secret$/m);
  assert.match(result.stderr, /the test keyring daemon exited \(status \d+\) while the run went on/);
  assert.match(result.stderr, /the test keyring daemon had stopped; D-Bus started it again over the same keyring/);
  assert.doesNotMatch(result.stderr, /Activating service|fd limit/, 'the bus\'s own noise stays out');
});

test('with-keyring: a run where the daemon never stops says nothing about restarts', { timeout: 90_000 }, async () => {
  const result = await inFreshKeyring(`printf 'x' | secret-tool store --label=probe service rc-tray-probe account a && secret-tool lookup service rc-tray-probe account a`);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, 'x');
  assert.equal(result.stderr.trim(), '');
});
