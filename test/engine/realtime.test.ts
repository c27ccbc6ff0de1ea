import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import type { SessionState } from '../../main/common/session-state';
import type { SignInEngine } from '../../main/engine/sign-in-engine';
import { engineFixture } from '../support/engine-fixture';
import { freezableProxy } from '../support/freezable-proxy';
import { until } from '../support/session-waits';

const FAST_RECONNECT = { backoff: { initialMs: 50, maxMs: 400, jitter: 0.3 } };

const live = (state: SessionState) => state.kind === 'signed-in' && state.live === 'live';

async function signedInLive(t: Parameters<typeof engineFixture>[0], user = 'alice', serverOptions = {}) {
  const fixture = await engineFixture(t, { engine: { live: FAST_RECONNECT }, server: { rateLimit: false, ...serverOptions } });
  await fixture.engine.login(fixture.server.url, { user, password: `${user}-password` });
  await until(fixture.engine, fixture.server.url, live);
  return fixture;
}

test('the live connection makes the user online, as every Rocket.Chat client does', async (t) => {
  const { server, engine } = await signedInLive(t);
  assert.equal(server.user('alice').statusConnection, 'online');
  assert.equal(server.realtimeConnections('alice'), 1);
  const state = await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'online');
  assert.ok(state.kind === 'signed-in');
});

// Latency is measured by `npm run bench` (shared machines make wall-clock asserts flaky); here:
// the change arrives pushed over the socket, with no HTTP request at all.
test('a status change made elsewhere reaches the state, pushed, with no polling', async (t) => {
  const { server, engine } = await signedInLive(t);
  server.resetRequests();
  server.setStatusFromOtherClient('alice', 'busy', 'In a meeting');
  const state = await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'busy');
  assert.ok(state.kind === 'signed-in');
  assert.equal(state.user.statusText, 'In a meeting');
  assert.equal(server.requests().filter((request) => request.transport === 'http').length, 0);
});

for (const userPresenceStream of [true, false]) {
  test(`own status followed on ${userPresenceStream ? 'stream-user-presence (newer servers)' : 'stream-notify-logged (older servers)'}`, async (t) => {
    const { server, engine } = await signedInLive(t, 'alice', { userPresenceStream });
    assert.deepEqual(server.realtimeSubscriptions('alice'), [userPresenceStream ? 'user-presence' : 'user-status', 'notify-user']);
    server.setStatusFromOtherClient('alice', 'busy', 'Elsewhere');
    const state = await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'busy');
    assert.ok(state.kind === 'signed-in' && state.user.statusText === 'Elsewhere');
  });
}

test("another user's change is ignored", async (t) => {
  const { server, engine } = await signedInLive(t, 'alice', { userPresenceStream: false });
  server.setStatusFromOtherClient('dave', 'busy');
  server.setStatusFromOtherClient('alice', 'away');
  const state = await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'away');
  assert.ok(state.kind === 'signed-in' && state.user.status === 'away');
});

test('set status and message: round trip to the server and back', async (t) => {
  const { server, engine } = await signedInLive(t);
  await engine.session(server.url).setStatus({ status: 'busy', message: 'Focus time' });
  assert.equal(server.user('alice').status, 'busy');
  assert.equal(server.user('alice').statusText, 'Focus time');
  const state = await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'busy' && s.user.statusText === 'Focus time');
  assert.ok(state);
  await engine.session(server.url).setStatus({ status: 'offline' });
  assert.equal(server.user('alice').status, 'offline');
});

test('what the server refuses is refused with its reason', async (t) => {
  const { server, engine } = await signedInLive(t, 'alice', { allowInvisibleStatus: false });
  await assert.rejects(engine.session(server.url).setStatus({ status: 'offline' }), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'status-not-allowed');
    assert.match(error.message, /does not allow the invisible status/);
    return true;
  });
  server.setOption('allowStatusMessageChange', false);
  await assert.rejects(engine.session(server.url).setStatus({ message: 'hi' }), /does not allow changing the status message/);
});

test('reconnects after the server drops the socket, and after a restart; never two connections', async (t) => {
  const { server, engine } = await signedInLive(t);
  const seen: string[] = [];
  engine.onChange((state) => state.kind === 'signed-in' && seen.push(state.live));
  server.dropRealtimeConnections();
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.live === 'reconnecting');
  await until(engine, server.url, live);
  assert.equal(server.realtimeConnections('alice'), 1);

  await server.restart();
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.live === 'reconnecting');
  await until(engine, server.url, live, 5_000);
  engine.retryNow();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(server.realtimeConnections('alice'), 1);
  assert.ok(seen.includes('reconnecting'));
  // Status changes flow again on the new connection.
  server.setStatusFromOtherClient('alice', 'busy');
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === 'busy');
});

test('a token revoked while connected signs out exactly like a refused resume', async (t) => {
  const { server, engine, tokens } = await signedInLive(t);
  server.revokeTokens('alice');
  const state = await until(engine, server.url, (s) => s.kind === 'signed-out');
  assert.ok(state.kind === 'signed-out' && state.error?.code === 'session-expired');
  assert.equal(await tokens.get(server.url), undefined);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(server.realtimeConnections(), 0);
});

test('sign-out closes the socket at once', async (t) => {
  const { server, engine } = await signedInLive(t);
  await engine.session(server.url).logout();
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(server.realtimeConnections(), 0);
  assert.equal(server.user('alice').statusConnection, 'offline');
});

test('after sign-out nothing is left running: the process exits on its own', async () => {
  const script = path.join(__dirname, 'fixtures', 'sign-in-live-then-out.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 10_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  assert.equal(exited, 0, `the process did not exit by itself: ${output}`);
  assert.match(output, /live, then signed out/);
});

test('"retry now" on a socket that looks open but is dead (after sleep) reconnects at once', async (t) => {
  // A short HTTP timeout too: the frozen link also strands a kept-alive HTTP connection, as sleep does.
  const fixture = await engineFixture(t, { engine: { live: { ...FAST_RECONNECT, probeTimeoutMs: 300 }, http: { timeoutMs: 500 } }, server: { rateLimit: false } });
  const proxy = await freezableProxy(fixture.server);
  t.after(() => proxy.close());
  const { engine } = fixture;
  await engine.login(proxy.url, { user: 'alice', password: 'alice-password' });
  await until(engine, proxy.url, live);
  proxy.freeze();
  engine.retryNow();
  await until(engine, proxy.url, (s) => s.kind === 'signed-in' && s.live === 'reconnecting', 1_500);
  await until(engine, proxy.url, live, 5_000);
  fixture.server.setStatusFromOtherClient('alice', 'busy');
  await until(engine, proxy.url, (s) => s.kind === 'signed-in' && s.user.status === 'busy');
  await fixture.tokens.delete(proxy.url);
});

test('"retry now" on a healthy socket keeps it', async (t) => {
  const { server, engine } = await signedInLive(t);
  engine.retryNow();
  await new Promise((resolve) => setTimeout(resolve, 400));
  const state = engine.session(server.url).state;
  assert.ok(state.kind === 'signed-in' && state.live === 'live');
  assert.equal(server.requests().filter((request) => request.transport === 'ws').length, 1);
});
