// A private session bus with a stand-in notification server on it (test/support/notification-server.py,
// modelled on KDE Plasma's), for the freedesktop do-not-disturb path: engine and app tests share it.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { TestContext } from 'node:test';

export const NOTIFICATION_SERVER = path.resolve(__dirname, '../support/notification-server.py');
// Debian's python3-dbus and python3-gi (scripts/ensure-test-packages.sh) belong to the system
// Python: a pyenv or venv python3 first on PATH lacks them.
const PYTHON = '/usr/bin/python3';

export async function privateBus(t: TestContext): Promise<NodeJS.ProcessEnv> {
  const daemon: ChildProcess = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => void daemon.kill());
  const address = await new Promise<string>((resolve, reject) => {
    createInterface({ input: daemon.stdout! }).once('line', resolve);
    daemon.once('exit', () => reject(new Error('dbus-daemon exited')));
  });
  // A KDE session: not GNOME, so rc-tray asks the notification server.
  return { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: address.trim(), XDG_CURRENT_DESKTOP: 'KDE' };
}

export interface NotificationServer {
  say(command: string): Promise<void>;
  stop(): Promise<void>;
}

export async function notificationServer(t: TestContext, env: NodeJS.ProcessEnv, args: string[] = []): Promise<NotificationServer> {
  const child = spawn(PYTHON, [NOTIFICATION_SERVER, ...args], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const replies: string[] = [];
  const waiting: Array<() => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    replies.push(line);
    waiting.splice(0).forEach((wake) => wake());
  });
  const next = async (count: number) => {
    while (replies.length < count) await new Promise<void>((resolve) => waiting.push(resolve));
  };
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  t.after(() => {
    if (!exited) child.kill();
  });
  await next(1);
  assert.equal(replies[0], 'ready');
  return {
    async say(command) {
      const count = replies.length + 1;
      child.stdin!.write(`${command}\n`);
      await next(count);
    },
    async stop() {
      child.stdin!.end('quit\n');
      await gone;
    },
  };
}

