// Linux screen lock from real D-Bus signals on a private bus of this test's own (dbus-daemon),
// read by the app's watcher through the real dbus-monitor: nothing here is a double.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test, type TestContext } from 'node:test';
import { dbusScreenLockSource } from '../../main/electron-main/linux-screen-lock';
import { login1SessionPath, ScreenLockSignalParser } from '../../main/desktop/screen-lock-signals';

const hasTools = ['dbus-daemon', 'dbus-monitor', 'dbus-send'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
const skip = hasTools ? false : 'dbus-daemon, dbus-monitor or dbus-send is not installed';

async function privateBus(t: TestContext): Promise<string> {
  const daemon: ChildProcess = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => void daemon.kill());
  const address = await new Promise<string>((resolve, reject) => {
    createInterface({ input: daemon.stdout! }).once('line', resolve);
    daemon.once('exit', () => reject(new Error('dbus-daemon exited')));
  });
  return address.trim();
}

function signal(address: string, path: string, member: string, ...args: string[]): void {
  const sent = spawnSync('dbus-send', ['--session', '--type=signal', path, member, ...args], { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address } });
  assert.equal(sent.status, 0, sent.stderr?.toString());
}

/** dbus-monitor subscribes a moment after it starts: send until the first one arrives. */
async function untilHeard(seen: boolean[], send: () => void): Promise<void> {
  const until = Date.now() + 10_000;
  while (seen.length === 0) {
    if (Date.now() > until) throw new Error('the watcher heard nothing');
    send();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('logind Lock/Unlock for this session and ScreenSaver ActiveChanged reach the app; other sessions do not', { skip, timeout: 30_000 }, async (t) => {
  const address = await privateBus(t);
  const seen: boolean[] = [];
  const unavailable: string[] = [];
  // The private bus plays both the system bus (logind) and the session bus (the desktop's ScreenSaver).
  const source = dbusScreenLockSource({ env: { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: address, DBUS_SYSTEM_BUS_ADDRESS: address, XDG_SESSION_ID: '2' }, onBusUnavailable: (bus) => unavailable.push(bus) });
  const stop = source.start((locked) => seen.push(locked));
  t.after(stop);
  const ours = login1SessionPath('2');
  assert.equal(ours, '/org/freedesktop/login1/session/_32');

  await untilHeard(seen, () => signal(address, ours, 'org.freedesktop.login1.Session.Lock'));
  seen.length = 0;
  signal(address, '/org/freedesktop/login1/session/_33', 'org.freedesktop.login1.Session.Lock');
  signal(address, ours, 'org.freedesktop.login1.Session.Unlock');
  signal(address, '/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver.ActiveChanged', 'boolean:true');
  signal(address, '/org/gnome/ScreenSaver', 'org.gnome.ScreenSaver.ActiveChanged', 'boolean:false');
  const until = Date.now() + 5_000;
  while (seen.length < 3 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  // Both monitors are on the one bus here, so the ScreenSaver signals may arrive in either order relative to logind's.
  assert.deepEqual(seen.slice(0, 1), [false], 'Unlock of our session; the other session\'s Lock was ignored');
  assert.deepEqual([...seen.slice(1)].sort(), [false, true]);
  assert.deepEqual(unavailable, []);
});

test('without dbus-monitor or a bus, the watcher says so instead of failing', { skip, timeout: 10_000 }, async () => {
  const unavailable: string[] = [];
  let allGone = 0;
  const stop = dbusScreenLockSource({ env: { XDG_SESSION_ID: '2' }, command: '/nonexistent/dbus-monitor', onBusUnavailable: (bus) => unavailable.push(bus) }).start(() => undefined, () => (allGone += 1));
  const until = Date.now() + 5_000;
  while (unavailable.length < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  stop();
  assert.deepEqual(unavailable.sort(), ['session', 'system']);
  assert.equal(allGone, 1, 'no lock events can come: said once');
  const noBus: string[] = [];
  const stopNoBus = dbusScreenLockSource({ env: { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }, onBusUnavailable: (bus) => noBus.push(bus) }).start(() => undefined);
  const later = Date.now() + 5_000;
  while (noBus.length < 1 && Date.now() < later) await new Promise((resolve) => setTimeout(resolve, 20));
  stopNoBus();
  assert.deepEqual(noBus, ['session']);
});

test('the dbus-monitor output parser: header, then its boolean argument', () => {
  const parser = new ScreenLockSignalParser('/org/freedesktop/login1/session/_32');
  assert.equal(parser.feed('signal time=1.2 sender=:1.5 -> destination=(null destination) serial=2 path=/org/freedesktop/ScreenSaver; interface=org.freedesktop.ScreenSaver; member=ActiveChanged'), undefined);
  assert.equal(parser.feed('   boolean true'), true);
  assert.equal(parser.feed('   boolean false'), undefined, 'an argument with no signal before it');
  assert.equal(parser.feed('signal time=1.3 sender=:1.1 -> destination=(null destination) serial=9 path=/org/freedesktop/login1/session/_32; interface=org.freedesktop.login1.Session; member=Unlock'), false);
  assert.equal(parser.feed('signal time=1.3 sender=:1.1 -> destination=(null destination) serial=9 path=/org/freedesktop/login1/session/c1; interface=org.freedesktop.login1.Session; member=Lock'), undefined);
  assert.equal(login1SessionPath('c1'), '/org/freedesktop/login1/session/c1');
});
