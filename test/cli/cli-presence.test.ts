import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { CLI, runCli } from '../support/cli-runner';
import { engineFixture } from '../support/engine-fixture';

test('status --watch --json prints each change as it happens, one object per line, until Ctrl-C', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  await runCli(['login', '--server', server.url, '--user', 'alice', '--password-stdin'], { env, input: 'alice-password\n' });
  const child = spawn(process.execPath, [CLI, 'status', '--watch', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  const lines: Array<Record<string, unknown>> = [];
  let buffer = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Record<string, unknown>);
    waiters.splice(0).forEach((wake) => wake());
  });
  const lineWhere = async (predicate: (line: Record<string, unknown>) => boolean, ms = 3_000) => {
    const until = Date.now() + ms;
    for (;;) {
      const found = lines.find(predicate);
      if (found) return found;
      if (Date.now() > until) throw new Error(`no such line in ${JSON.stringify(lines)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  const status = (line: Record<string, unknown>) => (line.user as { status?: string } | undefined)?.status;

  await lineWhere((line) => line.connection === 'live' && status(line) === 'online');
  assert.equal(lines.filter((line) => line.state === 'signed-in' && line.connection !== 'live').length, 0, 'no line before the live status is known');
  server.setStatusFromOtherClient('alice', 'busy', 'Lunch');
  const busy = await lineWhere((line) => status(line) === 'busy');
  assert.equal((busy.user as { statusText: string }).statusText, 'Lunch');

  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0);
});

test('set-status sets status and message on the server; refusals carry the reason', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  await runCli(['login', '--server', server.url, '--user', 'alice', '--password-stdin'], { env, input: 'alice-password\n' });
  const busy = await runCli(['set-status', 'busy', '--message', 'Deep work'], { env });
  assert.equal(busy.code, 0, busy.stderr);
  assert.match(busy.stdout, /Status set to busy — “Deep work”/);
  assert.equal(server.user('alice').statusDefault, 'busy');
  assert.equal(server.user('alice').statusText, 'Deep work');

  const invisible = await runCli(['set-status', 'invisible', '--json'], { env });
  assert.equal(invisible.code, 0);
  assert.equal(server.user('alice').statusDefault, 'offline');

  server.setOption('allowInvisibleStatus', false);
  const refused = await runCli(['set-status', 'invisible', '--json'], { env });
  assert.equal(refused.code, 1);
  assert.deepEqual(refused.json().error, { code: 'status-not-allowed', message: 'This server does not allow the invisible status.' });
});
