import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../support/cli-runner';
import { engineFixture } from '../support/engine-fixture';
import type { TestServerOptions } from '../server/rocketchat-test-server';

async function cliSignedIn(t: Parameters<typeof engineFixture>[0], server: TestServerOptions = {}) {
  const fixture = await engineFixture(t, { server: { rateLimit: false, ...server } });
  const login = await runCli(['login', '--server', fixture.server.url, '--user', 'alice', '--password-stdin'], { env: fixture.env, input: 'alice-password\n' });
  assert.equal(login.code, 0, login.stderr);
  return fixture;
}

test('set-status on a pre-8.6 server with message changes locked: the status is set anyway (DDP fallback)', async (t) => {
  const { server, env } = await cliSignedIn(t, { version: '8.5.0', allowStatusMessageChange: false });
  const result = await runCli(['set-status', 'busy', '--json'], { env });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.user('alice').statusDefault, 'busy');
  const refused = await runCli(['set-status', 'away', '--message', 'Lunch'], { env });
  assert.equal(refused.code, 1);
  assert.equal(refused.stderr.trim(), 'This server does not allow changing the status message, so neither the status nor the message was changed.');
  assert.equal(server.user('alice').statusDefault, 'busy');
});

test('set-status trims and cuts the message to 120 characters, and says what was set', async (t) => {
  const { server, env } = await cliSignedIn(t);
  const result = await runCli(['set-status', 'busy', '--message', `  ${'z'.repeat(130)} `], { env });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.user('alice').statusText, 'z'.repeat(120));
  assert.equal(result.stdout.trim(), `Status set to busy — “${'z'.repeat(120)}”.`);
});

test('status --watch on a server that shares no live status says so', async (t) => {
  const { env } = await cliSignedIn(t, { presenceBroadcastDisabled: true });
  const { spawn } = await import('node:child_process');
  const { CLI } = await import('../support/cli-runner');
  const child = spawn(process.execPath, [CLI, 'status', '--watch', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  const line = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no line: ${buffer}`)), 5_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const part of buffer.split('\n').slice(0, -1)) {
        const parsed = JSON.parse(part) as Record<string, unknown>;
        if (parsed.liveStatusShared === false) {
          clearTimeout(timer);
          resolve(parsed);
        }
      }
    });
  });
  assert.equal(line.state, 'signed-in');
});
