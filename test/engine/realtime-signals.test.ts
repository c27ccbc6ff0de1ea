// Issue 7 §5: force_logout signs out at once; "token refused" is read from error codes only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionState } from '../../main/common/session-state';
import { isTokenRefusal } from '../../main/engine/realtime/ddp-login-errors';
import type { SignInEngine } from '../../main/engine/sign-in-engine';
import { engineFixture } from '../support/engine-fixture';

const FAST_RECONNECT = { backoff: { initialMs: 50, maxMs: 400, jitter: 0.3 } };

function until(engine: SignInEngine, server: string, predicate: (state: SessionState) => boolean, ms = 3_000): Promise<SessionState> {
  const session = engine.session(server);
  if (predicate(session.state)) return Promise.resolve(session.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`state not reached; last: ${JSON.stringify(session.state)}`)), ms);
    const stop = session.onChange((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      stop();
      resolve(state);
    });
  });
}

const live = (state: SessionState) => state.kind === 'signed-in' && state.live === 'live';

test('force_logout on stream-notify-user signs out at once: no reconnect, no second resume', async (t) => {
  const fixture = await engineFixture(t, { engine: { live: FAST_RECONNECT }, server: { rateLimit: false } });
  const { server, engine } = fixture;
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  await until(engine, server.url, live);
  server.resetRequests();
  server.revokeTokens('alice');
  const state = await until(engine, server.url, (s) => s.kind === 'signed-out');
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'session-expired');
  assert.equal(await fixture.tokens.get(server.url), undefined);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(server.requests(), [], 'signed out on the frame itself, before any reconnect');
});

test('"Method not found" never signs anyone out (a server without UserPresence:away)', async (t) => {
  assert.equal(isTokenRefusal({ error: 404, reason: "Method 'UserPresence:away' not found" }), false);
  assert.equal(isTokenRefusal({ error: 'not-authorized', reason: 'Token expired' }), false);
  assert.equal(isTokenRefusal({ error: 403, reason: "You've been logged out by the server. Please log in again." }), true);
  assert.equal(isTokenRefusal({ error: 401, reason: 'User not found' }), true);

  const fixture = await engineFixture(t, { engine: { live: FAST_RECONNECT }, server: { rateLimit: false, removedMethods: ['UserPresence:away', 'UserPresence:online'] } });
  const { server, engine } = fixture;
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  await until(engine, server.url, live);
  const session = engine.session(server.url);
  session.setIdle(true);
  server.dropRealtimeConnections('alice');
  await until(engine, server.url, (s) => s.kind === 'signed-in' && s.live === 'reconnecting');
  const back = await until(engine, server.url, live);
  assert.equal(back.kind, 'signed-in');
  assert.ok(await fixture.tokens.get(server.url));
});

test('DDP login errors are read by id: lockout, rate limit (details.timeToReset), deactivation, refused token', async () => {
  const { ddpLoginFailure } = await import('../../main/engine/realtime/ddp-login-errors');
  assert.equal(ddpLoginFailure({ error: 'error-login-blocked-for-ip', reason: 'Login has been temporarily blocked For IP' }, 'resume').code, 'login-blocked-ip');
  const limited = ddpLoginFailure({ error: 'too-many-requests', reason: 'Error, too many requests. Please slow down. You must wait 7 seconds before trying again.', details: { timeToReset: 6_500 } } as never, 'resume');
  assert.equal(limited.code, 'rate-limited');
  assert.equal(limited.retryAfterSeconds, 7);
  assert.equal(ddpLoginFailure({ error: 'error-user-is-not-activated', reason: 'User is not activated' }, 'password').code, 'user-deactivated');
  assert.equal(ddpLoginFailure({ error: 403, reason: "You've been logged out by the server. Please log in again." }, 'resume').code, 'session-expired');
  assert.equal(ddpLoginFailure({ error: 401, reason: 'User not found' }, 'password').code, 'invalid-credentials');
  assert.equal(ddpLoginFailure({ error: 404, reason: "Method 'login' not found" }, 'resume').code, 'login-refused');
});
