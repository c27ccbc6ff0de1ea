import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test, type TestContext } from 'node:test';
import { CLI, runCli } from '../support/cli-runner';
import { engineFixture } from '../support/engine-fixture';
import type { TestServer } from '../server/rocketchat-test-server';

type Line = Record<string, unknown> & { user?: { status?: string; chosenStatus?: string; statusText?: string } };

/** `rc-tray status --watch --json` in its own process; its lines as they come. */
function watch(t: TestContext, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [CLI, 'status', '--watch', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  const lines: Line[] = [];
  let buffer = '';
  let stderr = '';
  let wake: () => void = () => undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Line);
    wake();
  });
  /** The first line from `from` on that matches (waits for it: the stream decides when, not a timer). */
  const next = async (predicate: (line: Line) => boolean, from = 0): Promise<{ line: Line; index: number }> => {
    for (;;) {
      const index = lines.findIndex((line, at) => at >= from && predicate(line));
      if (index !== -1) return { line: lines[index]!, index };
      if (child.exitCode !== null) throw new Error(`watch ended (${child.exitCode}): ${JSON.stringify(lines)} ${stderr}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        child.once('close', () => resolve());
      });
    }
  };
  const stop = async () => {
    child.kill('SIGINT');
    return new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('close', resolve)));
  };
  return { lines, next, stop };
}

/** Another client of the same account (a second sign-in, as the web app would hold), changing the status over REST. */
async function otherClient(server: TestServer, user: string, password: string) {
  const login = await fetch(`${server.url}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password }) });
  const { data } = (await login.json()) as { data: { userId: string; authToken: string } };
  return async (status: string, message?: string) => {
    const response = await fetch(`${server.url}/api/v1/users.setStatus`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-User-Id': data.userId, 'X-Auth-Token': data.authToken },
      body: JSON.stringify(message === undefined ? { status } : { status, message }),
    });
    assert.equal(response.status, 200, await response.text());
  };
}

test('status --watch: the first line is the status the server has now, never a stale "offline"', { timeout: 20_000 }, async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  await runCli(['login', '-s', server.url, '-u', 'alice', '--password-stdin'], { env, input: 'alice-password\n' });
  const busy = await runCli(['set-status', 'busy', '-m', 'Focus'], { env });
  assert.equal(busy.code, 0, busy.stderr);

  const watching = watch(t, env);
  const { line: first } = await watching.next(() => true);
  assert.equal(first.state, 'signed-in');
  assert.equal(first.connection, 'live');
  assert.equal(first.user?.status, 'busy', JSON.stringify(first));
  assert.equal(first.user?.chosenStatus, 'busy');
  assert.equal(first.user?.statusText, 'Focus');
  assert.equal(await watching.stop(), 0);
});

test('status --watch --json: chosenStatus follows changes another client makes, "away" included', { timeout: 20_000 }, async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  await runCli(['login', '-s', server.url, '-u', 'alice', '--password-stdin'], { env, input: 'alice-password\n' });
  const setStatus = await otherClient(server, 'alice', 'alice-password');
  const watching = watch(t, env);
  let at = (await watching.next((line) => line.connection === 'live' && line.user?.status === 'online')).index;

  // Chosen online, then away elsewhere: the stream's "away" alone could be an idle connection.
  await setStatus('away', 'Lunch');
  at = (await watching.next((line) => line.user?.status === 'away' && line.user.chosenStatus === 'away', at)).index;
  await setStatus('busy');
  at = (await watching.next((line) => line.user?.status === 'busy', at)).index;
  assert.equal(watching.lines[at]!.user?.chosenStatus, 'busy');
  await setStatus('online');
  at = (await watching.next((line) => line.user?.status === 'online', at)).index;
  assert.equal(watching.lines[at]!.user?.chosenStatus, 'online');
  await setStatus('offline');
  at = (await watching.next((line) => line.user?.status === 'offline', at)).index;
  assert.equal(watching.lines[at]!.user?.chosenStatus, 'offline', 'invisible: others see offline, the choice is kept');
  assert.equal(await watching.stop(), 0);
});

test('status --watch says a status-for-a-while set in another terminal as status does: "busy until … (then online) — “In a call”"', { timeout: 20_000 }, async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false, version: '8.6.0' } });
  await runCli(['login', '-s', server.url, '-u', 'alice', '--password-stdin'], { env, input: 'alice-password\n' });
  const child = spawn(process.execPath, [CLI, 'status', '--watch'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let screen = '';
  let wake: () => void = () => undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    wake();
  });
  const lineWith = async (words: string) => {
    while (!screen.split('\n').some((line) => line.includes(words))) {
      if (child.exitCode !== null) throw new Error(`watch ended: ${screen}`);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  await lineWith(', online.');

  const set = await runCli(['set-status', 'busy', '--for', '1h', '-m', 'In a call'], { env });
  assert.equal(set.code, 0, set.stderr);
  const status = await runCli(['status'], { env });
  const said = /, (busy until \d\d:\d\d \(then online\) — “In a call”)/.exec(status.stdout)?.[1];
  assert.ok(said, status.stdout);
  // The watch's line ends the same way (it waits for it: the record of what comes back lands just after the server is told).
  await lineWith(`, ${said}.`);
  child.kill('SIGINT');
});
